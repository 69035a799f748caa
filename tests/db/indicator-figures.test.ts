/**
 * team_indicators computes its figures from per-person weekly sums, not from the rows directly (for
 * speed at a million check-ins). This checks every figure it shows against plain aggregates over the
 * raw rows, on varied random data, for each period. Means and rates weigh each person equally: the
 * mean over people of each person's own avg(); the spread is stddev_pop of those person means.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlBackend } from '../../endpoint/database.ts';
import { backends } from '../helpers/backends.ts';
import { type Member, makeMember } from '../helpers/members.ts';

type Cell = Record<string, unknown> & { suppressed: boolean };

describe.each(backends)('team_indicators figures on $name', (backend) => {
	let db: SqlBackend;
	let close: () => Promise<void>;
	let reader: Member;
	beforeAll(async () => {
		({ db, close } = await backend.open());
		reader = await makeMember(db, ['team-1', 'team-2', 'team-3']);
		// Four teams of 3 to 14 people, 1,600 check-ins over 100 days: some cells large, some small.
		await db.admin.exec(`
			select setseed(0.20261124);
			insert into public.check_ins
			  (id, workflow, task, team, participant, confidence, outcome, error_caught, error_kind, created_at)
			select gen_random_uuid(), 'workflow-' || w, 'task-' || (w % 4), 'team-' || t,
			       ('00000000-0000-4000-8000-' || lpad((t * 100 + floor(random() * (3 + t * 3.7)))::text, 12, '0'))::uuid,
			       1 + floor(random() * 5)::integer,
			       (array['helped', 'no_difference', 'got_in_the_way'])[1 + floor(random() * 3)::integer]::public.outcome,
			       caught::public.error_caught,
			       case when caught <> 'none' and random() < 0.7
			            then ((array['made_up_fact', 'wrong_number', 'tone'])[1 + floor(random() * 3)::integer])
			                 ::public.error_kind
			       end,
			       now() - random() * interval '100 days'
			from generate_series(1, 1600) as i
			cross join lateral (select i % 4 as t, floor(random() * 9)::integer as w,
			                           (array['none', 'none', 'none', 'before', 'after'])[1 + floor(random() * 5)::integer]
			                             as caught) r;
		`);
	});
	afterAll(async () => close?.());

	const call = async (team: string, weeks: number) => {
		const { rows } = await db.asRole('authenticated', reader.claims, (sql) =>
			sql.query<{ body: string }>('select public.team_indicators($1, $2)::text as body', [team, weeks]),
		);
		return JSON.parse(rows[0]!.body) as {
			suppressed: boolean;
			totals: Cell;
			tasks: Cell[];
			weekly: Cell[];
			workflows: Cell[];
			errorKinds: Cell[];
		};
	};
	const reference = async <T>(text: string, params: unknown[]) =>
		(await db.admin.query<T & Record<string, unknown>>(text, params)).rows;
	const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

	const periods = [4, 8, 12] as const;
	const teams = ['team-1', 'team-2', 'team-3'];
	const cases = teams.flatMap((team) => periods.map((weeks) => ({ team, weeks })));

	it.each(cases)(
		'$team over $weeks weeks: every figure shown equals the aggregate over the raw rows',
		async ({ team, weeks }) => {
			const result = await call(team, weeks);
			expect(result.suppressed).toBe(false);
			const window =
				`team = $1 and created_at >= date_trunc('week', now() at time zone 'utc') at time zone 'utc' ` +
				`- make_interval(weeks => $2::integer - 1)`;

			const [totals] = await reference(
				`select sum(n) as n, count(*) as p, round(avg(mean), 2) as mean, round(avg(helped), 3) as helped,
			round(avg(caught), 3) as caught
			from (select participant, count(*) as n, avg(confidence) as mean, avg((outcome = 'helped')::integer) as helped,
			             avg((error_caught <> 'none')::integer) as caught
			      from public.check_ins where ${window} group by participant) person`,
				[team, weeks],
			);
			expect(result.totals).toEqual({
				suppressed: false,
				checkIns: Number(totals!.n),
				participants: Number(totals!.p),
				meanConfidence: num(totals!.mean),
				helpedRate: num(totals!.helped),
				catchRate: num(totals!.caught),
			});

			const tasks = await reference(
				`select task, sum(n) as n, count(*) as p, round(avg(mean), 2) as mean, round(stddev_pop(mean), 2) as sd,
			round(avg(helped), 3) as helped, round(avg(caught), 3) as caught, sum(before) as before, sum(after) as after
			from (select task, participant, count(*) as n, avg(confidence) as mean,
			             avg((outcome = 'helped')::integer) as helped, avg((error_caught <> 'none')::integer) as caught,
			             count(*) filter (where error_caught = 'before') as before,
			             count(*) filter (where error_caught = 'after') as after
			      from public.check_ins where ${window} group by task, participant) person
			group by task`,
				[team, weeks],
			);
			const shownTasks = result.tasks.filter((cell) => !cell.suppressed);
			expect(shownTasks.length).toBeGreaterThan(0);
			for (const cell of shownTasks) {
				const row = tasks.find((r) => r.task === cell.task)!;
				expect(cell).toMatchObject({
					checkIns: Number(row.n),
					participants: Number(row.p),
					meanConfidence: num(row.mean),
					confidenceSd: num(row.sd),
					helpedRate: num(row.helped),
					catchRate: num(row.caught),
					caughtBefore: Number(row.before),
					caughtAfter: Number(row.after),
				});
			}

			// The confidence change: last four weeks against the four before, each shown only for k people.
			const change = await reference(
				`select task, count(recent) as recent_p, round(avg(recent), 2) as recent,
			count(earlier) as earlier_p, round(avg(earlier), 2) as earlier
			from (select task, participant,
			             avg(confidence) filter (where created_at >= w - interval '3 weeks') as recent,
			             avg(confidence) filter (where created_at >= w - interval '7 weeks'
			                                      and created_at < w - interval '3 weeks') as earlier
			      from public.check_ins,
			           (select date_trunc('week', now() at time zone 'utc') at time zone 'utc' as w) this_week
			      where team = $1 group by task, participant) person
			group by task`,
				[team],
			);
			for (const cell of shownTasks) {
				const row = change.find((r) => r.task === cell.task)!;
				expect(cell.recentConfidence).toBe(Number(row.recent_p) >= 3 ? num(row.recent) : null);
				expect(cell.earlierConfidence).toBe(Number(row.earlier_p) >= 3 ? num(row.earlier) : null);
			}

			const weekly = await reference(
				`select to_char(date_trunc('week', created_at at time zone 'utc'), 'YYYY-MM-DD') as week, count(*) as n,
			        count(distinct participant) as p
			from public.check_ins where ${window} group by 1`,
				[team, weeks],
			);
			expect(result.weekly).toHaveLength(weeks);
			for (const cell of result.weekly.filter((c) => !c.suppressed)) {
				const row = weekly.find((r) => r.week === cell.week);
				expect([cell.checkIns, cell.participants]).toEqual(row ? [Number(row.n), Number(row.p)] : [0, 0]);
			}

			const workflows = await reference(
				`select workflow, min(task) as task, count(*) as n, count(distinct participant) as p
			from public.check_ins where ${window} group by workflow`,
				[team, weeks],
			);
			const shownWorkflows = result.workflows.filter((c) => !c.suppressed);
			expect(shownWorkflows.length).toBeGreaterThan(0);
			for (const cell of shownWorkflows) {
				const row = workflows.find((r) => r.workflow === cell.workflow)!;
				expect(cell).toMatchObject({ task: row.task, checkIns: Number(row.n), participants: Number(row.p) });
			}

			const kinds = await reference(
				`select coalesce(error_kind::text, 'unspecified') as kind, count(*) as n, count(distinct participant) as p
			from public.check_ins where ${window} and error_caught <> 'none' group by 1`,
				[team, weeks],
			);
			for (const cell of result.errorKinds.filter((c) => !c.suppressed)) {
				const row = kinds.find((r) => r.kind === cell.kind)!;
				expect([cell.checkIns, cell.participants]).toEqual([Number(row.n), Number(row.p)]);
			}
			// Every task, workflow and kind with check-ins appears, shown or suppressed: none is dropped.
			expect(result.tasks.map((c) => c.task).sort()).toEqual(tasks.map((r) => r.task).sort());
			expect(result.workflows.map((c) => c.workflow).sort()).toEqual(workflows.map((r) => r.workflow).sort());
			expect(result.errorKinds.map((c) => c.kind).sort()).toEqual(kinds.map((r) => r.kind).sort());
		},
	);
});
