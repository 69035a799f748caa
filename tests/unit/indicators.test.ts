import { describe, expect, it } from 'vitest';
import type { TeamIndicators } from '../../src/lib/data-api/database.ts';
import { toCsv } from '../../src/lib/indicators/csv.ts';
import { indicatorCsv } from '../../src/lib/indicators/indicator-csv.ts';
import { ago, indicatorView } from '../../src/lib/indicators/series.ts';
import { WEEK_LABEL_ROOM, weekTickLabels } from '../../src/lib/indicators/week-ticks.ts';
import { addDays, weekStart } from '../../src/lib/indicators/weeks.ts';

const tasks = [
	{ id: 'customer-replies', title: 'Replying to customers' },
	{ id: 'code-review', title: 'Reading and reviewing code' },
	{ id: 'forecasting', title: 'Planning and forecasting' },
];
const workflows = [{ id: 'escalated-ticket-reply', title: 'Draft a reply to an escalated ticket' }];
const base = {
	team: 'support',
	task: null,
	weeks: 3,
	k: 3,
	minPeople: 4,
	since: '2026-11-09',
	thisWeek: '2026-11-23',
	generatedAt: '2026-11-24T10:00:00Z',
};
const figures = {
	meanConfidence: 3.5,
	confidenceSd: 0.8,
	helpedRate: 0.9,
	gotInTheWayRate: 0.05,
	catchRate: 0.2,
	caughtBeforeRate: 0.2,
	caughtAfterRate: 0,
	caughtBefore: 2,
	caughtAfter: 0,
	minutesSaved: 40,
};

describe('turning team_indicators JSON into chart series', () => {
	it('keeps activity everywhere, held-back measures as gaps, and lists unused task types', () => {
		const data: TeamIndicators = {
			...base,
			totals: { checkIns: 14, shown: true, shownCheckIns: 9, personWeeks: 4, ...figures },
			thisWeekActivity: { checkIns: 2, people: 2, tasks: [{ task: 'customer-replies', checkIns: 2, people: 2 }] },
			tasks: [
				{
					task: 'customer-replies',
					checkIns: 11,
					personWeeks: 6,
					shown: true,
					shownCheckIns: 9,
					shownPersonWeeks: 4,
					recentConfidence: 3.8,
					earlierConfidence: 3.1,
					...figures,
				},
				{
					task: 'code-review',
					checkIns: 3,
					personWeeks: 3,
					shown: false,
					recentConfidence: null,
					earlierConfidence: null,
				},
			],
			weekly: [
				{ week: '2026-11-09', closed: true, checkIns: 0, people: 0, shown: false },
				{ week: '2026-11-16', closed: true, checkIns: 12, people: 7, shown: true, shownCheckIns: 9, ...figures },
				{ week: '2026-11-23', closed: false, checkIns: 2, people: 2, shown: false },
			],
			workflows: [
				{ workflow: 'escalated-ticket-reply', task: 'customer-replies', checkIns: 5, personWeeks: 4, ...figures },
			],
			errorKinds: [{ kind: 'tone', checkIns: 2, personWeeks: 4 }],
		};
		const view = indicatorView(data, tasks, workflows);
		expect(view.weeks.map((w) => [w.checkIns, w.meanConfidence, w.current])).toEqual([
			[0, null, false],
			[12, 3.5, false],
			[2, null, true],
		]);
		expect(view.weeks[0]!.time).toBe(Date.UTC(2026, 10, 9) / 1000);
		expect(
			view.tasks.map((t) => [t.title, t.checkIns, t.peoplePerWeek, t.meanConfidence, t.suppressed, t.unused]),
		).toEqual([
			['Replying to customers', 11, 2, 3.5, false, false],
			['Reading and reviewing code', 3, 1, null, true, false],
			['Planning and forecasting', 0, 0, null, false, true],
		]);
		expect(view.tasks[0]!.confidenceChange).toBe(0.7);
		expect(view.workflows[0]!.title).toBe('Draft a reply to an escalated ticket');
		// Twelve check-ins in closed weeks, five of them in shown workflow cells.
		expect(view.heldWorkflowCheckIns).toBe(7);
		expect(view.thisWeek).toEqual({ checkIns: 2, people: 2 });

		// The CSV downloads say "hidden" where the page does, never 0 or an empty cell.
		const weeks = indicatorCsv.weeks(view).split('\r\n');
		expect(weeks).toEqual([
			'week starting,check-ins,active people,mean confidence,error catch rate',
			'2026-11-09,0,0,hidden,hidden',
			'2026-11-16,12,7,3.5,0.2',
			'2026-11-23,2,2,open,open',
		]);
		const taskLines = indicatorCsv.tasks(view).split('\r\n');
		expect(taskLines[2]).toBe('Reading and reviewing code,3,1,hidden,hidden,hidden,hidden,hidden,hidden,hidden');
		expect(taskLines[1]).toBe('Replying to customers,11,2,9,3.5,0.8,0.7,0.2,2,0');
	});

	it('holds every measure back when no cell is shown, and keeps the activity', () => {
		const hidden: TeamIndicators = {
			...base,
			totals: { checkIns: 2, shown: false, shownCheckIns: null },
			thisWeekActivity: { checkIns: 2, people: 1, tasks: [{ task: 'code-review', checkIns: 2, people: 1 }] },
			tasks: [
				{
					task: 'code-review',
					checkIns: 2,
					personWeeks: 1,
					shown: false,
					recentConfidence: null,
					earlierConfidence: null,
				},
			],
			workflows: [],
			errorKinds: [],
			weekly: [{ week: '2026-11-23', closed: false, checkIns: 2, people: 1, shown: false }],
		};
		const view = indicatorView(hidden, tasks, workflows);
		expect(view).toMatchObject({ suppressed: true, hasData: true });
		expect(view.totals).toMatchObject({ checkIns: 2, meanConfidence: null });
		expect(view.weeks[0]!.checkIns).toBe(2);
	});

	it('formats "updated … ago"', () => {
		expect([ago(1), ago(5.4), ago(200)]).toEqual(['just now', '5 s ago', '3 min ago']);
	});
});

