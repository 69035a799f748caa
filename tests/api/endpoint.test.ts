import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_ROLE_KEY } from '../../endpoint/auth.ts';
import { openPglite, openPostgres, type SqlBackend } from '../../endpoint/database.ts';
import { type Endpoint, startEndpoint } from '../../endpoint/endpoint.ts';
import { startFromEnv } from '../../endpoint/main.ts';
import { migrate } from '../../endpoint/migrate.ts';
import { findPostgresBinaries, startPostgres } from '../../harness/postgres-server.ts';
import type { Database as Schema } from '../../src/lib/data-api/database.ts';
import { member, type Person } from '../helpers/people.ts';
import { checkIn, reflection, sent } from '../helpers/rows.ts';

const sign = (claims: Record<string, unknown>, secret = LOCAL_JWT_SECRET) =>
	new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setExpirationTime('1h')
		.sign(new TextEncoder().encode(secret));

interface Setup {
	name: string;
	open(): Promise<{ db: SqlBackend; close(): Promise<void> }>;
}
const setups: Setup[] = [
	{
		name: 'PGlite',
		open: async () => {
			const db = await openPglite();
			return { db, close: () => db.close() };
		},
	},
	...findPostgresBinaries()
		.slice(0, 1)
		.map(
			(binary): Setup => ({
				name: `PostgreSQL ${binary.major}`,
				async open() {
					const server = await startPostgres(binary);
					const db = await openPostgres(server.url);
					return {
						db,
						close: async () => {
							await db.close();
							await server.stop();
						},
					};
				},
			}),
		),
];

