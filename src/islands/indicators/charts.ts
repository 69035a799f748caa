/** The bars the task-type sections draw, from the rows the tables show. */
import type { TaskRow } from '../../lib/indicators/series.ts';
import type { Bar } from '../BarList.tsx';
import { HIDDEN, num, pct } from './parts.tsx';

const bars = (rows: TaskRow[], value: (row: TaskRow) => number | null, text: (value: number) => string): Bar[] =>
	rows.map((row) => {
		const v = value(row);
		return { label: row.title, value: v, text: v === null ? HIDDEN : text(v) };
	});

export function taskCharts(rows: TaskRow[]) {
	return {
		checkIns: bars(
			rows,
			(row) => row.checkIns,
			(v) => num(v),
		),
		confidence: bars(
			rows,
			(row) => (row.suppressed ? null : row.meanConfidence),
			(v) => `${num(v, 1)} of 5`,
		),
		catches: bars(
			rows,
			(row) => (row.suppressed ? null : row.catchRate),
			(v) => pct(v),
		),
	};
}
export type TaskCharts = ReturnType<typeof taskCharts>;
