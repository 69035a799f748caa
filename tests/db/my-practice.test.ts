/** What /me/ stands on: a person's own rows only, their follows, deleting all of it, workflow health. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlBackend } from '../../endpoint/database.ts';
import { backends } from '../helpers/backends.ts';
import { type Member, makeMember } from '../helpers/members.ts';
import { checkIn, reflection, storeRows } from '../helpers/rows.ts';
import { inWeek } from '../helpers/weeks.ts';

describe.each(backends)('my practice on $name', (backend) => {
	let db: SqlBackend;
	let close: () => Promise<void>;
	let me: Member;
	let teammate: Member;
	beforeAll(async () => {
		({ db, close } = await backend.open());
		me = await makeMember(db, ['support']);
		teammate = await makeMember(db, ['support']);
	});
	afterAll(async () => close?.());

	const as = <T>(who: Member, text: string, params: unknown[] = []) =>
		db.asRole('authenticated', who.claims, (sql) => sql.query<T & Record<string, unknown>>(text, params));
	const insertAs = async (who: Member, table: string, row: Record<string, unknown>) => {
		const { participant: _from_the_session, ...rest } = row;
		const keys = Object.keys(rest);
		await as(
			who,
			`insert into public.${table} (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
			Object.values(rest),
		);
	};

	it('lets each person read, follow and delete only their own', async () => {
		await insertAs(me, 'check_ins', checkIn({ team: 'support', task: 'customer-replies', workflow: 'a' }));
		await insertAs(teammate, 'check_ins', checkIn({ team: 'support', task: 'customer-replies', workflow: 'b' }));
		await insertAs(me, 'reflections', reflection({ team: 'support', visibility: 'private', worked: 'Mine only.' }));
		await insertAs(me, 'track_follows', { track: 'support-foundations' });
		await insertAs(teammate, 'track_follows', { track: 'support-foundations' });

		const mine = await as<{ workflow: string }>(me, 'select workflow from public.check_ins');
		expect(mine.rows.map((r) => r.workflow)).toEqual(['a']);
		expect((await as(teammate, 'select * from public.reflections')).rows).toEqual([]);
		expect((await as(me, 'select track from public.track_follows')).rows).toEqual([{ track: 'support-foundations' }]);
		// Following for someone else, or twice, is refused.
		await expect(
			as(me, 'insert into public.track_follows (user_id, track) values ($1, $2)', [teammate.id, 'other']),
		).rejects.toMatchObject({ code: '42501' });
		await expect(insertAs(me, 'track_follows', { track: 'support-foundations' })).rejects.toMatchObject({
			code: '23505',
		});
		// Anon reads nothing.
		await expect(
			db.asRole('anon', { role: 'anon' }, (sql) => sql.query('select * from public.track_follows')),
		).rejects.toMatchObject({ code: '42501' });

		const { rows } = await as<{ deleted: object }>(me, 'select public.delete_my_data() as deleted');
		expect(rows[0]!.deleted).toEqual({ checkIns: 1, reflections: 1, trackFollows: 1 });
		const left = await db.admin.query<{ n: number }>(
			`select (select count(*) from public.check_ins where participant = $1)
			      + (select count(*) from public.reflections where participant = $1)
			      + (select count(*) from public.track_follows where user_id = $1) as n`,
			[me.id],
		);
		expect(Number(left.rows[0]!.n)).toBe(0);
		// The teammate's rows are untouched.
		expect((await as(teammate, 'select workflow from public.check_ins')).rows).toEqual([{ workflow: 'b' }]);
		await expect(
			db.asRole('anon', { role: 'anon' }, (sql) => sql.query('select public.delete_my_data()')),
		).rejects.toMatchObject({ code: '42501' });
	});

	it('gives each workflow across teams from shown cells only', async () => {
		const rows = [
			...Array.from({ length: 4 }, () =>
				checkIn({ workflow: 'poor-one', confidence: 1, outcome: 'got_in_the_way', created_at: inWeek(1) }),
			),
			...Array.from({ length: 2 }, () =>
				checkIn({ workflow: 'tiny-one', task: 'summarising', confidence: 5, created_at: inWeek(1) }),
			),
		];
		await storeRows(db, 'check_ins', rows);
		const { rows: answer } = await db.asRole('anon', { role: 'anon' }, (sql) =>
			sql.query<{ health: { workflow: string; meanConfidence: number; gotInTheWayRate: number }[] }>(
				'select public.workflow_health() as health',
			),
		);
		const health = answer[0]!.health;
		expect(health.map((w) => w.workflow)).toEqual(['poor-one']);
		expect(health[0]).toMatchObject({ meanConfidence: 1, gotInTheWayRate: 1, checkIns: 4, weeks: 1 });
	});
});
