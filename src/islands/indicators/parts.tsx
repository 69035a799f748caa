/** What every indicators section shares: its frame, the CSV link, and how a cell reads. */
import { type ReactNode, useEffect, useState } from 'react';
import { HIDDEN } from '../../lib/indicators/indicator-csv.ts';
import type { TaskRow } from '../../lib/indicators/series.ts';

export { HIDDEN };
export const pct = (rate: number | null) => (rate === null ? '' : `${Math.round(rate * 100)}%`);
export const num = (value: number | null, digits = 0) => (value === null ? '' : value.toFixed(digits));
/** A cell's text, or "hidden" for a suppressed row. */
export const cellText = (row: { suppressed: boolean }, value: string) => (row.suppressed ? HIDDEN : value);

/** A link that downloads `text` as a file, made in the browser (an object URL, freed when it changes). */
export function DownloadLink({ file, text, type, label }: { file: string; text: string; type: string; label: string }) {
	const [href, setHref] = useState<string>();
	useEffect(() => {
		const url = URL.createObjectURL(new Blob([text], { type }));
		setHref(url);
		return () => URL.revokeObjectURL(url);
	}, [text, type]);
	return href ? (
		<a className="csv" href={href} download={file}>
			{label}
		</a>
	) : null;
}

export const CsvLink = ({ name, csv, label }: { name: string; csv: string; label?: string }) => (
	<DownloadLink
		file={`${name}.csv`}
		text={csv}
		type="text/csv;charset=utf-8"
		label={label ?? 'Download the numbers (CSV)'}
	/>
);

export function Section({
	id,
	title,
	intro,
	children,
}: {
	id: string;
	title: string;
	intro: string;
	children: ReactNode;
}) {
	return (
		<section className="indicator" aria-labelledby={id}>
			<h2 id={id}>{title}</h2>
			<p className="muted">{intro}</p>
			{children}
		</section>
	);
}

export interface TaskColumn {
	header: string;
	/** The cell's text for a row that is shown; hidden rows read "hidden". */
	value: (row: TaskRow) => string;
	/** Activity, which is never held back. */
	activity?: boolean;
}

/** A table with a row per task type and the given columns. */
export function TaskTable({
	caption,
	columns,
	rows,
	testId,
}: {
	caption: string;
	columns: TaskColumn[];
	rows: TaskRow[];
	testId?: string;
}) {
	return (
		<table data-testid={testId}>
			<caption>{caption}</caption>
			<thead>
				<tr>
					<th scope="col">Task type</th>
					{columns.map((column) => (
						<th key={column.header} scope="col">
							{column.header}
						</th>
					))}
				</tr>
			</thead>
			<tbody>
				{rows.map((row) => (
					<tr key={row.task}>
						<th scope="row">{row.title}</th>
						{columns.map((column) => (
							<td key={column.header}>{column.activity ? column.value(row) : cellText(row, column.value(row))}</td>
						))}
					</tr>
				))}
			</tbody>
		</table>
	);
}
