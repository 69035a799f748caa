import { RealtimeClient } from '@supabase/realtime-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ANON_KEY } from '../../endpoint/auth.ts';
import { openPglite, type SqlBackend } from '../../endpoint/database.ts';
import { type Endpoint, startEndpoint } from '../../endpoint/endpoint.ts';
import { migrate } from '../../endpoint/migrate.ts';
import { member } from '../helpers/people.ts';
import { checkIn, sent } from '../helpers/rows.ts';

let db: SqlBackend;
let endpoint: Endpoint;
beforeAll(async () => {
	db = await openPglite();
	await migrate(db);
	endpoint = await startEndpoint({ db, port: 0 });
});
afterAll(async () => {
	await endpoint?.close();
	await db?.close();
});

const client = (key: string) =>
	new RealtimeClient(`${endpoint.url.replace('http', 'ws')}/realtime/v1`, { params: { apikey: key } });

describe('Realtime broadcasts from the embedded endpoint', () => {
	it('pings the team channel, with no data, when a check-in is stored; other teams hear nothing', async () => {
		const realtime = client(LOCAL_ANON_KEY);
		const heard: { team: string; payload: unknown }[] = [];
		for (const team of ['support', 'sales']) {
			const status = await new Promise((resolve) =>
				realtime
					.channel(`indicators:${team}`)
					.on('broadcast', { event: 'check_in' }, (message) => heard.push({ team, payload: message.payload }))
					.subscribe((s) => s !== 'CLOSED' && resolve(s)),
			);
			expect(status).toBe('SUBSCRIBED');
		}
		const { client: supabase } = await member(endpoint.url, ['support']);
		expect((await supabase.from('check_ins').insert(sent(checkIn({ team: 'support' })))).status).toBe(201);
		// A rejected check-in announces nothing.
		expect((await supabase.from('check_ins').insert(sent(checkIn({ team: 'support', confidence: 9 })))).status).toBe(
			400,
		);
		await expect.poll(() => heard.length).toBe(1);
		await new Promise((r) => setTimeout(r, 200));
		expect(heard).toEqual([{ team: 'support', payload: {} }]);
		await realtime.disconnect();
	});

	it('refuses a socket without a valid key', async () => {
		const realtime = client('not-a-key');
		const status = await new Promise((resolve) => realtime.channel('indicators:support').subscribe((s) => resolve(s)));
		expect(status).not.toBe('SUBSCRIBED');
		await realtime.disconnect();
	});
});
