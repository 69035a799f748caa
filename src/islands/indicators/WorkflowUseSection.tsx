import type { IndicatorView } from '../../lib/indicators/series.ts';
import { CsvLink, num, pct, Section } from './parts.tsx';

/** Check-ins per workflow with how it went, most used first; small workflows stay together. */
export function WorkflowUseSection({ view, csv, csvName }: { view: IndicatorView; csv: string; csvName: string }) {
	return (
		<Section
			id="workflows"
			title="Most used workflows"
			intro={
				`Check-ins per workflow over the closed weeks where ${view.minPeople} or more people used it, ` +
				'most used first.'
			}
		>
			<table data-testid="workflows-table">
				<caption>Check-ins and confidence per workflow</caption>
				<thead>
					<tr>
						<th scope="col">Workflow</th>
						<th scope="col">Check-ins</th>
						<th scope="col">Mean confidence</th>
						<th scope="col">Helped</th>
					</tr>
				</thead>
				<tbody>
					{view.workflows.map((w) => (
						<tr key={w.workflow}>
							<th scope="row">{w.title}</th>
							<td>{w.checkIns}</td>
							<td>{num(w.meanConfidence, 2)}</td>
							<td>{pct(w.helpedRate)}</td>
						</tr>
					))}
				</tbody>
			</table>
			{view.heldWorkflowCheckIns > 0 && (
				<p className="muted" data-testid="workflows-held">
					{view.heldWorkflowCheckIns} check-ins in closed weeks belong to workflows fewer than {view.minPeople} people
					used that week: they count in the totals above, not per workflow.
				</p>
			)}
			<CsvLink name={csvName} csv={csv} />
		</Section>
	);
}