describe.each(setups)('the endpoint over $name, through supabase-js', (setup) => {
	let db: SqlBackend;
	let closeDb: () => Promise<void>;
	let endpoint: Endpoint;
	let anon: SupabaseClient<Schema>;
	let service: SupabaseClient<Schema>;
	/** A member of legal, ops and support, signed in as the site signs people in. */
	let person: Person;
	let writer: SupabaseClient<Schema>;

	beforeAll(async () => {
		({ db, close: closeDb } = await setup.open());
		await migrate(db);
		endpoint = await startEndpoint({ db, port: 0, maxBodyBytes: 64 * 1024 });
		anon = createClient<Schema>(endpoint.url, LOCAL_ANON_KEY, { auth: { persistSession: false } });
		service = createClient<Schema>(endpoint.url, LOCAL_SERVICE_ROLE_KEY, { auth: { persistSession: false } });
		person = await member(endpoint.url, ['legal', 'ops', 'support']);
		writer = person.client;
	});
	afterAll(async () => {
		await endpoint?.close();
		await closeDb?.();
	});

	const total = async () => {
		const { rows } = await db.admin.query<{ n: number }>(
			'select (select count(*) from public.check_ins) + (select count(*) from public.reflections) as n',
		);
		return Number(rows[0]!.n);
	};

	it('inserts a check-in and a reflection for a signed-in member, and nothing for anon', async () => {
		const before = await total();
		const first = await writer.from('check_ins').insert(sent(checkIn()));
		expect(first.error).toBeNull();
		expect(first.status).toBe(201);
		expect((await writer.from('reflections').insert(sent(reflection()))).status).toBe(201);
		// An array goes out with supabase-js's quoted `columns` list.
		expect(
			(
				await writer
					.from('check_ins')
					.insert([sent(checkIn()), sent(checkIn({ error_caught: 'before', error_kind: 'tone' }))])
			).status,
		).toBe(201);
		expect(await total()).toBe(before + 4);
		expect((await anon.from('check_ins').insert(sent(checkIn()))).status).toBe(401);
		expect((await anon.from('check_ins').insert(checkIn())).status).toBe(401);
		expect(await total()).toBe(before + 4);
	});

	it('answers a duplicate id with 409 and stores it once', async () => {
		const row = checkIn({ participant: person.id });
		expect((await writer.from('check_ins').insert(sent(row))).status).toBe(201);
		const again = await writer.from('check_ins').insert(sent(row));
		expect(again.status).toBe(409);
		expect(again.error?.code).toBe('23505');
		// With the service role, PostgREST's ignore-duplicates upsert works too.
		const ignored = await service.from('check_ins').upsert(row, { ignoreDuplicates: true });
		expect(ignored.status).toBe(201);
		const { count } = await service.from('check_ins').select('*', { count: 'exact', head: true }).eq('id', row.id);
		expect(count).toBe(1);
	});

	it('returns the representation to the service role', async () => {
		const row = checkIn({ minutes_saved: 12 });
		const { data, status } = await service.from('check_ins').insert(row).select('id, minutes_saved, created_at');
		expect(status).toBe(201);
		expect(data?.[0]).toMatchObject({ id: row.id, minutes_saved: 12 });
		expect(new Date(data![0]!.created_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
	});

	it('never shows or changes raw rows for anon', async () => {
		const read = await anon.from('check_ins').select('*');
		expect(read.status).toBe(401);
		expect(read.data).toBeNull();
		const before = await total();
		expect((await anon.from('check_ins').update({ confidence: 1 }).eq('team', 'legal')).status).toBe(401);
		expect((await anon.from('check_ins').delete().eq('team', 'legal')).status).toBe(401);
		expect((await anon.from('reflections').select('worked')).status).toBe(401);
		expect(await total()).toBe(before);
	});

	it('calls the read functions', async () => {
		for (const someone of [person, await member(endpoint.url, ['ops']), await member(endpoint.url, ['ops'])]) {
			await someone.client
				.from('check_ins')
				.insert(sent(checkIn({ workflow: 'sql-query-from-question', task: 'data-analysis', team: 'ops' })));
		}
		const summary = await anon.rpc('workflow_summary', { p_workflow: 'sql-query-from-question' });
		expect(summary.error).toBeNull();
		// This week's check-ins are activity: the summary, made of closed weeks, does not show them yet.
		expect(summary.data).toMatchObject({ workflow: 'sql-query-from-question', suppressed: true, minPeople: 4 });
		expect((await anon.rpc('team_indicators', { p_team: 'ops', p_weeks: 4 })).status).toBe(401);
		const indicators = await writer.rpc('team_indicators', { p_team: 'ops', p_weeks: 4 });
		expect(indicators.data).toMatchObject({
			team: 'ops',
			weeks: 4,
			totals: { checkIns: 3, shown: false },
			thisWeekActivity: { checkIns: 3, people: 3 },
		});
		const reflections = await writer.rpc('team_reflections', { p_team: 'legal', p_weeks: 2 });
		expect(reflections.data?.map((week) => week.shown)).toEqual([false, false]);
		const missing = await anon.rpc('no_such_function' as 'workflow_summary', { p_workflow: 'x' });
		expect(missing.status).toBe(404);
		expect(missing.error?.code).toBe('PGRST202');
	});

	it('refuses wrong keys with 401', async () => {
		const wrong = createClient<Schema>(endpoint.url, 'not-a-key', { auth: { persistSession: false } });
		expect((await wrong.from('check_ins').insert(checkIn())).status).toBe(401);
		const forged = createClient<Schema>(
			endpoint.url,
			await sign({ role: 'service_role' }, 'another-secret-that-is-at-least-32-chars'),
			{ auth: { persistSession: false } },
		);
		const forgedRead = await forged.from('check_ins').select('*');
		expect(forgedRead.status).toBe(401);
		expect(forgedRead.data).toBeNull();
	});

	describe('malformed requests: the right 4xx, and the database unchanged', () => {
		const url = (path: string) => `${endpoint.url}/rest/v1/${path}`;
		const headers = (key?: string) => ({
			apikey: key ?? LOCAL_ANON_KEY,
			authorization: `Bearer ${key ?? person.accessToken}`,
			'content-type': 'application/json',
		});
		const good = () => sent(checkIn());
		const post = (body: unknown, path = 'check_ins') => ({
			path,
			init: { method: 'POST', headers: headers(), body: typeof body === 'string' ? body : JSON.stringify(body) },
		});

		const cases: Array<
			[string, () => Promise<{ path: string; init: RequestInit }> | { path: string; init: RequestInit }, number]
		> = [
			[
				'no API key',
				() => ({
					path: 'check_ins',
					init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(good()) },
				}),
				401,
			],
			[
				'a garbage API key',
				() => ({
					path: 'check_ins',
					init: { method: 'POST', headers: headers('garbage'), body: JSON.stringify(good()) },
				}),
				401,
			],
			[
				'a key signed with another secret',
				async () => ({
					path: 'check_ins',
					init: {
						method: 'POST',
						headers: headers(await sign({ role: 'anon' }, 'x'.repeat(40))),
						body: JSON.stringify(good()),
					},
				}),
				401,
			],
			[
				'a forged service_role key',
				async () => ({
					path: 'check_ins?select=*',
					init: { method: 'GET', headers: headers(await sign({ role: 'service_role' }, 'y'.repeat(40))) },
				}),
				401,
			],
			[
				'an expired key',
				async () => ({
					path: 'check_ins',
					init: {
						method: 'POST',
						headers: headers(
							await new SignJWT({ role: 'anon' })
								.setProtectedHeader({ alg: 'HS256' })
								.setExpirationTime(Math.floor(Date.now() / 1000) - 60)
								.sign(new TextEncoder().encode(LOCAL_JWT_SECRET)),
						),
						body: JSON.stringify(good()),
					},
				}),
				401,
			],
			[
				'a key with the postgres role',
				async () => ({
					path: 'check_ins',
					init: { method: 'POST', headers: headers(await sign({ role: 'postgres' })), body: JSON.stringify(good()) },
				}),
				401,
			],
			[
				'an unsigned (alg none) key',
				() => ({
					path: 'check_ins',
					init: {
						method: 'POST',
						headers: headers(
							[{ alg: 'none' }, { role: 'service_role' }, '']
								.map((part) => (part ? Buffer.from(JSON.stringify(part)).toString('base64url') : part))
								.join('.'),
						),
						body: JSON.stringify(good()),
					},
				}),
				401,
			],
			['malformed JSON', () => post('{"id": '), 400],
			['a JSON string body', () => post('"hello"'), 400],
			['an array of numbers', () => post([1, 2]), 400],
			['objects with different keys', () => post([good(), { id: good().id }]), 400],
			['an unknown column', () => post({ ...good(), mood: 'great' }), 400],
			['a SQL injection in a column name', () => post({ ...good(), 'confidence"; drop table check_ins; --': 1 }), 400],
			[
				'a SQL payload in a value (no such team to be a member of)',
				() => post({ ...good(), team: "legal'); delete from check_ins; --" }),
				403,
			],
			['HTML in a slug', () => post({ ...good(), workflow: '<script>alert(1)</script>' }), 400],
			['confidence as text', () => post({ ...good(), confidence: 'high' }), 400],
			['confidence 7', () => post({ ...good(), confidence: 7 }), 400],
			['confidence as a fraction', () => post({ ...good(), confidence: 2.5 }), 400],
			['confidence as an object', () => post({ ...good(), confidence: { value: 3 } }), 400],
			[
				'a missing confidence',
				() => {
					const { confidence: _drop, ...rest } = good();
					return post(rest);
				},
				400,
			],
			['a null participant', () => post({ ...good(), participant: null }), 403],
			['someone else as participant', () => post({ ...good(), participant: crypto.randomUUID() }), 403],
			['an email as participant', () => post({ ...good(), participant: 'dana@example.com' }), 403],
			['an id that is not a uuid', () => post({ ...good(), id: 42 }), 400],
			['an unknown outcome', () => post({ ...good(), outcome: 'amazing' }), 400],
			['an error kind with no catch', () => post({ ...good(), error_kind: 'tone' }), 400],
			['minutes saved of a week', () => post({ ...good(), minutes_saved: 10080 }), 400],
			['minutes saved beyond smallint', () => post({ ...good(), minutes_saved: 99999999 }), 400],
			['a client-chosen created_at', () => post({ ...good(), created_at: '2001-01-01T00:00:00Z' }), 403],
			['a team one is not a member of', () => post({ ...good(), team: 'sales' }), 403],
			['a 900 KB slug (over the body limit)', () => post({ ...good(), team: 'a'.repeat(900 * 1024) }), 413],
			['a 20 KB reflection field', () => post(sent(reflection({ worked: 'x'.repeat(20_000) })), 'reflections'), 400],
			[
				'an empty reflection',
				() => post(sent(reflection({ worked: '', did_not_work: ' ', try_next: null })), 'reflections'),
				400,
			],
			[
				'a reflection visible to "everyone"',
				() => post({ ...sent(reflection()), visibility: 'everyone' }, 'reflections'),
				400,
			],
			['an unknown table', () => post(good(), 'participants'), 404],
			[
				'JSON nested 5,000 levels deep in a row',
				() => post(`{"id":"${crypto.randomUUID()}","worked":${'['.repeat(5000)}${']'.repeat(5000)}}`),
				400,
			],
			[
				'JSON nested 5,000 levels deep in function arguments',
				() => post(`{"p_team":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`, 'rpc/team_indicators'),
				400,
			],
			['a malformed percent-encoding in the path', () => post(good(), '%ZZ'), 400],
			[
				'one upsert touching the same row twice (SQLSTATE 21000)',
				() => {
					const row = checkIn();
					return {
						path: 'check_ins?on_conflict=id',
						init: {
							method: 'POST',
							headers: { ...headers(LOCAL_SERVICE_ROLE_KEY), prefer: 'resolution=merge-duplicates' },
							body: JSON.stringify([row, { ...row, confidence: 5 }]),
						},
					};
				},
				400,
			],
			['a table in another schema', () => post(good(), 'praxis_private.settings'), 404],
			['a nested path', () => post(good(), 'check_ins/extra'), 404],
			['an unknown function', () => post({}, 'rpc/pg_sleep'), 404],
			['a function with unknown arguments', () => post({ workflow: 'x' }, 'rpc/workflow_summary'), 404],
			[
				'a function argument of the wrong type',
				() => post({ p_team: 'legal', p_weeks: 'many' }, 'rpc/team_indicators'),
				400,
			],
			['a period the site does not offer', () => post({ p_team: 'legal', p_weeks: 52 }, 'rpc/team_indicators'), 400],
			['a NUL in a function argument', () => post({ p_team: 'le\u0000gal', p_weeks: 4 }, 'rpc/team_indicators'), 400],
			[
				'a NUL in a filter value',
				() => ({
					path: 'check_ins?team=eq.le%00gal',
					init: { method: 'GET', headers: headers(LOCAL_SERVICE_ROLE_KEY) },
				}),
				400,
			],
			['an RPC with an array body', () => post([1], 'rpc/workflow_summary'), 400],
			[
				'a bad filter',
				() => ({
					path: 'check_ins?team=support',
					init: { method: 'DELETE', headers: headers(LOCAL_SERVICE_ROLE_KEY) },
				}),
				400,
			],
			[
				'an unknown filter operator',
				() => ({
					path: 'check_ins?team=near.support',
					init: { method: 'PATCH', headers: headers(LOCAL_SERVICE_ROLE_KEY), body: '{"confidence": 1}' },
				}),
				400,
			],
			[
				'an update to an invalid value (service role)',
				() => ({
					path: 'check_ins?team=eq.legal',
					init: { method: 'PATCH', headers: headers(LOCAL_SERVICE_ROLE_KEY), body: '{"confidence": 11}' },
				}),
				400,
			],
			[
				'an anon delete of everything',
				() => ({ path: 'check_ins?id=not.is.null', init: { method: 'DELETE', headers: headers(LOCAL_ANON_KEY) } }),
				401,
			],
		];

		it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

		it.each(cases)('%s', async (_name, make, status) => {
			const before = await total();
			const { path, init } = await make();
			const response = await fetch(url(path), init);
			expect(response.status).toBe(status);
			const body = await response.json();
			expect(typeof body.message).toBe('string');
			expect(body).toHaveProperty('code');
			expect(await total()).toBe(before);
		});
	});
});

describe('a restart of the embedded endpoint', () => {
	it('keeps the data in its data folder', async () => {
		const dataDir = await mkdtemp(join(tmpdir(), 'praxis-data-'));
		const env = { PRAXIS_DATA_DIR: dataDir, PRAXIS_ENDPOINT_PORT: '0' };
		try {
			const row = checkIn();
			const first = await startFromEnv(env);
			const { client } = await member(first.url, ['legal']);
			expect((await client.from('check_ins').insert(sent(row))).status).toBe(201);
			await first.close();

			const second = await startFromEnv(env);
			const service = createClient<Schema>(second.url, LOCAL_SERVICE_ROLE_KEY, { auth: { persistSession: false } });
			const { data } = await service.from('check_ins').select('id').eq('id', row.id);
			expect(data).toEqual([{ id: row.id }]);
			await second.close();
		} finally {
			await rm(dataDir, { recursive: true, force: true });
		}
	});
});
