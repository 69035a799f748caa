/**
 * Supabase Auth through the embedded endpoint, with the real supabase-js (auth-js) client: anonymous
 * sign-in, refresh with rotation, expiry, the sign-in rate limit, logout; then membership through the
 * data API: join with a link's code, add check-ins as oneself, read one's own rows and nobody else's.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY } from '../../endpoint/auth.ts';
import { openPglite, type SqlBackend } from '../../endpoint/database.ts';
import { type Endpoint, startEndpoint } from '../../endpoint/endpoint.ts';
import { migrate } from '../../endpoint/migrate.ts';
import type { Database } from '../../src/lib/data-api/database.ts';

let db: SqlBackend;
let endpoint: Endpoint;
beforeAll(async () => {
	db = await openPglite();
	await migrate(db);
	endpoint = await startEndpoint({
		db,
		port: 0,
		accessTokenSeconds: 2,
		anonymousSignInsPerHour: 8,
		refreshReuseSeconds: 1,
	});
});
afterAll(async () => {
	await endpoint?.close();
	await db?.close();
});

const client = () =>
	createClient<Database>(endpoint.url, LOCAL_ANON_KEY, { auth: { persistSession: false, autoRefreshToken: false } });
const service = () => createClient<Database>(endpoint.url, LOCAL_SERVICE_ROLE_KEY, { auth: { persistSession: false } });
/** The refresh-token grant, called directly. */
const grant = async (refreshToken: string) => {
	const response = await fetch(`${endpoint.url}/auth/v1/token?grant_type=refresh_token`, {
		method: 'POST',
		headers: { apikey: LOCAL_ANON_KEY },
		body: JSON.stringify({ refresh_token: refreshToken }),
	});
	return { status: response.status, body: await response.json() };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const row = (team: string) => ({
	id: crypto.randomUUID(),
	workflow: 'escalated-ticket-reply',
	task: 'customer-replies',
	team,
	confidence: 4,
	outcome: 'helped' as const,
});

describe('Supabase Auth on the embedded endpoint', () => {
	let first: SupabaseClient<Database>;
	let firstAccess: string;

	it('signs in anonymously: a random id, no email, and a different person each time', async () => {
		first = client();
		const { data, error } = await first.auth.signInAnonymously();
		expect(error).toBeNull();
		expect(data.user).toMatchObject({ aud: 'authenticated', role: 'authenticated', is_anonymous: true, email: '' });
		expect(data.session?.expires_in).toBe(2);
		firstAccess = data.session!.access_token;
		const second = await client().auth.signInAnonymously();
		expect(second.data.user!.id).not.toBe(data.user!.id);
		expect((await first.auth.getUser()).data.user?.id).toBe(data.user!.id);
		const settings = await fetch(`${endpoint.url}/auth/v1/settings`, { headers: { apikey: LOCAL_ANON_KEY } });
		expect(await settings.json()).toMatchObject({ external: { anonymous_users: true, email: false } });
	});

	it('refuses an expired access token and refreshes with rotation', async () => {
		await sleep(2100);
		const expired = await fetch(`${endpoint.url}/rest/v1/check_ins?select=id`, {
			headers: { apikey: LOCAL_ANON_KEY, authorization: `Bearer ${firstAccess}` },
		});
		expect([expired.status, (await expired.json()).message]).toEqual([401, 'JWT expired']);
		const user = await fetch(`${endpoint.url}/auth/v1/user`, {
			headers: { apikey: LOCAL_ANON_KEY, authorization: `Bearer ${firstAccess}` },
		});
		expect(user.status).toBe(403);
		// supabase-js refreshes an expired session before it sends anything.
		const refreshed = await first.auth.refreshSession();
		expect(refreshed.error).toBeNull();
		expect((await first.from('check_ins').select('id')).status).toBe(200);
		// auth-js itself refreshes a session this short-lived whenever it looks at it; from here the
		// grant is called directly, as two tabs would.
		const current = refreshed.data.session!.refresh_token;
		const once = await grant(current);
		expect(once.status).toBe(200);
		expect(once.body.refresh_token).not.toBe(current);
		// Within the reuse interval the used token answers with the session's current one...
		const twice = await grant(current);
		expect([twice.status, twice.body.refresh_token]).toEqual([200, once.body.refresh_token]);
		// ...after it, using it again looks like theft and ends the session.
		await sleep(1100);
		const reused = await grant(current);
		expect([reused.status, reused.body.code]).toEqual([400, 'refresh_token_already_used']);
		const afterTheft = await grant(once.body.refresh_token);
		expect([afterTheft.status, afterTheft.body.code]).toEqual([400, 'refresh_token_not_found']);
		expect((await grant('never-issued')).body.code).toBe('refresh_token_not_found');
	});

	it('ends a session on logout', async () => {
		const person = client();
		const { data } = await person.auth.signInAnonymously();
		const token = data.session!.refresh_token;
		expect((await person.auth.signOut()).error).toBeNull();
		const after = await client().auth.refreshSession({ refresh_token: token });
		expect(after.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
	});

	it("refuses what it does not serve, in GoTrue's shape", async () => {
		const email = await client().auth.signUp({ email: 'dana@example.com', password: 'correct horse battery' });
		expect(email.error).toMatchObject({ status: 400, code: 'email_provider_disabled' });
		const password = await client().auth.signInWithPassword({ email: 'dana@example.com', password: 'x' });
		expect(password.error?.status).toBe(400);
		const noKey = await fetch(`${endpoint.url}/auth/v1/signup`, { method: 'POST', body: '{}' });
		expect(noKey.status).toBe(401);
		const garbage = await fetch(`${endpoint.url}/auth/v1/signup`, {
			method: 'POST',
			headers: { apikey: LOCAL_ANON_KEY },
			body: '{"data":',
		});
		expect([garbage.status, (await garbage.json()).code]).toEqual([400, 'bad_json']);
	});

	it('limits anonymous sign-ins per address, with a 429 in GoTrue shape', async () => {
		const results = [];
		for (let i = 0; i < 8; i++) results.push(await client().auth.signInAnonymously());
		const refused = results.find((r) => r.error);
		expect(refused?.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
	});
});

describe('membership through the data API', () => {
	it('joins with a code, checks in as oneself, reads only its own rows; a non-member is refused', async () => {
		const { data: made } = await service().rpc('create_join_code', { p_team: 'support', p_seats: 2 });
		const code = (made as { code: string }).code;
		// The rate-limit test used this address's sign-ins: sessions here are made directly.
		const people = await Promise.all(
			[0, 1, 2].map(async () => {
				const person = client();
				const response = await fetch(`${endpoint.url}/auth/v1/token?grant_type=refresh_token`, {
					method: 'POST',
					headers: { apikey: LOCAL_ANON_KEY },
					body: JSON.stringify({ refresh_token: await sessionToken() }),
				});
				const session = await response.json();
				await person.auth.setSession({ access_token: session.access_token, refresh_token: session.refresh_token });
				return person;
			}),
		);
		const [a, b, outsider] = people as [SupabaseClient<Database>, SupabaseClient<Database>, SupabaseClient<Database>];
		expect((await a.rpc('join_team', { p_code: code })).data).toEqual({ team: 'support', joined: true });
		expect((await b.rpc('join_team', { p_code: code })).data).toEqual({ team: 'support', joined: true });
		const full = await outsider.rpc('join_team', { p_code: code });
		expect(full.error).toMatchObject({ message: 'This join link has no seats left' });
		expect(full.status).toBe(400);

		const mine = row('support');
		expect((await a.from('check_ins').insert(mine)).status).toBe(201);
		expect((await b.from('check_ins').insert(row('support'))).status).toBe(201);
		const notMine = await outsider.from('check_ins').insert(row('support'));
		expect(notMine.status).toBe(403);
		const padded = await a.from('check_ins').insert({ ...row('support'), participant: crypto.randomUUID() } as never);
		expect(padded.status).toBe(403);
		// Membership comes only from a join code: no one writes team_members or reads another's.
		const { data: me0 } = await outsider.auth.getUser();
		const selfAdmitted = await outsider.from('team_members').insert({ team: 'support', user_id: me0.user!.id });
		expect(selfAdmitted.status).toBe(403);
		expect((await outsider.from('team_members').select('team')).data).toEqual([]);
		expect((await a.from('team_members').select('team, user_id')).data).toHaveLength(1);
		const madeCode = await a.rpc('create_join_code', { p_team: 'support', p_seats: 100 });
		expect(madeCode.status).toBe(403);
		const seen = await a.from('check_ins').select('id, participant');
		const { data: me } = await a.auth.getUser();
		expect(seen.data).toEqual([{ id: mine.id, participant: me.user!.id }]);
		expect((await outsider.from('check_ins').select('id')).data).toEqual([]);
		expect((await outsider.rpc('team_indicators', { p_team: 'support' })).status).toBe(403);
		expect((await client().rpc('team_indicators', { p_team: 'support' })).status).toBe(401);
		expect((await a.rpc('team_indicators', { p_team: 'support' })).data).toMatchObject({ team: 'support' });
		expect((await client().rpc('team_seats', { p_team: 'support' })).data).toEqual({
			team: 'support',
			seats: 2,
			used: 2,
			members: 2,
		});
	});
});

/** A fresh session's refresh token, made in the database as a sign-in would (past the rate limit). */
async function sessionToken(): Promise<string> {
	const id = crypto.randomUUID();
	const session = crypto.randomUUID();
	const token = crypto.randomUUID();
	await db.admin.query(
		`insert into auth.users (id, aud, role, is_anonymous) values ($1, 'authenticated', 'authenticated', true)`,
		[id],
	);
	await db.admin.query('insert into auth.sessions (id, user_id) values ($1, $2)', [session, id]);
	await db.admin.query('insert into auth.refresh_tokens (token, user_id, session_id) values ($1, $2, $3)', [
		token,
		id,
		session,
	]);
	return token;
}
