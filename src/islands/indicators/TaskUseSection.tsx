import type { IndicatorView } from '../../lib/indicators/series.ts';
import { Chart } from '../Chart.tsx';
import type { TaskCharts } from './charts.ts';
import { CsvLink, cellText, num, Section } from './parts.tsx';

/** Which tasks the team uses AI for, and the task types with no check-ins. */
export function TaskUseSection({
	view,
	charts,
	csv,
	csvName,
}: {
	view: IndicatorView;
	charts: TaskCharts;
	csv: string;
	csvName: string;
}) {
	const unused = view.tasks.filter((r) => r.unused);
	return (
		<Section id="tasks" title="Which tasks the team uses AI for" intro="Check-ins and distinct people per task type.">
			<Chart title="Check-ins per task type" x={charts.x} categories={charts.categories} series={charts.checkIns} />
			<table data-testid="tasks-table">
				<caption>Use per task type</caption>
				<thead>
					<tr>
						<th scope="col">Task type</th>
						<th scope="col">Check-ins</th>
						<th scope="col">People</th>
					</tr>
				</thead>
				<tbody>
					{view.tasks
						.filter((r) => !r.unused)
						.map((row) => (
							<tr key={row.task}>
								<th scope="row">{row.title}</th>
								<td>{cellText(row, num(row.checkIns))}</td>
								<td>{cellText(row, num(row.participants))}</td>
							</tr>
						))}
				</tbody>
			</table>
			<CsvLink name={csvName} csv={csv} />
			<h3>Where fluency is not developing</h3>
			{unused.length > 0 ? (
				<ul data-testid="unused-tasks">
					{unused.map((row) => (
						<li key={row.task}>{row.title}: no check-ins in this period</li>
					))}
				</ul>
			) : (
				<p>Every task type has check-ins in this period.</p>
			)}
		</Section>
	);
}
