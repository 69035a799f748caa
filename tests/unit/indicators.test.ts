import { describe, expect, it } from 'vitest';
import type { TeamIndicators } from '../../src/lib/data-api/database.ts';
import { toCsv } from '../../src/lib/indicators/csv.ts';
import { indicatorCsv } from '../../src/lib/indicators/indicator-csv.ts';
import { ago, indicatorView } from '../../src/lib/indicators/series.ts';
import { addDays, recentWeeks, weekStart } from '../../src/lib/indicators/weeks.ts';

const tasks = [
	{ id: 'customer-replies', title: 'Replying to customers' },
	{ id: 'code-review', title: 'Reading and reviewing code' },
	{ id: 'forecasting', title: 'Planning and forecasting' },
];
const workflows = [{ id: 'escalated-ticket-reply', title: 'Draft a reply to an escalated ticket' }];
const base = { team: 'support', task: null, weeks: 3, k: 3, since: '2026-11-09', generatedAt: '2026-11-24T10:00:00Z' };
const cell = {
	checkIns: 9,
	participants: 4,
	meanConfidence: 3.5,
	confidenceSd: 0.8,
	helpedRate: 0.9,
	catchRate: 0.2,
	caughtBefore: 2,
	caughtAfter: 0,
	recentConfidence: 3.8,
	earlierConfidence: 3.1,
};

describe('turning team_indicators JSON into chart series', () => {
	it('keeps empty weeks as zeros and suppressed weeks as gaps, and lists unused task types', () => {
		const data: TeamIndicators = {
			...base,
			suppressed: false,
			totals: {
				suppressed: false,
				checkIns: 11,
				participants: 5,
				meanConfidence: 3.4,
				helpedRate: 0.8,
				catchRate: 0.2,
			},
			tasks: [
				{ task: 'customer-replies', suppressed: false, ...cell },
				{ task: 'code-review', suppressed: true },
			],
			weekly: [
				{ week: '2026-11-09', suppressed: false, checkIns: 0, participants: 0 },
				{ week: '2026-11-16', suppressed: true },
				{ week: '2026-11-23', suppressed: false, checkIns: 9, participants: 4 },
			],
			workflows: [
				{
					workflow: 'escalated-ticket-reply',
					task: 'customer-replies',
					suppressed: false,
					checkIns: 9,
					participants: 4,
				},
			],
			errorKinds: [{ kind: 'tone', suppressed: true }],
		};
		const view = indicatorView(data, tasks, workflows);
		expect(view.weeks.map((w) => w.checkIns)).toEqual([0, null, 9]);
		expect(view.weeks[0]!.time).toBe(Date.UTC(2026, 10, 9) / 1000);
		expect(view.tasks.map((t) => [t.title, t.checkIns, t.suppressed, t.unused])).toEqual([
			['Replying to customers', 9, false, false],
			['Reading and reviewing code', null, true, false],
			['Planning and forecasting', 0, false, true],
		]);
		expect(view.tasks[0]!.confidenceChange).toBe(0.7);
		expect(view.workflows[0]!.title).toBe('Draft a reply to an escalated ticket');
		expect(view.errorKinds).toEqual([{ kind: 'tone', checkIns: null, suppressed: true }]);

		// The CSV downloads say "hidden" where the page does, never 0 or an empty cell.
		const weeks = indicatorCsv.weeks(view).split('\r\n');
		expect(weeks).toEqual([
			'week starting,check-ins,active people',
			'2026-11-09,0,0',
			'2026-11-16,hidden,hidden',
			'2026-11-23,9,4',
		]);
		const taskLines = indicatorCsv.tasks(view).split('\r\n');
		expect(taskLines[2]).toBe('Reading and reviewing code,hidden,hidden,hidden,hidden,hidden,hidden,hidden,hidden');
		expect(taskLines[1]!.startsWith('Replying to customers,9,4,3.5,0.8,0.7,0.2,2,0')).toBe(true);
	});

	it('shows nothing but suppression for a team below k, and no data for a team with none', () => {
		const hidden: TeamIndicators = {
			...base,
			suppressed: true,
			totals: { suppressed: true },
			tasks: [],
			workflows: [],
			errorKinds: [],
			weekly: [{ week: '2026-11-23', suppressed: true }],
		};
		const view = indicatorView(hidden, tasks, workflows);
		expect(view).toMatchObject({ suppressed: true, totals: null, tasks: [], hasData: false });
		expect(view.weeks[0]!.checkIns).toBeNull();
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
		expect(recentWeeks(new Date('2026-11-24T10:00:00Z'), 3)).toEqual(['2026-11-23', '2026-11-16', '2026-11-09']);
		expect(addDays('2026-11-23', 7)).toBe('2026-11-30');
	});
});
