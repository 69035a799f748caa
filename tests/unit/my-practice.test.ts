import { describe, expect, it } from 'vitest';
import type { WorkflowHealth } from '../../src/lib/data-api/database.ts';
import { myDataCsv } from '../../src/lib/me/export.ts';
import { type MyCheckIn, myPractice, nextStep, untriedTasks } from '../../src/lib/me/practice.ts';
import { readProgress, rememberDone, rememberFollowed } from '../../src/lib/me/progress-cache.ts';
import { needsRevision } from '../../src/lib/me/revision.ts';

const now = new Date('2026-11-26T12:00:00Z'); // a Thursday; the week starts on 2026-11-23
const row = (overrides: Partial<MyCheckIn>): MyCheckIn => ({
	id: crypto.randomUUID(),
	workflow: 'escalated-ticket-reply',
	task: 'customer-replies',
	team: 'support',
	confidence: 3,
	outcome: 'helped',
	error_caught: 'none',
	error_kind: null,
	minutes_saved: null,
	created_at: '2026-11-24T09:00:00Z',
	...overrides,
});

describe('my practice from my own rows', () => {
	it('counts per task type, compares my last four weeks with the four before, and ranks my workflows', () => {
		const rows = [
			row({ confidence: 4, created_at: '2026-11-24T09:00:00Z', minutes_saved: 20 }),
			row({ confidence: 5, created_at: '2026-11-10T09:00:00Z', error_caught: 'after', error_kind: 'tone' }),
			row({ confidence: 2, created_at: '2026-10-20T09:00:00Z', error_caught: 'before' }),
			row({ confidence: 1, created_at: '2026-10-13T09:00:00Z', outcome: 'got_in_the_way' }),
			row({ task: 'summarising', workflow: 'meeting-notes', confidence: 3, created_at: '2026-11-25T09:00:00Z' }),
		];
		const practice = myPractice(rows, now);
		expect(practice.checkIns).toBe(5);
		expect(practice.minutesSaved).toBe(20);
		const replies = practice.tasks.find((t) => t.task === 'customer-replies')!;
		expect(replies).toMatchObject({
			checkIns: 4,
			meanConfidence: 3,
			recentConfidence: 4.5,
			earlierConfidence: 1.5,
			caughtBefore: 1,
			caughtAfter: 1,
			gotInTheWay: 1,
		});
		// Twelve weeks, oldest first; this week holds two check-ins, over both task types.
		expect(practice.weeks).toHaveLength(12);
		expect(practice.weeks.at(-1)).toBe('2026-11-23');
		expect(practice.tasks.reduce((n, t) => n + t.weekly.at(-1)!, 0)).toBe(2);
		expect(practice.kinds).toEqual([
			{ kind: 'tone', checkIns: 1 },
			{ kind: 'unspecified', checkIns: 1 },
		]);
		expect(practice.workflows[0]).toEqual({ workflow: 'escalated-ticket-reply', checkIns: 4 });
	});

	it('suggests task types my team uses that I have not tried, and the first step of a track not done', () => {
		const rows = [row({ workflow: 'b', task: 'summarising' })];
		expect(untriedTasks(['customer-replies', 'summarising'], rows)).toEqual(['customer-replies']);
		const track = { id: 't', title: 'T', steps: ['a', 'b', 'c'] };
		expect(nextStep(track, rows)).toBe('a');
		expect(nextStep(track, [{ workflow: 'a' }, { workflow: 'b' }, { workflow: 'c' }])).toBeUndefined();
	});

	it('exports exactly the rows given, with a header, and defuses formulas', () => {
		const rows = [row({ id: 'one' }), row({ id: 'two', minutes_saved: 5 })];
		const csv = myDataCsv.checkIns({ checkIns: rows, reflections: [], trackFollows: [] }).split('\r\n');
		expect(csv[0]).toBe('created_at,team,task,workflow,confidence,outcome,error_caught,error_kind,minutes_saved,id');
		expect(csv.slice(1).map((line) => line.split(',').at(-1))).toEqual(['one', 'two']);
		const reflections = myDataCsv.reflections({
			checkIns: [],
			trackFollows: [],
			reflections: [
				{
					id: 'r',
					workflow: 'w',
					task: 't',
					team: 'support',
					worked: '=HYPERLINK("x")',
					did_not_work: null,
					try_next: null,
					visibility: 'private',
					created_at: '2026-11-24T09:00:00Z',
				},
			],
		});
		expect(reflections).toContain(`'=HYPERLINK(""x"")`);
	});

	it('remembers follows and done workflows for the home page', () => {
		const values = new Map<string, string>();
		const store = {
			getItem: (key: string) => values.get(key) ?? null,
			setItem: (key: string, value: string) => void values.set(key, value),
			removeItem: (key: string) => void values.delete(key),
		};
		expect(readProgress(store)).toEqual({ followed: [], done: [] });
		rememberFollowed(store, ['b', 'a', 'a']);
		rememberDone(store, ['x']);
		rememberDone(store, ['y']);
		expect(readProgress(store)).toEqual({ followed: ['a', 'b'], done: ['x', 'y'] });
		rememberDone(store, ['z'], true);
		expect(readProgress(store).done).toEqual(['z']);
		values.set('praxis.workflows.done', 'not json');
		expect(readProgress(store).done).toEqual([]);
	});
});

describe('workflows their use says need revising', () => {
	const health = (overrides: Partial<WorkflowHealth>): WorkflowHealth => ({
		workflow: 'w',
		weeks: 3,
		checkIns: 20,
		personWeeks: 14,
		meanConfidence: 3.8,
		confidenceSd: 0.5,
		helpedRate: 0.8,
		gotInTheWayRate: 0.05,
		catchRate: 0.1,
		caughtBeforeRate: 0.1,
		caughtAfterRate: 0,
		caughtBefore: 2,
		caughtAfter: 0,
		minutesSaved: 100,
		...overrides,
	});

	it('flags low confidence, many "got in the way" and errors caught late, worst first', () => {
		const flagged = needsRevision([
			health({ workflow: 'fine' }),
			health({ workflow: 'unsure', meanConfidence: 2.4 }),
			health({ workflow: 'harmful', meanConfidence: 2.1, gotInTheWayRate: 0.4, caughtAfterRate: 0.2 }),
		]);
		expect(flagged.map((r) => [r.workflow, r.reasons.length])).toEqual([
			['harmful', 3],
			['unsure', 1],
		]);
		expect(flagged[0]!.reasons[1]).toBe('got in the way in 40% of uses');
	});
});
