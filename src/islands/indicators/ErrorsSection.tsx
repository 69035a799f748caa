import { errorKindLabel } from '../../lib/feedback/model.ts';
import type { IndicatorView, TaskRow } from '../../lib/indicators/series.ts';
import { BarList } from '../BarList.tsx';
import type { TaskCharts } from './charts.ts';
import { CsvLink, num, pct, Section, TaskTable } from './parts.tsx';

interface Props {
	view: IndicatorView;
	rows: TaskRow[];
	charts: TaskCharts;
	csv: string;
	csvName: string;
}

/** How often someone caught an AI error, before or after it went anywhere, and of what kind. */
export function ErrorsSection({ view, rows, charts, csv, csvName }: Props) {
	return (
		<Section
			id="errors"
			title="AI errors caught"
			intro="Share of check-ins where someone caught an AI error, and whether before or after it went anywhere."
		>
			<BarList
				title="Percent of check-ins with an AI error caught, per task type"
				bars={charts.catches}
				max={1}
				colorVar="--danger-text"
			/>
			<TaskTable
				caption="AI errors caught per task type"
				rows={rows}
				columns={[
					{ header: 'Catch rate', value: (row) => pct(row.catchRate) },
					{ header: 'Caught before', value: (row) => num(row.caughtBefore) },
					{ header: 'Caught after', value: (row) => num(row.caughtAfter) },
				]}
			/>
			<h3>Kinds of error</h3>
			{view.errorKinds.length === 0 ? (
				<p>No kind of error was reported by {view.minPeople} or more people in one week of this period.</p>
			) : (
				<>
					<ul>
						{view.errorKinds.map((k) => (
							<li key={k.kind}>
								{errorKindLabel(k.kind)}: {k.checkIns}
							</li>
						))}
					</ul>
					<p className="muted">
						A kind is counted in the weeks where {view.minPeople} or more people reported it; the rest stay together.
					</p>
				</>
			)}
			<CsvLink name={csvName} csv={csv} />
		</Section>
	);
}
