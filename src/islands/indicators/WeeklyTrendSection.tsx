import type { IndicatorView } from '../../lib/indicators/series.ts';
import { formatDay } from '../../lib/site/dates.ts';
import { Chart } from '../Chart.tsx';
import { CsvLink, HIDDEN, num, Section } from './parts.tsx';

/** Check-ins and active people per week, and each closed week's mean confidence. */
export function WeeklyTrendSection({ view, csv, csvName }: { view: IndicatorView; csv: string; csvName: string }) {
	const series = [
		{ label: 'Check-ins', values: view.weeks.map((w) => w.checkIns), colorVar: '--accent' },
		{ label: 'Active people', values: view.weeks.map((w) => w.people), colorVar: '--ok-text' },
	];
	return (
		<Section
			id="trend"
			title="Weekly trend"
			intro="Check-ins and active people per week (weeks start on Monday); confidence once a week has closed."
		>
			<Chart title="Check-ins and active people per week" x={view.weeks.map((w) => w.time)} series={series} />
			<table data-testid="weeks-table">
				<caption>Check-ins, active people and confidence per week</caption>
				<thead>
					<tr>
						<th scope="col">Week starting</th>
						<th scope="col">Check-ins</th>
						<th scope="col">Active people</th>
						<th scope="col">Mean confidence</th>
					</tr>
				</thead>
				<tbody>
					{view.weeks.map((w) => (
						<tr key={w.week}>
							<th scope="row">
								<time dateTime={w.week}>{formatDay(w.week)}</time>
							</th>
							<td>{w.checkIns}</td>
							<td>{w.people}</td>
							<td>{w.current ? 'when the week closes' : w.suppressed ? HIDDEN : num(w.meanConfidence, 2)}</td>
						</tr>
					))}
				</tbody>
			</table>
			<CsvLink name={csvName} csv={csv} />
		</Section>
	);
}
