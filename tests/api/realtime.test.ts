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
/** A client signed in as a person: its joins carry their access token, as supabase-js's do. */
const signedIn = async (accessToken: string) => {
	const realtime = client(LOCAL_ANON_KEY);
	await realtime.setAuth(accessToken);
	return realtime;
};

/** Subscribes to a team's channel; resolves to the subscription status and what it hears. */
async function listen(realtime: RealtimeClient, team: string, isPrivate: boolean) {
	const heard: unknown[] = [];
	const channel = realtime
		.channel(`indicators:${team}`, { config: { private: isPrivate } })
		.on('broadcast', { event: 'check_in' }, (message) => heard.push(message.payload));
	const status = await new Promise<string>((resolve) => channel.subscribe((s) => s !== 'CLOSED' && resolve(s)));
	// A refused channel would keep asking again.
	if (status !== 'SUBSCRIBED') await realtime.removeChannel(channel);
	return { status, heard, channel };
}

describe('Realtime broadcasts from the embedded endpoint', () => {
	it("pings a team's private channel for its members only, with the task types and nothing else", async () => {
		const teammate = await member(endpoint.url, ['support']);
		const outsider = await member(endpoint.url, ['sales']);
		const mine = await signedIn(teammate.accessToken);
		const theirs = await signedIn(outsider.accessToken);
		const anon = client(LOCAL_ANON_KEY);

		const heard = await listen(mine, 'support', true);
		expect(heard.status).toBe('SUBSCRIBED');
		const otherTeam = await listen(mine, 'sales', true);
		// Not a member, no session, or the public channel of the same name: refused, or never sent to.
		expect((await listen(theirs, 'support', true)).status).toBe('CHANNEL_ERROR');
		expect((await listen(anon, 'support', true)).status).toBe('CHANNEL_ERROR');
		const anonPublic = client(LOCAL_ANON_KEY);
		const publicChannel = await listen(anonPublic, 'support', false);
		expect(publicChannel.status).toBe('SUBSCRIBED');

		// A member cannot broadcast fake pings: the endpoint relays only what the database sends.
		await heard.channel.send({ type: 'broadcast', event: 'check_in', payload: { tasks: ['fake'] } });
		expect((await teammate.client.from('check_ins').insert(sent(checkIn({ team: 'support' })))).status).toBe(201);
		// A rejected check-in announces nothing.
		expect(
			(await teammate.client.from('check_ins').insert(sent(checkIn({ team: 'support', confidence: 9 })))).status,
		).toBe(400);
		await expect.poll(() => heard.heard.length).toBe(1);
		await new Promise((r) => setTimeout(r, 200));
		expect(heard.heard).toEqual([{ tasks: ['contract-review'] }]);
		expect([otherTeam.heard, publicChannel.heard]).toEqual([[], []]);
		for (const realtime of [mine, theirs, anon, anonPublic]) await realtime.disconnect();
	});

	it('refuses a socket without a valid key', async () => {
		const realtime = client('not-a-key');
		const status = await new Promise((resolve) => realtime.channel('indicators:support').subscribe((s) => resolve(s)));
		expect(status).not.toBe('SUBSCRIBED');
		await realtime.disconnect();
	});
});
