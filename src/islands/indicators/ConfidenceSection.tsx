import type { TaskRow } from '../../lib/indicators/series.ts';
import { BarList } from '../BarList.tsx';
import type { TaskCharts } from './charts.ts';
import { CsvLink, num, Section, TaskTable } from './parts.tsx';

const change = (value: number | null) =>
	value === null ? 'not enough people' : `${value > 0 ? '+' : ''}${value.toFixed(2)}`;

/** Mean confidence per task type, its spread, and its change over four weeks. */
export function ConfidenceSection({
	rows,
	charts,
	csv,
	csvName,
}: {
	rows: TaskRow[];
	charts: TaskCharts;
	csv: string;
	csvName: string;
}) {
	return (
		<Section
			id="confidence"
			title="Confidence per task type"
			intro={
				'Mean confidence (1 to 5) over the closed weeks, its spread between people, and the change of the last ' +
				'four closed weeks against the four before.'
			}
		>
			<BarList title="Mean confidence per task type" bars={charts.confidence} max={5} />
			<TaskTable
				caption="Confidence per task type"
				rows={rows}
				columns={[
					{ header: 'Mean', value: (row) => num(row.meanConfidence, 2) },
					{ header: 'Spread (sd)', value: (row) => num(row.confidenceSd, 2) },
					{ header: 'Change vs 4 weeks earlier', value: (row) => change(row.confidenceChange) },
				]}
			/>
			<CsvLink name={csvName} csv={csv} />
		</Section>
	);
}
