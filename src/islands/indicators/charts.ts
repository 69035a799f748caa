/** The chart series the task-type sections draw, from the rows the tables show. */
import type { TaskRow } from '../../lib/indicators/series.ts';

export function taskCharts(rows: TaskRow[]) {
	return {
		x: rows.map((_, i) => i),
		categories: rows.map((row) => row.title),
		checkIns: [{ label: 'Check-ins', values: rows.map((row) => row.checkIns), colorVar: '--accent', bars: true }],
		confidence: [
			{ label: 'Mean confidence', values: rows.map((row) => row.meanConfidence), colorVar: '--accent', bars: true },
		],
		catches: [
			{
				label: 'Check-ins with an AI error caught',
				values: rows.map((row) => (row.catchRate === null ? null : Math.round(row.catchRate * 100))),
				colorVar: '--danger-text',
				bars: true,
			},
		],
	};
}
export type TaskCharts = ReturnType<typeof taskCharts>;
