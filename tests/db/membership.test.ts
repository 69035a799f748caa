/**
 * Team membership in SQL: join codes (valid, used up, withdrawn, expired), seats, and a team's figures
 * and reflections for its members only. The padding attack that broke k-anonymity (invented ids
 * making a small team's figures visible) needs rows under ids nobody signed in as: refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlBackend } from '../../endpoint/database.ts';
import { backends } from '../helpers/backends.ts';
import { type Member, makeMember } from '../helpers/members.ts';
import { checkIn } from '../helpers/rows.ts';

describe.each(backends)('team membership on $name', (backend) => {
	let db: SqlBackend;
	let close: () => Promise<void>;
	beforeAll(async () => ({ db, close } = await backend.open()));
	afterAll(async () => close?.());

	const service = async <T>(call: string, params: unknown[]) =>
		JSON.parse(
			(
				await db.asRole('service_role', { role: 'service_role' }, (sql) =>
					sql.query<{ body: string }>(`select (${call})::text as body`, params),
				)
			).rows[0]!.body,
		) as T;
	const newCode = (team: string, seats: number, days = 14) =>
		service<{ id: string; code: string; seats: number }>('public.create_join_code($1, $2, $3)', [team, seats, days]);
	const person = async () => makeMember(db, []);
	const as = (who: Member | 'anon', call: string, params: unknown[]) =>
		db
			.asRole(who === 'anon' ? 'anon' : 'authenticated', who === 'anon' ? { role: 'anon' } : who.claims, (sql) =>
				sql.query<{ body: string }>(`select (${call})::text as body`, params),
			)
			.then(
				(result) => JSON.parse(result.rows[0]!.body) as Record<string, unknown>,
				(error: { code: string; message: string }) => ({ error: error.code, message: error.message }),
			);
	const join = (who: Member | 'anon', code: string) => as(who, 'public.join_team($1)', [code]);
	const seats = (team: string) => as('anon', 'public.team_seats($1)', [team]);

	it('admits people up to the seats, counts a re-join as no seat, and shows the seats used', async () => {
		const { code } = await newCode('ops', 2);
		const [a, b, c] = [await person(), await person(), await person()];
		expect(await join(a, code)).toEqual({ team: 'ops', joined: true });
		expect(await join(a, code)).toEqual({ team: 'ops', joined: false });
		expect(await join(b, code)).toEqual({ team: 'ops', joined: true });
		expect(await join(c, code)).toMatchObject({ error: '22023', message: 'This join link has no seats left' });
		expect(await seats('ops')).toEqual({ team: 'ops', seats: 2, used: 2, members: 2 });
		const { rows } = await db.admin.query(
			'select user_id from public.team_members where team = $1 order by joined_at',
			['ops'],
		);
		expect(rows.map((r) => r.user_id).sort()).toEqual([a.id, b.id].sort());
	});

	it('refuses a withdrawn, an expired and a made-up code, and anyone without a session', async () => {
		const withdrawn = await newCode('finance', 5);
		await service('public.revoke_join_code($1)', [withdrawn.id]);
		const expired = await newCode('finance', 5);
		await db.admin.query(
			`update praxis_private.join_codes set expires_at = now() - interval '1 second' where id = $1`,
			[expired.id],
		);
		const someone = await person();
		expect(await join(someone, withdrawn.code)).toMatchObject({
			error: '22023',
			message: 'This join link has been withdrawn',
		});
		expect(await join(someone, expired.code)).toMatchObject({ error: '22023', message: 'This join link has expired' });
		expect(await join(someone, 'a'.repeat(64))).toMatchObject({
			error: '22023',
			message: 'This join link is not valid',
		});
		expect(await join('anon', (await newCode('finance', 5)).code)).toMatchObject({ error: '42501' });
		expect(await seats('finance')).toMatchObject({ used: 0, members: 0 });
		// Only the service role makes, lists and withdraws codes.
		expect(await as(someone, 'public.create_join_code($1, $2)', ['finance', 100])).toMatchObject({ error: '42501' });
		expect(await as(someone, 'public.team_join_codes($1)', ['finance'])).toMatchObject({ error: '42501' });
		const listed = await service<{ id: string; code?: string }[]>('public.team_join_codes($1)', ['finance']);
		expect(listed).toHaveLength(3);
		expect(JSON.stringify(listed)).not.toContain(withdrawn.code);
		// The code is stored only as its hash.
		const stored = await db.admin.query('select * from praxis_private.join_codes');
		expect(JSON.stringify(stored.rows)).not.toContain(withdrawn.code);
	});

	it("keeps a team's figures and reflections for its members, and the padding attack out", async () => {
		const { code } = await newCode('hr', 10);
		const members = await Promise.all(Array.from({ length: 3 }, () => person()));
		for (const m of members) await join(m, code);
		const outsider = await person();
		for (const call of ['public.team_indicators($1)', 'public.workflow_summary($2, $1)']) {
			const params = call.includes('$2') ? ['hr', 'nda-first-pass-review'] : ['hr'];
			expect(await as(outsider, call, params)).toMatchObject({ error: '42501' });
			expect(await as('anon', call, params)).toMatchObject({ error: '42501' });
			expect(await as(members[0]!, call, params)).not.toHaveProperty('error');
		}
		expect(await as(outsider, 'public.team_reflections($1)', ['hr'])).toMatchObject({ error: '42501' });
		expect(await as(members[1]!, 'public.team_reflections($1)', ['hr'])).toHaveLength(4);

		// The attack: rows under invented ids, to lift a small team over k. Every way is refused.
		const invented = Array.from({ length: 3 }, () => checkIn({ team: 'hr', participant: randomUUID() }));
		for (const row of invented) {
			for (const who of [outsider, members[0]!] as const) {
				const keys = Object.keys(row);
				const refused = await db
					.asRole('authenticated', who.claims, (sql) =>
						sql.query(
							`insert into public.check_ins (${keys.join(', ')}) values ` +
								`(${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
							Object.values(row),
						),
					)
					.then(
						() => 'stored',
						(error: { code: string }) => error.code,
					);
				expect(refused).toBe('42501');
			}
		}
		const { rows } = await db.admin.query(`select count(*)::integer as n from public.check_ins where team = 'hr'`);
		expect(rows[0]!.n).toBe(0);
	});

	it('refuses a join link that lasts no time or for ever', async () => {
		for (const days of [0, 366]) {
			await expect(newCode('ops', 3, days)).rejects.toMatchObject({ code: '22023' });
		}
	});
});