describe('CSV and weeks', () => {
	it('quotes, escapes and defuses spreadsheet formulas', () => {
		const csv = toCsv(
			[
				{ name: 'a, "b"', n: 3 },
				{ name: '=SUM(A1)', n: null },
			],
			[
				{ header: 'name', value: (r) => r.name },
				{ header: 'n', value: (r) => r.n },
			],
		);
		expect(csv).toBe('name,n\r\n"a, ""b""",3\r\n\'=SUM(A1),');
	});

	it('counts weeks from Monday, UTC', () => {
		expect(weekStart(new Date('2026-11-24T23:30:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
		expect(weekStart(new Date('2026-11-29T12:00:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
		expect(addDays('2026-11-23', 7)).toBe('2026-11-30');
	});
});

describe('week ticks', () => {
	const mondays = Array.from({ length: 12 }, (_, i) => Date.parse('2026-09-07T00:00:00Z') / 1000 + i * 7 * 86_400);
	it('names every Monday when there is room, in the locale asked', () => {
		const labels = weekTickLabels(mondays, 12 * WEEK_LABEL_ROOM, 'en-GB');
		expect(labels[0]).toBe('7 Sept');
		expect(labels.at(-1)).toBe('23 Nov');
		expect(weekTickLabels(mondays, 12 * WEEK_LABEL_ROOM, 'en-US').at(-1)).toBe('Nov 23');
	});
	it('names only as many weeks as fit on a phone, always the latest', () => {
		for (const width of [280, 330, 600]) {
			const labels = weekTickLabels(mondays, width, 'en-GB');
			expect(labels.filter(Boolean).length * WEEK_LABEL_ROOM).toBeLessThanOrEqual(width);
			expect(labels.at(-1)).toBe('23 Nov');
		}
	});
});
