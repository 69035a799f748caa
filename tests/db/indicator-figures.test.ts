/**
 * The publication model, checked against a second implementation (tests/helpers/publication-reference.ts)
 * on varied random data: the cells the database publishes for each closed week are the ones the model
 * prescribes, with the same sums, and every figure team_indicators shows for each period and task
 * filter is the sum of shown cells it says it is; activity equals the raw counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlBackend } from '../../endpoint/database.ts';
import type { TeamIndicators } from '../../src/lib/data-api/database.ts';
import { backends } from '../helpers/backends.ts';
import { type Member, makeMember } from '../helpers/members.ts';
import {
	figuresOf,
	publishedWeeks,
	type RawCheckIn,
	type ReferenceCell,
	rawCheckIns,
	referenceCells,
} from '../helpers/publication-reference.ts';

/** Equal to the last digit the database rounds to: numeric is exact, the reference uses floats. */
const expectFigures = (actual: object, expected: Record<string, number>) => {
	const shown = actual as Record<string, unknown>;
	for (const [key, value] of Object.entries(expected)) {
		expect(Math.abs(Number(shown[key]) - value), `${key}: ${shown[key]} against ${value}`).toBeLessThanOrEqual(
			key.endsWith('Rate') ? 0.0011 : 0.011,
		);
	}
};

