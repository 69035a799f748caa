/**
 * The fidelity policy of the embedded endpoint: every request shape supabase-js can send either behaves
 * as PostgREST documents it or is refused with PostgREST's own error for it. One row per shape, through
 * supabase-js where it can send it and raw HTTP where it cannot, on PGlite and each PostgreSQL server.
 * A table and a set-returning function of the test's own (made before the endpoint reads its schema
 * cache) give plain rows to filter, rename and count.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET } from '../../endpoint/auth.ts';
import type { SqlBackend } from '../../endpoint/database.ts';
import { type Endpoint, startEndpoint } from '../../endpoint/endpoint.ts';
import { backends } from '../helpers/backends.ts';

const FIXTURE = `
	create table public.fidelity_items (
		id integer primary key,
		name text,
		score numeric,
		note text default 'plain',
		tags text[],
		body jsonb
	);
	grant select, insert, update, delete on public.fidelity_items to anon;
	create function public.fidelity_list(p_min integer default 0) returns setof public.fidelity_items
	language sql stable as $$ select * from public.fidelity_items where id >= p_min $$;
	grant execute on function public.fidelity_list(integer) to anon;
`;
const ROWS = [
	{ id: 1, name: 'alpha', score: 9, note: null, tags: ['a', 'b'], body: { k: 'one', n: 1 } },
	{ id: 2, name: 'alpine', score: 3, note: 'x', tags: ['b'], body: { k: 'two', n: 2 } },
	{ id: 3, name: 'a,b', score: 7, note: null, tags: [], body: null },
	{ id: 4, name: 'beta', score: 1, note: 'y', tags: ['c'], body: { k: 'four', n: 4 } },
];

describe.each(backends)('PostgREST fidelity over $name', (backend) => {
	let db: SqlBackend;
	let close: () => Promise<void>;
	let endpoint: Endpoint;
	// The test's own table is not in the generated Database types.
	let api: SupabaseClient;

	/** A raw request with the anon key, for shapes supabase-js does not send. */
	const raw = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
		fetch(`${endpoint.url}/rest/v1/${path}`, {
			...init,
			headers: { apikey: LOCAL_ANON_KEY, 'content-type': 'application/json', ...init.headers },
		});
	const ids = (rows: unknown) => (rows as { id: number }[]).map((row) => row.id);
	const stored = async () =>
		ids((await db.admin.query<{ id: number }>('select id from public.fidelity_items order by id')).rows);

	beforeAll(async () => {
		({ db, close } = await backend.open());
		await db.admin.exec(FIXTURE);
		endpoint = await startEndpoint({ db, port: 0 });
		api = createClient(endpoint.url, LOCAL_ANON_KEY, { auth: { persistSession: false } });
	});
	afterAll(async () => {
		await endpoint?.close();
		await close?.();
	});
	const reset = async () => {
		await db.admin.exec('delete from public.fidelity_items');
		expect((await api.from('fidelity_items').insert(ROWS)).error).toBeNull();
	};

	it('single(): one row as an object; none or several are 406 PGRST116, and a mutation is rolled back', async () => {
		await reset();
		const one = await api.from('fidelity_items').select('id, name').eq('id', 2).single();
		expect(one).toMatchObject({ status: 200, data: { id: 2, name: 'alpine' } });
		const none = await api.from('fidelity_items').select().eq('id', 99).single();
		expect(none.status).toBe(406);
		expect(none.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 0 rows' });
		const many = await api.from('fidelity_items').select().like('name', 'alp*').single();
		expect(many.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 2 rows' });
		const maybe = await api.from('fidelity_items').select().eq('id', 99).maybeSingle();
		expect(maybe).toMatchObject({ status: 200, data: null, error: null });
		const twoAsOne = await api
			.from('fidelity_items')
			.insert([
				{ id: 10, name: 'x' },
				{ id: 11, name: 'y' },
			])
			.select()
			.single();
		expect(twoAsOne.status).toBe(406);
		expect(await stored()).toEqual([1, 2, 3, 4]);
		const deleted = await api.from('fidelity_items').delete().gt('id', 2).select().single();
		expect(deleted.status).toBe(406);
		expect(await stored()).toEqual([1, 2, 3, 4]);
	});

	it('Prefer: missing=default gives absent keys their column default; without it they are null', async () => {
		await reset();
		const rows = [{ id: 20, name: 'n', note: 'given' }, { id: 21 }];
		expect((await api.from('fidelity_items').insert(rows, { defaultToNull: false })).status).toBe(201);
		expect((await api.from('fidelity_items').insert([{ id: 22, note: 'given' }, { id: 23 }])).status).toBe(201);
		const { data } = await api.from('fidelity_items').select('id, note').gte('id', 20).order('id');
		expect(data).toEqual([
			{ id: 20, note: 'given' },
			{ id: 21, note: 'plain' },
			{ id: 22, note: 'given' },
			{ id: 23, note: null },
		]);
	});

	it('or=(…) and and=(…) with nesting and negation, * as the like wildcard, quoted in() values', async () => {
		await reset();
		const or = await api
			.from('fidelity_items')
			.select('id')
			.or('name.eq.beta,and(score.gt.5,note.is.null)')
			.order('id');
		expect(ids(or.data)).toEqual([1, 3, 4]);
		const notOr = await raw('fidelity_items?select=id&not.or=(id.eq.1,id.eq.2)&order=id');
		expect(ids(await notOr.json())).toEqual([3, 4]);
		const nested = await raw('fidelity_items?select=id&or=(id.eq.4,not.and(score.lt.8,name.like.alp*))&order=id');
		expect(ids(await nested.json())).toEqual([1, 3, 4]);
		expect(ids((await api.from('fidelity_items').select('id').like('name', 'alp*').order('id')).data)).toEqual([1, 2]);
		expect(ids((await api.from('fidelity_items').select('id').ilike('name', 'ALP%').order('id')).data)).toEqual([1, 2]);
		const quoted = await api.from('fidelity_items').select('id').in('name', ['a,b', 'beta']).order('id');
		expect(ids(quoted.data)).toEqual([3, 4]);
		const inTree = await api.from('fidelity_items').select('id').or('name.in.("a,b",alpha)').order('id');
		expect(ids(inTree.data)).toEqual([1, 3]);
		expect(ids((await api.from('fidelity_items').select('id').contains('tags', ['b']).order('id')).data)).toEqual([
			1, 2,
		]);
		const deep = `or=(${'or('.repeat(2000)}id.eq.1${')'.repeat(2000)})`;
		for (const bad of [
			'or=(id.eq.1,',
			'or=id.eq.1',
			'or=(id.zz.1)',
			'or=()',
			deep,
			'id=in.("a',
			'id=eq',
			'name=eq(any).{"a}',
			'order=id,,name',
		]) {
			const broken = await raw(`fidelity_items?${bad}`);
			expect(broken.status).toBe(400);
			expect(await broken.json()).toMatchObject({ code: 'PGRST100' });
		}
	});

	it('Range and limit/offset: the rows asked for, 206 for part of a counted whole, 416 past its end', async () => {
		await reset();
		const header = await raw('fidelity_items?select=id&order=id', { headers: { range: '1-2', 'range-unit': 'items' } });
		expect(header.status).toBe(200);
		expect(header.headers.get('content-range')).toBe('1-2/*');
		expect(ids(await header.json())).toEqual([2, 3]);
		const counted = await api.from('fidelity_items').select('id', { count: 'exact' }).order('id').range(0, 1);
		expect(counted).toMatchObject({ status: 206, count: 4 });
		expect(ids(counted.data)).toEqual([1, 2]);
		const whole = await api.from('fidelity_items').select('id', { count: 'exact' });
		expect(whole).toMatchObject({ status: 200, count: 4 });
		const past = await raw('fidelity_items?offset=9', { headers: { prefer: 'count=exact' } });
		expect(past.status).toBe(416);
		expect(await past.json()).toMatchObject({
			code: 'PGRST103',
			details: 'An offset of 9 was requested, but there are only 4 rows.',
		});
		const inverted = await raw('fidelity_items', { headers: { range: '3-1' } });
		expect(inverted.status).toBe(416);
		expect((await raw('fidelity_items?limit=-1')).status).toBe(416);
	});

	it('select= renames, casts and JSON paths; stripNulls leaves null keys out', async () => {
		await reset();
		const { data, error } = await api
			.from('fidelity_items')
			.select('label:name, score::text, k:body->>k, n:body->n, tags')
			.eq('id', 1)
			.single();
		expect(error).toBeNull();
		expect(data).toEqual({ label: 'alpha', score: '9', k: 'one', n: 1, tags: ['a', 'b'] });
		const stripped = await api.from('fidelity_items').select('id, note').eq('id', 1).stripNulls();
		expect(stripped.data).toEqual([{ id: 1 }]);
		const injected = await raw(`fidelity_items?select=${encodeURIComponent('id::text union select 1')}`);
		expect(injected.status).toBe(400);
		expect(await injected.json()).toMatchObject({ code: 'PGRST100' });
	});

	it('an unknown column in a filter, select or order is 400 42703, as from PostgreSQL', async () => {
		for (const path of ['fidelity_items?nope=eq.1', 'fidelity_items?select=nope', 'fidelity_items?order=nope']) {
			const response = await raw(path);
			expect(response.status).toBe(400);
			expect(await response.json()).toMatchObject({
				code: '42703',
				message: 'column fidelity_items.nope does not exist',
			});
		}
		const body = await api.from('fidelity_items').insert({ id: 30, nope: 1 });
		expect(body.error).toMatchObject({ code: 'PGRST204' });
	});

	it('another schema, CSV, embedding and aggregates are refused with PostgREST’s errors', async () => {
		const schema = await api.schema('praxis_private').from('week_cells').select();
		expect(schema.status).toBe(406);
		expect(schema.error).toMatchObject({ code: 'PGRST106', message: 'Invalid schema: praxis_private' });
		const write = await api.schema('auth').from('users').insert({});
		expect(write.error).toMatchObject({ code: 'PGRST106' });
		const csv = await api.from('fidelity_items').select().csv();
		expect(csv.status).toBe(406);
		expect(csv.error).toMatchObject({ code: 'PGRST107' });
		const embed = await api.from('fidelity_items').select('id, teams(*)');
		expect(embed.error).toMatchObject({ code: 'PGRST127', message: 'Feature not implemented' });
		const aggregate = await api.from('fidelity_items').select('score.sum()');
		expect(aggregate.error).toMatchObject({ code: 'PGRST123' });
	});

	it('handling=strict refuses unknown preferences and enforces max-affected; tx=rollback keeps nothing', async () => {
		await reset();
		const lenient = await raw('fidelity_items?select=id&id=eq.1', { headers: { prefer: 'bogus=1' } });
		expect(lenient.status).toBe(200);
		const strict = await raw('fidelity_items?select=id', { headers: { prefer: 'handling=strict, bogus=1' } });
		expect(strict.status).toBe(400);
		expect(await strict.json()).toMatchObject({ code: 'PGRST122', details: 'Invalid preferences: bogus=1' });
		const tooMany = await raw('fidelity_items?id=gt.1', {
			method: 'DELETE',
			headers: { prefer: 'handling=strict, max-affected=1' },
		});
		expect(tooMany.status).toBe(400);
		expect(await tooMany.json()).toMatchObject({ code: 'PGRST124', details: 'The query affects 3 rows' });
		expect(await stored()).toEqual([1, 2, 3, 4]);
		const applied = await raw('fidelity_items?id=eq.4', {
			method: 'DELETE',
			headers: { prefer: 'handling=strict, max-affected=1' },
		});
		expect(applied.status).toBe(204);
		expect(applied.headers.get('preference-applied')).toBe('handling=strict, max-affected=1');
		const rolledBack = await api.from('fidelity_items').insert({ id: 40, name: 'gone' }).select().rollback();
		expect(rolledBack).toMatchObject({ status: 201, data: [{ id: 40, name: 'gone' }] });
		expect(await stored()).toEqual([1, 2, 3]);
	});

	it('filters, order and limits on a set-returning function, by GET and by POST', async () => {
		await reset();
		const get = await api.rpc('fidelity_list', { p_min: 2 }, { get: true }).like('name', 'a*').select('id');
		expect(get.error).toBeNull();
		expect(ids(get.data)).toEqual([2, 3]);
		const post = await api.rpc('fidelity_list', { p_min: 1 }).order('score', { ascending: false }).limit(2);
		expect(ids(post.data)).toEqual([1, 3]);
		const counted = await api.rpc('fidelity_list', {}, { count: 'exact' }).range(0, 0);
		expect(counted).toMatchObject({ status: 206, count: 4 });
		const unknown = await api.rpc('fidelity_list', {}).eq('nope', 1);
		expect(unknown.status).toBe(400);
		expect(unknown.error).toMatchObject({ code: '42703' });
		const scalar = await api.rpc('workflow_summary', { p_workflow: 'x' }).eq('team', 'a');
		expect(scalar.error).toMatchObject({ code: 'PGRST127' });
	});

	it('a signed JWT without a role claim is the anonymous role, as in PostgREST', async () => {
		const token = await new SignJWT({ aud: 'praxis' })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setExpirationTime('1h')
			.sign(new TextEncoder().encode(LOCAL_JWT_SECRET));
		const asAnon = await raw('rpc/team_indicators', {
			method: 'POST',
			headers: { authorization: `Bearer ${token}` },
			body: JSON.stringify({ p_team: 'ops' }),
		});
		expect(asAnon.status).toBe(401);
		const read = await raw('fidelity_items?select=id&id=eq.1', { headers: { authorization: `Bearer ${token}` } });
		expect(read.status).toBe(200);
	});

	it('CORS allows every header supabase-js sends, retries included', async () => {
		const preflight = await fetch(`${endpoint.url}/rest/v1/fidelity_items`, {
			method: 'OPTIONS',
			headers: { origin: 'http://localhost:4321', 'access-control-request-headers': 'x-retry-count' },
		});
		const allowed = preflight.headers.get('access-control-allow-headers')?.split(', ') ?? [];
		for (const name of [
			'apikey',
			'authorization',
			'prefer',
			'range',
			'accept-profile',
			'x-retry-count',
			'x-client-info',
		]) {
			expect(allowed).toContain(name);
		}
	});
});
