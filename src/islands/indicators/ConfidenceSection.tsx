import type { TaskRow } from '../../lib/indicators/series.ts';
import { Chart } from '../Chart.tsx';
import type { TaskCharts } from './charts.ts';
import { CsvLink, cellText, num, Section } from './parts.tsx';

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
			intro="Mean confidence (1 to 5) and its spread, and the change of the last four weeks against the four before."
		>
			<Chart
				title="Mean confidence per task type"
				x={charts.x}
				categories={charts.categories}
				series={charts.confidence}
				yMax={5}
			/>
			<table>
				<caption>Confidence per task type</caption>
				<thead>
					<tr>
						<th scope="col">Task type</th>
						<th scope="col">Mean</th>
						<th scope="col">Spread (sd)</th>
						<th scope="col">Change vs 4 weeks earlier</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={row.task}>
							<th scope="row">{row.title}</th>
							<td>{cellText(row, num(row.meanConfidence, 2))}</td>
							<td>{cellText(row, num(row.confidenceSd, 2))}</td>
							<td>{cellText(row, change(row.confidenceChange))}</td>
						</tr>
					))}
				</tbody>
			</table>
			<CsvLink name={csvName} csv={csv} />
		</Section>
	);
}