describe.each(backends)('team_indicators figures on $name', (backend) => {
	let db: SqlBackend;
	let close: () => Promise<void>;
	let reader: Member;
	let rows: RawCheckIn[];
	let cells: ReferenceCell[];
	beforeAll(async () => {
		({ db, close } = await backend.open());
		reader = await makeMember(db, ['team-1', 'team-2', 'team-3']);
		// Four teams of 3 to 14 people, 1,600 check-ins over 100 days: some cells large, some small.
		await db.admin.exec(`
			select setseed(0.20261124);
			insert into public.check_ins
			  (id, workflow, task, team, participant, confidence, outcome, error_caught, error_kind, minutes_saved,
			   created_at)
			select gen_random_uuid(), 'workflow-' || w, 'task-' || (w % 4), 'team-' || t,
			       ('00000000-0000-4000-8000-' || lpad((t * 100 + floor(random() * (3 + t * 3.7)))::text, 12, '0'))::uuid,
			       1 + floor(random() * 5)::integer,
			       (array['helped', 'no_difference', 'got_in_the_way'])[1 + floor(random() * 3)::integer]::public.outcome,
			       caught::public.error_caught,
			       case when caught <> 'none' and random() < 0.7
			            then ((array['made_up_fact', 'wrong_number', 'tone'])[1 + floor(random() * 3)::integer])
			                 ::public.error_kind
			       end,
			       case when random() < 0.5 then floor(random() * 60)::integer end,
			       now() - random() * interval '100 days'
			from generate_series(1, 1600) as i
			cross join lateral (select i % 4 as t, floor(random() * 9)::integer as w,
			                           (array['none', 'none', 'none', 'before', 'after'])[1 + floor(random() * 5)::integer]
			                             as caught) r;
		`);
		// The first read publishes the closed weeks.
		await call('team-1', 12);
		rows = await rawCheckIns(db);
		cells = referenceCells(rows, await publishedWeeks(db), 4);
	});
	afterAll(async () => close?.());

	const call = async (team: string, weeks: number, task?: string) => {
		const { rows } = await db.asRole('authenticated', reader.claims, (sql) =>
			sql.query<{ body: string }>('select public.team_indicators($1, $2, $3)::text as body', [
				team,
				weeks,
				task ?? null,
			]),
		);
		return JSON.parse(rows[0]!.body) as TeamIndicators;
	};

	it('publishes the twelve closed weeks, each cell shown or hidden as the model says, with its sums', async () => {
		expect((await publishedWeeks(db)).size).toBe(12);
		const { rows: stored } = await db.admin.query<
			{ team: string; week: string; level: string; task: string; key: string } & Record<string, unknown>
		>(
			`select team, to_char(week, 'YYYY-MM-DD') as week, level, task, key, shown, people, check_ins, confidence,
			        confidence_sq, helped, caught_before, caught_after, before_check_ins, after_check_ins, minutes_saved
			 from praxis_private.week_cells where level <> 'team'`,
		);
		const id = (c: { team: string; week: string; level: string; task: string; key: string }) =>
			[c.team, c.week, c.level, c.task, c.key].join('|');
		expect(stored.map(id).sort()).toEqual(cells.map(id).sort());
		const byId = new Map(cells.map((c) => [id(c), c]));
		let shown = 0;
		let hiddenByComplement = 0;
		for (const row of stored) {
			const cell = byId.get(id(row))!;
			expect(row.shown, id(row)).toBe(cell.shown);
			if (cell.shown) {
				shown++;
				expect([row.people, row.check_ins, row.before_check_ins, row.after_check_ins, row.minutes_saved]).toEqual([
					cell.people.size,
					cell.checkIns,
					cell.beforeN,
					cell.afterN,
					cell.minutes,
				]);
				for (const [column, value] of [
					['confidence', cell.confidence],
					['confidence_sq', cell.confidenceSq],
					['helped', cell.helped],
					['caught_before', cell.before],
					['caught_after', cell.after],
				] as const) {
					expect(Number(row[column])).toBeCloseTo(value, 9);
				}
			} else {
				if (cell.people.size >= 4) hiddenByComplement++;
				// A hidden cell keeps no measure; a hidden part keeps not even its size.
				expect(row.confidence).toBeNull();
				expect(row.helped).toBeNull();
				if (row.level !== 'task') expect([row.people, row.check_ins]).toEqual([null, null]);
			}
		}
		// The data is varied enough to exercise both rules.
		expect(shown).toBeGreaterThan(20);
		expect(hiddenByComplement).toBeGreaterThan(0);
		expect(stored.some((r) => !r.shown)).toBe(true);
	});

	const periods = [4, 8, 12] as const;
	const cases = ['team-1', 'team-2', 'team-3'].flatMap((team) =>
		periods.flatMap((weeks) => [undefined, 'task-1'].map((task) => ({ team, weeks, task }))),
	);

	it.each(cases)(
		'$team over $weeks weeks (task $task): every figure is the sum of the shown cells, activity the raw counts',
		async ({ team, weeks, task }) => {
			const result = await call(team, weeks, task);
			const closed = new Set(result.weekly.filter((w) => w.closed).map((w) => w.week));
			const inScope = (c: { team: string; week: string; task: string }) =>
				c.team === team && closed.has(c.week) && (!task || c.task === task);
			const shown = (level: string) => cells.filter((c) => c.level === level && c.shown && inScope(c));
			const scoped = rows.filter((r) => r.team === team && (!task || r.task === task));

			const taskCells = shown('task');
			expect(result.totals.shown).toBe(taskCells.length > 0);
			if (result.totals.shown) {
				const { checkIns, ...figures } = figuresOf(taskCells);
				expect(result.totals.shownCheckIns).toBe(checkIns);
				expectFigures(result.totals, figures);
			}
			expect(result.totals.checkIns).toBe(scoped.filter((r) => r.week >= result.since).length);

			for (const cell of result.tasks) {
				const mine = taskCells.filter((c) => c.task === cell.task);
				expect(cell.shown, cell.task).toBe(mine.length > 0);
				expect(cell.checkIns).toBe(scoped.filter((r) => r.task === cell.task && r.week >= result.since).length);
				if (cell.shown) {
					const { checkIns, personWeeks, ...figures } = figuresOf(mine);
					expect([cell.shownCheckIns, cell.shownPersonWeeks]).toEqual([checkIns, personWeeks]);
					expectFigures(cell, figures);
				}
			}

			expect(result.weekly).toHaveLength(weeks);
			for (const week of result.weekly) {
				const raw = scoped.filter((r) => r.week === week.week);
				expect([week.checkIns, week.people]).toEqual([raw.length, new Set(raw.map((r) => r.participant)).size]);
				const mine = taskCells.filter((c) => c.week === week.week);
				expect(week.shown).toBe(mine.length > 0);
				if (week.shown) {
					const { checkIns, personWeeks: _activity_instead, ...figures } = figuresOf(mine);
					expect(week.shownCheckIns).toBe(checkIns);
					expectFigures(week, figures);
				}
			}

			const workflowCells = shown('workflow');
			expect(result.workflows.map((w) => w.workflow).sort()).toEqual(
				[...new Set(workflowCells.map((c) => c.key))].sort(),
			);
			for (const workflow of result.workflows) {
				expectFigures(workflow, figuresOf(workflowCells.filter((c) => c.key === workflow.workflow)));
			}
			const kindCells = shown('kind');
			for (const kind of result.errorKinds) {
				const mine = kindCells.filter((c) => c.key === kind.kind);
				expect([kind.checkIns, kind.personWeeks]).toEqual([
					mine.reduce((n, c) => n + c.checkIns, 0),
					mine.reduce((n, c) => n + c.people.size, 0),
				]);
			}
			expect(result.errorKinds.length).toBe(new Set(kindCells.map((c) => c.key)).size);
		},
	);
});
