import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlBackend } from '../../endpoint/database.ts';
import { backends } from '../helpers/backends.ts';
import { type Member, makeMember } from '../helpers/members.ts';
import { type CheckInRow, checkIn, reflection } from '../helpers/rows.ts';

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
		await db.admin.query('truncate public.check_ins, public.reflections');
	});

	const add = async (rows: (CheckInRow | Record<string, unknown>)[]) => {
		for (const row of rows) {
			const keys = Object.keys(row);
			await db.admin.query(
				`insert into public.check_ins (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
				Object.values(row),
			);
		}
	};
	/** Calls a read function as a member of the team, exactly as the site does. */
	const rpc = async (call: string, params: unknown[]): Promise<Json> => {
		const { rows } = await db.asRole('authenticated', reader.claims, (sql) =>
			sql.query<{ body: string }>(`select to_json(${call})::text as body`, params),
		);
		return JSON.parse(rows[0]!.body);
	};
	const people = (n: number) => Array.from({ length: n }, () => randomUUID());
	const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

	describe('workflow_summary', () => {
		it('shows nothing but "suppressed" for fewer than k people, however many check-ins', async () => {
			const [a, b] = people(2);
			await add([
				checkIn({ participant: a }),
				checkIn({ participant: a, confidence: 5 }),
				checkIn({ participant: b }),
				checkIn({ participant: b }),
			]);
			const summary = await rpc('public.workflow_summary($1)', ['nda-first-pass-review']);
			expect(summary).toEqual({ workflow: 'nda-first-pass-review', team: null, k: 3, suppressed: true });
		});

		it('weighs each person equally: thirty check-ins by one person move the mean as one person does', async () => {
			const [a, b, c, flooder] = people(4);
			await add([
				checkIn({ participant: a, confidence: 4 }),
				checkIn({ participant: b, confidence: 4 }),
				checkIn({ participant: c, confidence: 4 }),
				...Array.from({ length: 30 }, () =>
					checkIn({ participant: flooder, confidence: 1, outcome: 'got_in_the_way' }),
				),
			]);
			const summary = await rpc('public.workflow_summary($1, $2)', ['nda-first-pass-review', 'legal']);
			expect(summary).toMatchObject({ checkIns: 33, participants: 4, meanConfidence: 3.25, helpedRate: 0.75 });
			const team = await rpc('public.team_indicators($1)', ['legal']);
			expect(team.totals).toMatchObject({ checkIns: 33, participants: 4, meanConfidence: 3.25, helpedRate: 0.75 });
		});

		it(
			'returns the documented shape for k people, suppressing small confidence buckets and their ' + 'complement',
			async () => {
				const ids = people(6);
				// Confidence 4: four people; 3: one person; 5: two people (one check-in caught an error after).
				await add([
					...ids.slice(0, 4).map((participant) => checkIn({ participant, confidence: 4 })),
					checkIn({ participant: ids[4], confidence: 3, outcome: 'no_difference' }),
					checkIn({ participant: ids[5], confidence: 5, error_caught: 'after', error_kind: 'made_up_fact' }),
					checkIn({ participant: ids[0], confidence: 5 }),
				]);
				const summary = await rpc('public.workflow_summary($1)', ['nda-first-pass-review']);
				expect(summary).toMatchObject({
					suppressed: false,
					k: 3,
					checkIns: 7,
					participants: 6,
					// Each person weighs the same: ids[0]'s two check-ins (4 and 5) count as one person at 4.5.
					meanConfidence: 4.08,
					helpedRate: 0.833,
					catchRate: 0.167,
				});
				expect(summary.lastCheckInWeek).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				expect(summary.confidence).toEqual([
					{ level: 1, checkIns: 0, participants: 0, suppressed: false },
					{ level: 2, checkIns: 0, participants: 0, suppressed: false },
					{ level: 3, suppressed: true },
					{ level: 4, checkIns: 4, participants: 4, suppressed: false },
					{ level: 5, suppressed: true },
				]);
				expect(JSON.stringify(summary)).not.toMatch(/participant"|[0-9a-f]{8}-[0-9a-f]{4}-/);
			},
		);

		it('suppresses the next-smallest bucket when only one is small, so subtraction reveals nothing', async () => {
			const ids = people(8);
			await add([
				...ids.slice(0, 4).map((participant) => checkIn({ participant, confidence: 4 })),
				...ids.slice(4, 7).map((participant) => checkIn({ participant, confidence: 2 })),
				checkIn({ participant: ids[7], confidence: 1 }),
			]);
			const { confidence, checkIns } = await rpc('public.workflow_summary($1)', ['nda-first-pass-review']);
			expect(checkIns).toBe(8);
			const shown = confidence.filter((cell: Json) => !cell.suppressed);
			// Level 1 (one person) and level 2 (the smallest other) are hidden: 8 - 4 leaves two cells.
			expect(confidence.find((c: Json) => c.level === 1)).toEqual({ level: 1, suppressed: true });
			expect(confidence.find((c: Json) => c.level === 2)).toEqual({ level: 2, suppressed: true });
			expect(shown.reduce((sum: number, cell: Json) => sum + cell.checkIns, 0)).toBe(4);
		});

		it('filters by team', async () => {
			await add(people(3).map((participant) => checkIn({ participant, team: 'sales' })));
			expect((await rpc('public.workflow_summary($1, $2)', ['nda-first-pass-review', 'legal'])).suppressed).toBe(true);
			expect((await rpc('public.workflow_summary($1, $2)', ['nda-first-pass-review', 'sales'])).checkIns).toBe(3);
		});
	});

	describe('team_indicators', () => {
		it('never returns a number for a team of two', async () => {
			const [a, b] = people(2);
			await add([
				checkIn({ participant: a }),
				checkIn({ participant: b }),
				checkIn({ participant: b, task: 'summarising', workflow: 'policy-plain-language-summary' }),
			]);
			const result = await rpc('public.team_indicators($1, $2)', ['legal', 8]);
			expect(result).toMatchObject({
				team: 'legal',
				weeks: 8,
				k: 3,
				suppressed: true,
				totals: { suppressed: true },
				tasks: [],
				workflows: [],
			});
			expect(result.weekly).toHaveLength(8);
			expect(result.weekly.every((w: Json) => w.suppressed && !('checkIns' in w))).toBe(true);
			expect(JSON.stringify(result)).not.toMatch(/"(checkIns|participants|meanConfidence)"/);
		});

		it('returns per-task, weekly, workflow and error-kind cells with suppression and its complement', async () => {
			const ids = people(7);
			await add([
				// contract-review: 4 people this week and 3 of them five weeks ago, for the confidence change.
				...ids
					.slice(0, 4)
					.map((participant) =>
						checkIn({ participant, confidence: 4, error_caught: 'before', error_kind: 'made_up_fact' }),
					),
				...ids
					.slice(0, 3)
					.map((participant) => ({ ...checkIn({ participant, confidence: 2 }), created_at: daysAgo(35) })),
				// summarising: 3 people.
				...ids.slice(4, 7).map((participant) =>
					checkIn({
						participant,
						task: 'summarising',
						workflow: 'policy-plain-language-summary',
						confidence: 3,
						outcome: 'no_difference',
					}),
				),
				// data-analysis: one person, must not be shown.
				checkIn({
					participant: ids[6],
					task: 'data-analysis',
					workflow: 'sql-query-from-question',
					confidence: 1,
					error_caught: 'after',
					error_kind: 'wrong_number',
				}),
			]);
			const result = await rpc('public.team_indicators($1, $2)', ['legal', 12]);
			expect(result).toMatchObject({ suppressed: false, weeks: 12, totals: { checkIns: 11, participants: 7 } });
			expect(result.generatedAt).toMatch(/Z$/);
			const byTask = Object.fromEntries(result.tasks.map((t: Json) => [t.task, t]));
			expect(byTask['contract-review']).toMatchObject({
				suppressed: false,
				checkIns: 7,
				participants: 4,
				caughtBefore: 4,
				caughtAfter: 0,
				recentConfidence: 4,
				earlierConfidence: 2,
			});
			expect(byTask['data-analysis']).toEqual({ task: 'data-analysis', suppressed: true });
			// The complement: summarising (3 people) is the smallest visible cell, so it is hidden too.
			expect(byTask.summarising).toEqual({ task: 'summarising', suppressed: true });
			expect(result.weekly).toHaveLength(12);
			const weeks = result.weekly.map((w: Json) => w.week);
			expect([...weeks].sort()).toEqual(weeks);
			expect(result.weekly.at(-1)).toMatchObject({ checkIns: 8, participants: 7, suppressed: false });
			const workflows = Object.fromEntries(result.workflows.map((w: Json) => [w.workflow, w]));
			expect(workflows['nda-first-pass-review']).toMatchObject({ checkIns: 7, suppressed: false });
			expect(workflows['sql-query-from-question']).toEqual({
				workflow: 'sql-query-from-question',
				task: 'data-analysis',
				suppressed: true,
			});
			// One small kind would be revealed by the caught totals, so the other kind is hidden with it.
			expect(result.errorKinds).toEqual([
				{ kind: 'made_up_fact', suppressed: true },
				{ kind: 'wrong_number', suppressed: true },
			]);
		});

		it('keeps a task hidden by subtraction hidden when it is asked for alone', async () => {
			const ids = people(9);
			await add([
				...ids.slice(0, 5).map((participant) => checkIn({ participant, task: 'contract-review' })),
				...ids
					.slice(5, 8)
					.map((participant) =>
						checkIn({ participant, task: 'summarising', workflow: 'policy-plain-language-summary' }),
					),
				checkIn({ participant: ids[8], task: 'data-analysis', workflow: 'sql-query-from-question' }),
			]);
			const all = await rpc('public.team_indicators($1, $2)', ['legal', 12]);
			const hidden = all.tasks
				.filter((t: Json) => t.suppressed)
				.map((t: Json) => t.task)
				.sort();
			expect(hidden).toEqual(['data-analysis', 'summarising']);
			// Asked for alone, summarising (3 people) would give back the number that protects data-analysis.
			expect((await rpc('public.team_indicators($1, $2, $3)', ['legal', 12, 'summarising'])).suppressed).toBe(true);
			expect((await rpc('public.team_indicators($1, $2, $3)', ['legal', 12, 'data-analysis'])).suppressed).toBe(true);
			expect((await rpc('public.team_indicators($1, $2, $3)', ['legal', 12, 'contract-review'])).totals.checkIns).toBe(
				5,
			);
		});

		it(
			'hides a filtered task when the rest of the team is too small, and lists no workflows under a ' + 'filter',
			async () => {
				const ids = people(6);
				await add([
					...ids.slice(0, 4).map((participant) => checkIn({ participant, task: 'contract-review' })),
					checkIn({ participant: ids[4], task: 'summarising', workflow: 'policy-plain-language-summary' }),
					checkIn({ participant: ids[5], task: 'data-analysis', workflow: 'sql-query-from-question' }),
				]);
				const all = await rpc('public.team_indicators($1, $2)', ['legal', 12]);
				expect(all.tasks.find((t: Json) => t.task === 'contract-review')).toMatchObject({
					suppressed: false,
					checkIns: 4,
				});
				// The other two people together are fewer than k: all minus contract-review would show them.
				expect((await rpc('public.team_indicators($1, $2, $3)', ['legal', 12, 'contract-review'])).suppressed).toBe(
					true,
				);

				// Three more on summarising and one on incident reviews: two small cells (no complement needed)
				// and a rest of team of six.
				await add([
					...people(3).map((participant) =>
						checkIn({ participant, task: 'summarising', workflow: 'policy-plain-language-summary' }),
					),
					checkIn({ task: 'incident-reviews', workflow: 'incident-timeline-draft' }),
				]);
				const filtered = await rpc('public.team_indicators($1, $2, $3)', ['legal', 12, 'contract-review']);
				expect(filtered).toMatchObject({ suppressed: false, workflows: [], errorKinds: [], totals: { checkIns: 4 } });
			},
		);

		it('keeps a workflow hidden in the team lists hidden in its summary for that team', async () => {
			const ids = people(9);
			await add([
				...ids.slice(0, 5).map((participant) => checkIn({ participant })),
				...ids
					.slice(5, 8)
					.map((participant) =>
						checkIn({ participant, task: 'summarising', workflow: 'policy-plain-language-summary' }),
					),
				checkIn({ participant: ids[8], task: 'summarising', workflow: 'help-article-from-tickets' }),
			]);
			const { workflows } = await rpc('public.team_indicators($1, $2)', ['legal', 12]);
			expect(
				workflows
					.filter((w: Json) => w.suppressed)
					.map((w: Json) => w.workflow)
					.sort(),
			).toEqual(['help-article-from-tickets', 'policy-plain-language-summary']);
			expect(
				(await rpc('public.workflow_summary($1, $2)', ['policy-plain-language-summary', 'legal'])).suppressed,
			).toBe(true);
			expect((await rpc('public.workflow_summary($1, $2)', ['nda-first-pass-review', 'legal'])).checkIns).toBe(5);
		});

		it('offers only the periods the site shows', async () => {
			const error = await db
				.asRole('authenticated', reader.claims, (sql) => sql.query(`select public.team_indicators('legal', 9)`))
				.then(
					() => null,
					(e: { code: string }) => e.code,
				);
			expect(error).toBe('22023');
		});

		it('limits the period and filters by task', async () => {
			const ids = people(3);
			await add([
				...ids.map((participant) => ({ ...checkIn({ participant }), created_at: daysAgo(70) })),
				...ids.map((participant) => checkIn({ participant })),
			]);
			expect((await rpc('public.team_indicators($1, $2)', ['legal', 4])).totals.checkIns).toBe(3);
			expect((await rpc('public.team_indicators($1, $2)', ['legal', 12])).totals.checkIns).toBe(6);
			expect((await rpc('public.team_indicators($1, $2, $3)', ['legal', 12, 'summarising'])).suppressed).toBe(true);
		});
	});

	describe('team_reflections', () => {
		it('returns shared reflections only, newest first, without participant ids', async () => {
			const shared = reflection({ worked: 'Quoting clauses exactly caught a rewording.' });
			const later = reflection({ try_next: 'Ask for the definitions section first.' });
			const mine = reflection({ visibility: 'private', worked: 'Private note' });
			for (const row of [shared, later, mine]) {
				const keys = Object.keys(row);
				await db.admin.query(
					`insert into public.reflections (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
					Object.values(row),
				);
				await new Promise((r) => setTimeout(r, 5));
			}
			const list = await rpc('public.team_reflections($1, $2)', ['legal', daysAgo(7)]);
			expect(list.map((r: Json) => r.id)).toEqual([later.id, shared.id]);
			expect(Object.keys(list[0]).sort()).toEqual(['day', 'didNotWork', 'id', 'task', 'tryNext', 'worked', 'workflow']);
			expect(JSON.stringify(list)).not.toContain(shared.participant);
			expect(await rpc('public.team_reflections($1, $2)', ['sales', daysAgo(7)])).toEqual([]);
		});
	});
});
