import type { IndicatorView } from '../../lib/indicators/series.ts';
import { BarList } from '../BarList.tsx';
import type { TaskCharts } from './charts.ts';
import { CsvLink, num, Section, TaskTable } from './parts.tsx';

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
		<Section
			id="tasks"
			title="Which tasks the team uses AI for"
			intro="Check-ins per task type, and people per week on average (this week's included)."
		>
			<BarList title="Check-ins per task type" bars={charts.checkIns} />
			<TaskTable
				caption="Use per task type"
				testId="tasks-table"
				rows={view.tasks.filter((r) => !r.unused)}
				columns={[
					{ header: 'Check-ins', value: (row) => num(row.checkIns), activity: true },
					{ header: 'People per week', value: (row) => num(row.peoplePerWeek, 1), activity: true },
				]}
			/>
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
