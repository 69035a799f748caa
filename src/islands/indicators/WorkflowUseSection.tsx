import type { IndicatorView } from '../../lib/indicators/series.ts';
import { CsvLink, HIDDEN, Section } from './parts.tsx';

/** Check-ins per workflow, most used first. */
export function WorkflowUseSection({
	view,
	task,
	csv,
	csvName,
}: {
	view: IndicatorView;
	task: string;
	csv: string;
	csvName: string;
}) {
	return (
		<Section
			id="workflows"
			title="Most and least used workflows"
			intro={
				task
					? 'Shown for all task types together: choose “All task types”.'
					: 'Check-ins per workflow in this period, most used first.'
			}
		>
			<table data-testid="workflows-table">
				<caption>Check-ins per workflow</caption>
				<thead>
					<tr>
						<th scope="col">Workflow</th>
						<th scope="col">Check-ins</th>
					</tr>
				</thead>
				<tbody>
					{view.workflows.map((w) => (
						<tr key={w.workflow}>
							<th scope="row">{w.title}</th>
							<td>{w.suppressed ? HIDDEN : w.checkIns}</td>
						</tr>
					))}
				</tbody>
			</table>
			<CsvLink name={csvName} csv={csv} />
		</Section>
	);
}
