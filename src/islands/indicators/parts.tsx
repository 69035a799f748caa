/** What every indicators section shares: its frame, the CSV link, and how a cell reads. */
import { type ReactNode, useEffect, useState } from 'react';
import { HIDDEN } from '../../lib/indicators/indicator-csv.ts';

export { HIDDEN };
export const pct = (rate: number | null) => (rate === null ? '' : `${Math.round(rate * 100)}%`);
export const num = (value: number | null, digits = 0) => (value === null ? '' : value.toFixed(digits));
/** A cell's text, or "hidden" for a suppressed row. */
export const cellText = (row: { suppressed: boolean }, value: string) => (row.suppressed ? HIDDEN : value);

export function CsvLink({ name, csv }: { name: string; csv: string }) {
	const [href, setHref] = useState<string>();
	useEffect(() => {
		const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
		setHref(url);
		return () => URL.revokeObjectURL(url);
	}, [csv]);
	return href ? (
		<a className="csv" href={href} download={`${name}.csv`}>
			Download the numbers (CSV)
		</a>
	) : null;
}

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
