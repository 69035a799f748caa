import { appendFile, copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRole, Sql, SqlBackend } from '../../endpoint/database.ts';
import { migrate, migrationsDir } from '../../endpoint/migrate.ts';
import { DAILY_LIMITS } from '../../src/lib/feedback/model.ts';
import { backends } from '../helpers/backends.ts';
import { type Member, makeMember } from '../helpers/members.ts';
import { checkIn, reflection } from '../helpers/rows.ts';

const insertSql = (table: string, row: Record<string, unknown>) => {
	const keys = Object.keys(row);
	return [
		`insert into public.${table} (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
		Object.values(row),
	] as const;
};
/** The SQLSTATE a statement fails with as a role, or "ok". */
const API_ROLE_CYCLE: ApiRole[] = ['anon', 'service_role', 'authenticated'];
/** Someone's id, sent where the database sets it. */
const SOMEONE = '00000000-0000-4000-8000-00000000dada';
/** A row as a client sends it: the database sets the participant. */
const own = <T extends { participant?: string }>(row: T): Omit<T, 'participant'> => {
	const { participant: _set_by_the_database, ...rest } = row;
	return rest;
};
const outcome = (db: SqlBackend, who: ApiRole | Member, work: (sql: Sql) => Promise<unknown>) =>
	(typeof who === 'string' ? db.asRole(who, { role: who }, work) : db.asRole('authenticated', who.claims, work)).then(
		() => 'ok',
		(error: { code?: string }) => error.code ?? String(error),
	);

describe.each(backends)('schema and security on $name', (backend) => {
	let db: SqlBackend;
	let close: () => Promise<void>;
	/** Two members of legal (not of sales). */
	let member: Member;
	let other: Member;
	beforeAll(async () => {
		({ db, close } = await backend.open());
		member = await makeMember(db, ['legal']);
		other = await makeMember(db, ['legal']);
	});
	afterAll(async () => close?.());

	const rows = async (table: string) =>
		(await db.admin.query<{ n: number }>(`select count(*)::integer as n from public.${table}`)).rows[0]!.n;

	it('applies every migration once; running them again changes nothing', async () => {
		expect(await migrate(db)).toEqual([]);
		const { rows: applied } = await db.admin.query<{ version: string }>(
			'select version from supabase_migrations.schema_migrations order by version',
		);
		const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
		expect(files.length).toBeGreaterThanOrEqual(3);
		expect(applied.map((r) => r.version)).toEqual(files.map((f) => f.split('_')[0]));
	});

	it(
		'refuses a database whose migrations differ from the folder, naming the migration, and changes ' + 'nothing',
		async () => {
			const dir = await mkdtemp(join(tmpdir(), 'praxis-migrations-'));
			try {
				const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
				for (const file of files) await copyFile(join(migrationsDir, file), join(dir, file));
				await appendFile(join(dir, files[0]!), '\n-- edited after it was applied\n');
				await expect(migrate(db, `${dir}/`)).rejects.toThrow(`Migration ${files[0]} has changed since it was applied`);
				await rm(join(dir, files[0]!));
				await expect(migrate(db, `${dir}/`)).rejects.toThrow(/has been applied but is not in supabase\/migrations/);
				expect(await migrate(db)).toEqual([]);
			} finally {
				await rm(dir, { recursive: true, force: true });
			}
		},
	);

	describe('the RLS matrix: members add their own rows, read and delete only their own', () => {
		for (const [table, make] of [
			['check_ins', checkIn],
			['reflections', reflection],
		] as const) {
			it(`anon (no session) can do nothing on ${table}`, async () => {
				const existing = make();
				await db.admin.query(...insertSql(table, existing));
				const before = await rows(table);
				expect(await outcome(db, 'anon', (sql) => sql.query(...insertSql(table, own(make()))))).toBe('42501');
				expect(await outcome(db, 'anon', (sql) => sql.query(...insertSql(table, make())))).toBe('42501');
				expect(await outcome(db, 'anon', (sql) => sql.query(`select * from public.${table}`))).toBe('42501');
				expect(
					await outcome(db, 'anon', (sql) => sql.query(`delete from public.${table} where id = $1`, [existing.id])),
				).toBe('42501');
				expect(await rows(table)).toBe(before);
			});

			it(`a member adds ${table} as themselves, for their team only`, async () => {
				const row = own(make({ team: 'legal' }));
				expect(await outcome(db, member, (sql) => sql.query(...insertSql(table, row)))).toBe('ok');
				const stored = await db.admin.query<{ participant: string }>(
					`select participant from public.${table} where id = $1`,
					[row.id],
				);
				expect(stored.rows).toEqual([{ participant: member.id }]);
				// Sending a participant at all is refused: the column is the database's.
				expect(
					await outcome(db, member, (sql) => sql.query(...insertSql(table, make({ participant: member.id })))),
				).toBe('42501');
				expect(
					await outcome(db, member, (sql) => sql.query(...insertSql(table, make({ participant: other.id })))),
				).toBe('42501');
				// A team one is not a member of.
				expect(await outcome(db, member, (sql) => sql.query(...insertSql(table, own(make({ team: 'sales' })))))).toBe(
					'42501',
				);
			});

			it(`a person reads and deletes their own ${table}, never another's`, async () => {
				const mine = own(make({ team: 'legal' }));
				const theirs = own(make({ team: 'legal' }));
				expect(await outcome(db, member, (sql) => sql.query(...insertSql(table, mine)))).toBe('ok');
				expect(await outcome(db, other, (sql) => sql.query(...insertSql(table, theirs)))).toBe('ok');
				const seen = await db.asRole(
					'authenticated',
					member.claims,
					async (sql) =>
						(await sql.query<{ id: string; participant: string }>(`select id, participant from public.${table}`)).rows,
				);
				expect(seen.length).toBeGreaterThan(0);
				expect(seen.every((r) => r.participant === member.id)).toBe(true);
				expect(seen.map((r) => r.id)).not.toContain(theirs.id);
				const deleted = await db.asRole(
					'authenticated',
					member.claims,
					async (sql) =>
						(await sql.query(`delete from public.${table} where id = any($1::uuid[])`, [[mine.id, theirs.id]]))
							.rowCount,
				);
				expect(deleted).toBe(1);
				const left = await db.admin.query<{ id: string }>(`select id from public.${table} where id = any($1::uuid[])`, [
					[mine.id, theirs.id],
				]);
				expect(left.rows).toEqual([{ id: theirs.id }]);
				expect(
					await outcome(db, member, (sql) =>
						sql.query(`update public.${table} set team = 'sales' where id = $1`, [theirs.id]),
					),
				).toBe('42501');
			});
		}

		it('a person changes who sees their own reflection, and nobody else’s', async () => {
			const mine = own(reflection({ team: 'legal' }));
			const theirs = own(reflection({ team: 'legal' }));
			await outcome(db, member, (sql) => sql.query(...insertSql('reflections', mine)));
			await outcome(db, other, (sql) => sql.query(...insertSql('reflections', theirs)));
			const changed = await db.asRole(
				'authenticated',
				member.claims,
				async (sql) =>
					(
						await sql.query(`update public.reflections set visibility = 'private' where id = any($1::uuid[])`, [
							[mine.id, theirs.id],
						])
					).rowCount,
			);
			expect(changed).toBe(1);
			const { rows: after } = await db.admin.query<{ id: string; visibility: string }>(
				'select id, visibility from public.reflections where id = any($1::uuid[]) order by id = $2 desc',
				[[mine.id, theirs.id], mine.id],
			);
			expect(after).toEqual([
				{ id: mine.id, visibility: 'private' },
				{ id: theirs.id, visibility: 'team' },
			]);
		});

		it('service_role reads and changes raw rows (for operators and tests)', async () => {
			expect(await outcome(db, 'service_role', (sql) => sql.query('select * from public.check_ins'))).toBe('ok');
			expect(
				await outcome(db, 'service_role', (sql) => sql.query(`delete from public.reflections where team = 'nobody'`)),
			).toBe('ok');
		});
	});

	describe('bounded influence: a daily limit per person, in SQL', () => {
		for (const [table, make, limit] of [
			['check_ins', checkIn, DAILY_LIMITS.checkIns],
			['reflections', reflection, DAILY_LIMITS.reflections],
		] as const) {
			it(`${table}: ${limit} a day one by one, then refused; a bulk request over it stores nothing`, async () => {
				const person = await makeMember(db, ['legal']);
				for (let i = 0; i < limit; i++) {
					expect(await outcome(db, person, (sql) => sql.query(...insertSql(table, own(make({ team: 'legal' })))))).toBe(
						'ok',
					);
				}
				const refused = await db
					.asRole('authenticated', person.claims, (sql) => sql.query(...insertSql(table, own(make({ team: 'legal' })))))
					.catch((error: { code: string; message: string }) => error);
				expect(refused).toMatchObject({ code: 'P0001', message: expect.stringContaining(`At most ${limit}`) });

				const bulkPerson = await makeMember(db, ['legal']);
				const bulk = Array.from({ length: limit + 1 }, () => own(make({ team: 'legal' })));
				const keys = Object.keys(bulk[0]!);
				const values = bulk.flatMap((row) => Object.values(row));
				const placeholders = bulk.map((_, r) => `(${keys.map((_, c) => `$${r * keys.length + c + 1}`).join(', ')})`);
				expect(
					await outcome(db, bulkPerson, (sql) =>
						sql.query(`insert into public.${table} (${keys.join(', ')}) values ${placeholders.join(', ')}`, values),
					),
				).toBe('P0001');
				const stored = await db.admin.query<{ n: number }>(
					`select count(*)::integer as n from public.${table} where participant = $1`,
					[bulkPerson.id],
				);
				expect(stored.rows[0]!.n).toBe(0);
			});
		}

		it('two requests at the same moment cannot both pass the count', async () => {
			const person = await makeMember(db, ['legal']);
			const limit = DAILY_LIMITS.checkIns;
			const results = await Promise.all(
				Array.from({ length: limit + 10 }, () =>
					outcome(db, person, (sql) => sql.query(...insertSql('check_ins', own(checkIn({ team: 'legal' }))))),
				),
			);
			expect(results.filter((r) => r === 'ok')).toHaveLength(limit);
			expect(results.filter((r) => r === 'P0001')).toHaveLength(10);
		});
	});

	describe('every CHECK rejects what it should', () => {
		const bad: Array<[string, 'check_ins' | 'reflections', Record<string, unknown>, string]> = [
			['confidence 0', 'check_ins', checkIn({ confidence: 0 }), '23514'],
			['confidence 6', 'check_ins', checkIn({ confidence: 6 }), '23514'],
			['confidence 3.5', 'check_ins', { ...checkIn(), confidence: 3.5 }, '22P02'],
			['an unknown outcome', 'check_ins', { ...checkIn(), outcome: 'great' }, '22P02'],
			['an unknown error_caught', 'check_ins', { ...checkIn(), error_caught: 'sometimes' }, '22P02'],
			['an unknown error kind', 'check_ins', { ...checkIn({ error_caught: 'before' }), error_kind: 'typo' }, '22P02'],
			[
				'an error kind with nothing caught',
				'check_ins',
				checkIn({ error_caught: 'none', error_kind: 'tone' }),
				'23514',
			],
			['negative minutes saved', 'check_ins', checkIn({ minutes_saved: -1 }), '23514'],
			['more than a day saved', 'check_ins', checkIn({ minutes_saved: 481 }), '23514'],
			['a workflow that is not a slug', 'check_ins', checkIn({ workflow: 'NDA Review' }), '23514'],
			// Refused before its CHECK: nobody can be a member of such a team.
			['a team with SQL in it', 'check_ins', checkIn({ team: "legal'; drop table check_ins; --" }), '42501'],
			['a slug of 81 characters', 'check_ins', checkIn({ task: 'a'.repeat(81) }), '23514'],
			['a participant sent by the client', 'check_ins', { ...checkIn(), participant: SOMEONE }, '42501'],
			['a missing confidence', 'check_ins', { ...checkIn(), confidence: null }, '23502'],
			['an empty reflection', 'reflections', reflection({ worked: '  ', did_not_work: null, try_next: '' }), '23514'],
			['a reflection over 1000 characters', 'reflections', reflection({ try_next: 'x'.repeat(1001) }), '23514'],
			['an unknown visibility', 'reflections', { ...reflection(), visibility: 'public' }, '22P02'],
		];
		it.each(bad)('rejects %s', async (_name, table, row, code) => {
			const before = await rows(table);
			const sent = row.participant === SOMEONE ? row : own(row);
			expect(await outcome(db, member, (sql) => sql.query(...insertSql(table, sent)))).toBe(code);
			expect(await rows(table)).toBe(before);
		});

		it('accepts the boundaries', async () => {
			for (const row of [
				checkIn({ confidence: 1, minutes_saved: 0 }),
				checkIn({ confidence: 5, minutes_saved: 480, error_caught: 'after', error_kind: 'wrong_number' }),
				checkIn({ error_caught: 'before', error_kind: null }),
			]) {
				expect(await outcome(db, member, (sql) => sql.query(...insertSql('check_ins', own(row))))).toBe('ok');
			}
			expect(
				await outcome(db, member, (sql) =>
					sql.query(...insertSql('reflections', own(reflection({ worked: null, try_next: 'x'.repeat(1000) })))),
				),
			).toBe('ok');
		});
	});

	it('stores a retried check-in once: the client-made id is the primary key', async () => {
		const row = own(checkIn());
		expect(await outcome(db, other, (sql) => sql.query(...insertSql('check_ins', row)))).toBe('ok');
		expect(await outcome(db, other, (sql) => sql.query(...insertSql('check_ins', { ...row, confidence: 5 })))).toBe(
			'23505',
		);
		const stored = await db.admin.query<{ confidence: number }>(
			'select confidence from public.check_ins where id = $1',
			[row.id],
		);
		expect(stored.rows).toEqual([{ confidence: 3 }]);
	});

	it('hands the JWT claims to SQL exactly as signed, whatever characters they hold', async () => {
		const claims = {
			role: 'authenticated',
			sub: "o'brien\\'); drop table public.check_ins; --",
			name: 'Zoë "ZZ" \u0000 💥',
			team: "'",
		};
		const seen = await db.asRole(
			'authenticated',
			claims,
			async (sql) =>
				(
					await sql.query<{ claims: string; role: string }>(
						`select current_setting('request.jwt.claims') as claims, current_user as role`,
					)
				).rows[0]!,
		);
		expect(JSON.parse(seen.claims)).toEqual(claims);
		expect(seen.role).toBe('authenticated');
		expect(await rows('check_ins')).toBeGreaterThan(0);
	});

	it("hands values to SQL exactly as given, in a request's first statement and in the next", async () => {
		const values = ['o\'brien $2 \\\' -- ; "x"', ['a"b', 'c,d', null, "e'f\\", '{}', ''], 7, null, '$1', '💥'];
		const statement =
			`select $1::text as a, $2::text[] as b, $3::integer as c, $4::text as d, '$1' as e, $5::text ` +
			`as "$2", $6::text as f`;
		const seen = await db.asRole('anon', { role: 'anon' }, async (sql) => [
			(await sql.query(statement, values)).rows[0],
			(await sql.query(statement, values)).rows[0],
		]);
		const expected = { a: values[0], b: values[1], c: 7, d: null, e: '$1', $2: '$1', f: '💥' };
		expect(seen).toEqual([expected, expected]);
	});

	describe('requests at the same moment: each commits or fails on its own, as its own role', () => {
		const stored = async (ids: string[]) =>
			(await db.admin.query<{ id: string }>('select id from public.check_ins where id = any($1::uuid[])', [ids])).rows
				.map((r) => r.id)
				.sort();

		it(
			'a failing request among many loses only its own rows, and the others are stored once ' + 'acknowledged',
			async () => {
				const existing = checkIn();
				await db.admin.query(...insertSql('check_ins', existing));
				const people = await Promise.all(Array.from({ length: 30 }, () => makeMember(db, ['legal'])));
				const rows = people.map(() => own(checkIn()));
				const thrower = own(checkIn());
				const results = await Promise.allSettled([
					...rows.map((row, i) =>
						db.asRole('authenticated', people[i]!.claims, (sql) => sql.query(...insertSql('check_ins', row))),
					),
					db.asRole('authenticated', member.claims, (sql) =>
						sql.query(...insertSql('check_ins', { ...own(existing), confidence: 5 })),
					),
					db.asRole('authenticated', member.claims, async (sql) => {
						await sql.query(...insertSql('check_ins', thrower));
						throw new Error('the request failed after its insert');
					}),
				]);
				expect(results.slice(0, 30).every((r) => r.status === 'fulfilled')).toBe(true);
				expect(results[30]).toMatchObject({ status: 'rejected', reason: { code: '23505' } });
				expect(results[31]).toMatchObject({
					status: 'rejected',
					reason: { message: 'the request failed after its insert' },
				});
				expect(await stored([...rows.map((r) => r.id!), thrower.id!])).toEqual(rows.map((r) => r.id!).sort());
				const kept = await db.admin.query<{ confidence: number }>(
					'select confidence from public.check_ins where id = $1',
					[existing.id],
				);
				expect(kept.rows).toEqual([{ confidence: 3 }]);
			},
		);

		it('each request sees its own role and claims', async () => {
			const roles = Array.from({ length: 30 }, (_, i) => API_ROLE_CYCLE[i % API_ROLE_CYCLE.length]!);
			const seen = await Promise.all(
				roles.map((role, i) =>
					db.asRole(
						role,
						{ role, sub: `caller-${i}` },
						async (sql) =>
							(
								await sql.query<{ role: string; claims: string }>(
									`select current_user as role, current_setting('request.jwt.claims') as claims`,
								)
							).rows[0]!,
					),
				),
			);
			seen.forEach((s, i) => {
				expect(s.role).toBe(roles[i]);
				expect(JSON.parse(s.claims)).toEqual({ role: roles[i], sub: `caller-${i}` });
			});
		});

		it(
			'refuses a request that caught an SQL error and went on, and stores none of it; the others are ' + 'stored',
			async () => {
				const before = own(checkIn());
				const swallowed = own(checkIn());
				const after = own(checkIn());
				const results = await Promise.allSettled([
					db.asRole('authenticated', member.claims, (sql) => sql.query(...insertSql('check_ins', before))),
					db.asRole('authenticated', member.claims, async (sql) => {
						await sql.query(...insertSql('check_ins', swallowed));
						// Another team's rows may not be added: an error, ignored.
						await sql.query(...insertSql('check_ins', own(checkIn({ team: 'sales' })))).catch(() => undefined);
					}),
					db.asRole('authenticated', member.claims, (sql) => sql.query(...insertSql('check_ins', after))),
				]);
				expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
				expect(await stored([before.id!, swallowed.id!, after.id!])).toEqual([before.id!, after.id!].sort());
			},
		);
	});
});
