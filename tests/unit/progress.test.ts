import { describe, expect, it } from 'vitest';
import { fluency, headline } from '../../src/lib/indicators/progress.ts';
import type { IndicatorView, TaskRow, WeekPoint } from '../../src/lib/indicators/series.ts';

const measures = {
	confidenceSd: null,
	caughtBefore: null,
	caughtAfter: null,
	helpedRate: null,
	gotInTheWayRate: null,
};
const week = (i: number, checkIns: number, confidence: number | null, current = false): WeekPoint => ({
	...measures,
	week: `2026-09-${String(7 + i).padStart(2, '0')}`,
	time: i,
	current,
	checkIns,
	people: checkIns,
	suppressed: confidence === null,
	meanConfidence: confidence,
	catchRate: confidence === null ? null : 0.25,
});
const task = (id: string, change: number | null, extra: Partial<TaskRow> = {}): TaskRow => ({
	...measures,
	task: id,
	title: id,
	suppressed: false,
	unused: false,
	checkIns: 10,
	peoplePerWeek: 4,
	shownCheckIns: 10,
	confidenceChange: change,
	meanConfidence: 3,
	catchRate: 0.2,
	...extra,
});
const view = (weeks: WeekPoint[], tasks: TaskRow[]) => ({ weeks, tasks }) as unknown as IndicatorView;

describe("the lead's summary", () => {
	it('compares the latest half of the closed weeks with the half before, leaving the open week out', () => {
		const weeks = [week(0, 2, 2), week(1, 4, 2.5), week(2, 6, 3), week(3, 8, null), week(4, 99, null, true)];
		const figures = headline(view(weeks, []));
		expect(figures.weeks).toBe(2);
		expect(figures.checkInsPerWeek).toEqual({ recent: 7, earlier: 3, change: 4 });
		// A hidden week is left out of the measure, never read as zero.
		expect(figures.meanConfidence).toEqual({ recent: 3, earlier: 2.25, change: 0.75 });
	});

	it('has nothing to compare with a single closed week', () => {
		expect(headline(view([week(0, 3, 3), week(1, 1, null, true)], [])).checkInsPerWeek.change).toBeNull();
	});

	it('sorts task types into growing, not growing (with the reason) and too few people to say', () => {
		const result = fluency(
			view(
				[],
				[
					task('up', 0.4),
					task('flat', 0.1),
					task('down', -0.3),
					task('unused', null, { unused: true, checkIns: 0 }),
					task('hidden', null, { suppressed: true }),
				],
			),
		);
		expect(result.growing.map((row) => row.task)).toEqual(['up']);
		expect(result.notGrowing.map(({ row, reason }) => `${row.task}:${reason}`)).toEqual([
			'flat:level',
			'down:falling',
			'unused:unused',
		]);
		expect(result.unknown.map((row) => row.task)).toEqual(['hidden']);
	});
});
