/**
 * The read functions' rules, case by case: what a closed week shows and hides, what the current week
 * shows (activity only), that published weeks never change, and what the digest gives out. The same
 * figures on random data are in indicator-figures.test.ts; attacks combining calls in privacy-attacks.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlBackend } from '../../endpoint/database.ts';
import { backends } from '../helpers/backends.ts';
import { type Member, makeMember } from '../helpers/members.ts';
import { type CheckInRow, checkIn, type ReflectionRow, reflection } from '../helpers/rows.ts';
import { inWeek, monday } from '../helpers/weeks.ts';

// biome-ignore lint/suspicious/noExplicitAny: shapes asserted below
type Json = Record<string, any>;

describe.each(backends)('read functions on $name', (backend) => {
	let db: SqlBackend;
	let close: () => Promise<void>;
	/** A member of the teams read here, with no check-ins of their own: a team's figures are for members. */
	let reader: Member;
	beforeAll(async () => {
		({ db, close } = await backend.open());
		reader = await makeMember(db, ['legal', 'sales']);
	});
	afterAll(async () => close?.());
	beforeEach(async () => {
		await db.admin.query(
			'truncate public.check_ins, public.reflections, praxis_private.week_cells, praxis_private.published_weeks',
		);
	});

	const insert = async (table: string, rows: (CheckInRow | ReflectionRow)[]) => {
		for (const row of rows) {
			const keys = Object.keys(row);
			await db.admin.query(
				`insert into public.${table} (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
				Object.values(row),
			);
		}
	};
	const add = (rows: CheckInRow[]) => insert('check_ins', rows);
	/** Calls a read function as a member of the team, exactly as the site does. */
	const rpc = async (call: string, params: unknown[]): Promise<Json> => {
		const { rows } = await db.asRole('authenticated', reader.claims, (sql) =>
			sql.query<{ body: string }>(`select to_json(${call})::text as body`, params),
		);
		return JSON.parse(rows[0]!.body);
	};
	const people = (n: number) => Array.from({ length: n }, () => randomUUID());
	const lastWeek = inWeek(1);

	describe('workflow_summary', () => {
		it('shows nothing for a workflow under k + 1 people a week, however many check-ins', async () => {
			// Three people a week (k = 3): a member among them would face only two others.
			for (const weeksAgo of [1, 2, 3]) {
				await add(
					people(3).flatMap((participant) =>
						Array.from({ length: 5 }, () => checkIn({ participant, created_at: inWeek(weeksAgo) })),
					),
				);
			}
			const summary = await rpc('public.workflow_summary($1)', ['nda-first-pass-review']);
			expect(summary).toMatchObject({ workflow: 'nda-first-pass-review', k: 3, minPeople: 4, suppressed: true });
			expect(Object.keys(summary).sort()).toEqual([
				'k',
				'minPeople',
				'since',
				'suppressed',
				'team',
				'until',
				'workflow',
			]);
		});

		it('weighs each person equally: thirty check-ins by one person move the mean as one person does', async () => {
			const [a, b, c, flooder] = people(4);
			await add([
				checkIn({ participant: a, confidence: 4, created_at: lastWeek }),
				checkIn({ participant: b, confidence: 4, created_at: lastWeek }),
				checkIn({ participant: c, confidence: 4, created_at: lastWeek }),
				...Array.from({ length: 30 }, () =>
					checkIn({ participant: flooder, confidence: 1, outcome: 'got_in_the_way', created_at: lastWeek }),
				),
			]);
			const summary = await rpc('public.workflow_summary($1, $2)', ['nda-first-pass-review', 'legal']);
			expect(summary).toMatchObject({
				suppressed: false,
				checkIns: 33,
				personWeeks: 4,
				weeks: 1,
				meanConfidence: 3.25,
				helpedRate: 0.75,
				gotInTheWayRate: 0.25,
			});
			const team = await rpc('public.team_indicators($1)', ['legal']);
			expect(team.totals).toMatchObject({ shown: true, checkIns: 33, meanConfidence: 3.25, helpedRate: 0.75 });
		});

		it("builds the all-teams figure only from teams' shown cells", async () => {
			await add(people(4).map((participant) => checkIn({ participant, confidence: 4, created_at: lastWeek })));
			const withLegal = await rpc('public.workflow_summary($1)', ['nda-first-pass-review']);
			// A team of two with very different answers: it must not move the figure at all.
			await db.admin.query('truncate praxis_private.week_cells, praxis_private.published_weeks');
			await add(
				people(2).map((participant) =>
					checkIn({ participant, team: 'sales', confidence: 1, outcome: 'got_in_the_way', created_at: lastWeek }),
				),
			);
			const withBoth = await rpc('public.workflow_summary($1)', ['nda-first-pass-review']);
			expect(withBoth).toEqual(withLegal);
			expect(withBoth).toMatchObject({ suppressed: false, checkIns: 4, meanConfidence: 4 });
			expect(await rpc('public.workflow_summary($1, $2)', ['nda-first-pass-review', 'sales'])).toMatchObject({
				suppressed: true,
			});
		});

		it('leaves the current week out: a check-in today changes nothing until the week closes', async () => {
			await add(people(5).map((participant) => checkIn({ participant, created_at: lastWeek })));
			const before = await rpc('public.workflow_summary($1, $2)', ['nda-first-pass-review', 'legal']);
			await add(people(5).map((participant) => checkIn({ participant, confidence: 1 })));
			expect(await rpc('public.workflow_summary($1, $2)', ['nda-first-pass-review', 'legal'])).toEqual(before);
		});
	});

	describe('team_indicators', () => {
		it('shows this week as activity only, closed weeks with measures where k + 1 took part', async () => {
			const four = people(4);
			await add([
				...four.map((participant) => checkIn({ participant, confidence: 5, created_at: inWeek(1) })),
				// Two weeks ago, three people: activity shown, measures hidden.
				...four.slice(0, 3).map((participant) => checkIn({ participant, confidence: 1, created_at: inWeek(2) })),
				// This week, one person.
				checkIn({ participant: four[0], confidence: 2 }),
			]);
			const result = await rpc('public.team_indicators($1, $2)', ['legal', 4]);
			expect(result).toMatchObject({ team: 'legal', weeks: 4, k: 3, minPeople: 4 });
			expect(result.thisWeekActivity).toEqual({
				checkIns: 1,
				people: 1,
				tasks: [{ task: 'contract-review', checkIns: 1, people: 1 }],
			});
			const weeks = result.weekly.map((w: Json) => [w.closed, w.checkIns, w.people, w.shown, w.meanConfidence]);
			expect(weeks).toEqual([
				[true, 0, 0, false, undefined],
				[true, 3, 3, false, undefined],
				[true, 4, 4, true, 5],
				[false, 1, 1, false, undefined],
			]);
			expect(result.totals).toMatchObject({ checkIns: 8, shown: true, shownCheckIns: 4, meanConfidence: 5 });
			expect(result.tasks).toEqual([
				expect.objectContaining({ task: 'contract-review', checkIns: 8, personWeeks: 8, shownCheckIns: 4 }),
			]);
		});

		it('hides the workflows of a task type together when one alone would be hidden', async () => {
			const five = people(5);
			await add([
				...five.slice(0, 4).map((participant) => checkIn({ participant, created_at: lastWeek })),
				checkIn({ participant: five[4], workflow: 'clause-comparison', confidence: 1, created_at: lastWeek }),
			]);
			const result = await rpc('public.team_indicators($1, $2)', ['legal', 4]);
			// The task type (five people) is shown; its workflows are not: the one with four people minus the task
			// would give away the fifth person.
			expect(result.tasks[0]).toMatchObject({ shown: true, shownPersonWeeks: 5, meanConfidence: 2.6 });
			expect(result.workflows).toEqual([]);
			await db.admin.query('truncate praxis_private.week_cells, praxis_private.published_weeks');
			// With four on the other workflow too, both are shown.
			await add(
				people(3).map((participant) =>
					checkIn({ participant, workflow: 'clause-comparison', confidence: 1, created_at: lastWeek }),
				),
			);
			const both = await rpc('public.team_indicators($1, $2)', ['legal', 4]);
			expect(both.workflows.map((w: Json) => [w.workflow, w.checkIns, w.meanConfidence])).toEqual([
				['clause-comparison', 4, 1],
				['nda-first-pass-review', 4, 3],
			]);
		});

		it('never changes a published week: rows deleted or backdated later leave it as it was', async () => {
			const five = people(5);
			await add(five.map((participant, i) => checkIn({ participant, confidence: 1 + i, created_at: lastWeek })));
			const before = await rpc('public.team_indicators($1, $2)', ['legal', 4]);
			await db.admin.query('delete from public.check_ins where participant = $1', [five[0]]);
			await add([checkIn({ confidence: 5, created_at: lastWeek })]);
			const after = await rpc('public.team_indicators($1, $2)', ['legal', 4]);
			expect({ ...after, generatedAt: '' }).toEqual({ ...before, generatedAt: '' });
		});

		it('lets an import republish weeks published empty, and never a week with figures', async () => {
			await rpc('public.team_indicators($1, $2)', ['legal', 4]);
			await add(people(4).map((participant) => checkIn({ participant, created_at: lastWeek })));
			const service = (sql: string) =>
				db.asRole('service_role', { role: 'service_role' }, (q) => q.query<{ done: boolean }>(sql));
			// Published before the import: empty. The import's rows show after the reset.
			expect((await rpc('public.team_indicators($1, $2)', ['legal', 4])).totals.shown).toBe(false);
			expect((await service('select public.reset_empty_publication() as done')).rows[0]!.done).toBe(true);
			expect((await rpc('public.team_indicators($1, $2)', ['legal', 4])).totals.shown).toBe(true);
			// Now weeks hold figures: a reset changes nothing.
			await add(people(4).map((participant) => checkIn({ participant, confidence: 5, created_at: lastWeek })));
			const before = await rpc('public.team_indicators($1, $2)', ['legal', 4]);
			expect((await service('select public.reset_empty_publication() as done')).rows[0]!.done).toBe(false);
			expect((await rpc('public.team_indicators($1, $2)', ['legal', 4])).totals).toEqual(before.totals);
			// Members cannot call it at all.
			await expect(rpc('public.reset_empty_publication()', [])).rejects.toMatchObject({ code: '42501' });
		});

		it('offers only the periods the site shows', async () => {
			for (const weeks of [0, 3, 13, 52]) {
				await expect(rpc('public.team_indicators($1, $2)', ['legal', weeks])).rejects.toMatchObject({ code: '22023' });
			}
		});

		it('filters by task type from the same cells', async () => {
			await add([
				...people(4).map((participant) => checkIn({ participant, confidence: 4, created_at: lastWeek })),
				...people(4).map((participant) =>
					checkIn({ participant, task: 'summarising', workflow: 'meeting-notes', confidence: 2, created_at: lastWeek }),
				),
			]);
			const all = await rpc('public.team_indicators($1, $2)', ['legal', 4]);
			const one = await rpc('public.team_indicators($1, $2, $3)', ['legal', 4, 'summarising']);
			expect(all.totals.meanConfidence).toBe(3);
			expect(one.totals.meanConfidence).toBe(2);
			expect(one.tasks.map((t: Json) => t.task)).toEqual(['summarising']);
			expect(one.workflows.map((w: Json) => w.workflow)).toEqual(['meeting-notes']);
		});
	});

	describe('team_reflections', () => {
		const share = (n: number, created_at: string, extra: Partial<ReflectionRow> = {}) =>
			insert(
				'reflections',
				Array.from({ length: n }, (_, i) =>
					reflection({ worked: `Reflection ${i} of ${created_at}`, created_at, ...extra }),
				),
			);

		it('gives closed weeks where k + 1 people shared, without ids, times or authors, in a random order', async () => {
			await share(6, inWeek(1));
			await share(3, inWeek(2));
			await share(2, inWeek(1), { visibility: 'private', worked: 'Private note' });
			await share(5, new Date().toISOString());
			const weeks = await rpc('public.team_reflections($1, $2)', ['legal', 4]);
			expect(weeks.map((w: Json) => [w.week, w.shown, w.reflections.length])).toEqual([
				[monday(1), true, 6],
				[monday(2), false, 0],
				[monday(3), false, 0],
				[monday(4), false, 0],
			]);
			expect(Object.keys(weeks[0].reflections[0]).sort()).toEqual([
				'didNotWork',
				'task',
				'tryNext',
				'worked',
				'workflow',
			]);
			expect(JSON.stringify(weeks)).not.toContain('Private note');
			const orders = new Set<string>();
			for (let i = 0; i < 10; i++) {
				const again = await rpc('public.team_reflections($1, $2)', ['legal', 4]);
				orders.add(again[0].reflections.map((r: Json) => r.worked).join('|'));
			}
			expect(orders.size).toBeGreaterThan(1);
			expect((await rpc('public.team_reflections($1)', ['sales'])).every((w: Json) => !w.shown)).toBe(true);
		});
	});
});
