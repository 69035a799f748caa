import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRole, Database, Sql } from '../../server/database.ts';
import { migrate, migrationsDir } from '../../server/migrate.ts';
import { backends } from '../helpers/backends.ts';
import { checkIn, reflection } from '../helpers/rows.ts';

const insertSql = (table: string, row: Record<string, unknown>) => {
	const keys = Object.keys(row);
	return [`insert into public.${table} (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row)] as const;
};
/** The SQLSTATE a statement fails with as a role, or "ok". */
const outcome = (db: Database, role: ApiRole, work: (sql: Sql) => Promise<unknown>) =>
	db.asRole(role, { role }, work).then(() => 'ok', (error: { code?: string }) => error.code ?? String(error));

describe.each(backends)('schema and security on $name', (backend) => {
	let db: Database;
	let close: () => Promise<void>;
	beforeAll(async () => ({ db, close } = await backend.open()));
	afterAll(async () => close?.());

	const rows = async (table: string) =>
		(await db.admin.query<{ n: number }>(`select count(*)::integer as n from public.${table}`)).rows[0]!.n;

	it('applies every migration once; running them again changes nothing', async () => {
		expect(await migrate(db)).toEqual([]);
		const { rows: applied } = await db.admin.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version');
		const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
		expect(files.length).toBeGreaterThanOrEqual(4);
		expect(applied.map((r) => r.version)).toEqual(files.map((f) => f.split('_')[0]));
	});

	describe('the RLS matrix: the API roles may insert and nothing else', () => {
		for (const role of ['anon', 'authenticated'] as const) {
			for (const [table, make] of [['check_ins', checkIn], ['reflections', reflection]] as const) {
				it(`${role} on ${table}`, async () => {
					const existing = make();
					await db.admin.query(...insertSql(table, existing));
					const before = await rows(table);
					expect(await outcome(db, role, (sql) => sql.query(...insertSql(table, make())))).toBe('ok');
					expect(await rows(table)).toBe(before + 1);
					expect(await outcome(db, role, (sql) => sql.query(`select * from public.${table}`))).toBe('42501');
					expect(await outcome(db, role, (sql) => sql.query(`select count(*) from public.${table}`))).toBe('42501');
					expect(await outcome(db, role, (sql) => sql.query(`update public.${table} set team = 'sales' where id = $1`, [existing.id]))).toBe('42501');
					expect(await outcome(db, role, (sql) => sql.query(`delete from public.${table} where id = $1`, [existing.id]))).toBe('42501');
					// The row is untouched and the server, not the client, sets created_at.
					const { rows: [kept] } = await db.admin.query<{ team: string }>(`select team from public.${table} where id = $1`, [existing.id]);
					expect(kept?.team).toBe('legal');
					expect(await outcome(db, role, (sql) => sql.query(...insertSql(table, { ...make(), created_at: '2020-01-01T00:00:00Z' })))).toBe('42501');
				});
			}
		}

		it('service_role reads and changes raw rows (for operators and tests)', async () => {
			expect(await outcome(db, 'service_role', (sql) => sql.query('select * from public.check_ins'))).toBe('ok');
			expect(await outcome(db, 'service_role', (sql) => sql.query(`delete from public.reflections where team = 'nobody'`))).toBe('ok');
		});
	});

	describe('every CHECK rejects what it should', () => {
		const bad: Array<[string, 'check_ins' | 'reflections', Record<string, unknown>, string]> = [
			['confidence 0', 'check_ins', checkIn({ confidence: 0 }), '23514'],
			['confidence 6', 'check_ins', checkIn({ confidence: 6 }), '23514'],
			['confidence 3.5', 'check_ins', { ...checkIn(), confidence: 3.5 }, '22P02'],
			['an unknown outcome', 'check_ins', { ...checkIn(), outcome: 'great' }, '23514'],
			['an unknown error_caught', 'check_ins', { ...checkIn(), error_caught: 'sometimes' }, '23514'],
			['an unknown error kind', 'check_ins', { ...checkIn({ error_caught: 'before' }), error_kind: 'typo' }, '23514'],
			['an error kind with nothing caught', 'check_ins', checkIn({ error_caught: 'none', error_kind: 'tone' }), '23514'],
			['negative minutes saved', 'check_ins', checkIn({ minutes_saved: -1 }), '23514'],
			['more than a day saved', 'check_ins', checkIn({ minutes_saved: 481 }), '23514'],
			['a workflow that is not a slug', 'check_ins', checkIn({ workflow: 'NDA Review' }), '23514'],
			['a team with SQL in it', 'check_ins', checkIn({ team: "legal'; drop table check_ins; --" }), '23514'],
			['a slug of 81 characters', 'check_ins', checkIn({ task: 'a'.repeat(81) }), '23514'],
			['a participant that is not a uuid', 'check_ins', { ...checkIn(), participant: 'dana@example.com' }, '22P02'],
			['a missing confidence', 'check_ins', { ...checkIn(), confidence: null }, '23502'],
			['an empty reflection', 'reflections', reflection({ worked: '  ', did_not_work: null, try_next: '' }), '23514'],
			['a reflection over 1000 characters', 'reflections', reflection({ try_next: 'x'.repeat(1001) }), '23514'],
			['an unknown visibility', 'reflections', { ...reflection(), visibility: 'public' }, '23514'],
		];
		it.each(bad)('rejects %s', async (_name, table, row, code) => {
			const before = await rows(table);
			expect(await outcome(db, 'anon', (sql) => sql.query(...insertSql(table, row)))).toBe(code);
			expect(await rows(table)).toBe(before);
		});

		it('accepts the boundaries', async () => {
			for (const row of [checkIn({ confidence: 1, minutes_saved: 0 }), checkIn({ confidence: 5, minutes_saved: 480, error_caught: 'after', error_kind: 'wrong_number' }), checkIn({ error_caught: 'before', error_kind: null })]) {
				expect(await outcome(db, 'anon', (sql) => sql.query(...insertSql('check_ins', row)))).toBe('ok');
			}
			expect(await outcome(db, 'anon', (sql) => sql.query(...insertSql('reflections', reflection({ worked: null, try_next: 'x'.repeat(1000) }))))).toBe('ok');
		});
	});

	it('stores a retried check-in once: the client-made id is the primary key', async () => {
		const row = checkIn();
		expect(await outcome(db, 'anon', (sql) => sql.query(...insertSql('check_ins', row)))).toBe('ok');
		expect(await outcome(db, 'anon', (sql) => sql.query(...insertSql('check_ins', { ...row, confidence: 5 })))).toBe('23505');
		const stored = await db.admin.query<{ confidence: number }>('select confidence from public.check_ins where id = $1', [row.id]);
		expect(stored.rows).toEqual([{ confidence: 3 }]);
	});

	it('hands the JWT claims to SQL exactly as signed, whatever characters they hold', async () => {
		const claims = { role: 'authenticated', sub: "o'brien\\'); drop table public.check_ins; --", name: 'Zoë "ZZ" \u0000 💥', team: "'" };
		const seen = await db.asRole('authenticated', claims, async (sql) =>
			(await sql.query<{ claims: string; role: string }>(`select current_setting('request.jwt.claims') as claims, current_user as role`)).rows[0]!);
		expect(JSON.parse(seen.claims)).toEqual(claims);
		expect(seen.role).toBe('authenticated');
		expect(await rows('check_ins')).toBeGreaterThan(0);
	});
});
