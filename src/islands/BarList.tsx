/** One bar of a BarList: a label, a value (null: hidden, drawn as no bar), and the value as read. */
export interface Bar {
	label: string;
	value: number | null;
	text: string;
}

interface Props {
	/** Accessible name; the data table next to the chart is its text alternative. */
	title: string;
	bars: Bar[];
	/** The value of a full bar (5 for confidence, 100 for a percentage); else the largest value. */
	max?: number;
	/** CSS custom property holding the bar colour, so bars follow the theme. */
	colorVar?: string;
}

/**
 * Horizontal bars in plain HTML, one row per category: the label wraps on its own line on a narrow
 * screen, so long task names never overlap or run off the edge, and no chart library is loaded.
 */
export function BarList({ title, bars, max, colorVar = '--accent' }: Props) {
	const full = max ?? Math.max(1, ...bars.map((bar) => bar.value ?? 0));
	return (
		<figure className="chart bar-list" aria-label={title}>
			<ul aria-hidden="true">
				{bars.map((bar) => (
					<li key={bar.label}>
						<span className="bar-label">{bar.label}</span>
						<span className="bar-track">
							{bar.value !== null && (
								<span
									className="bar"
									style={{
										width: `${Math.max(0, Math.min(100, (bar.value / full) * 100))}%`,
										background: `var(${colorVar})`,
									}}
								/>
							)}
							<span className="bar-value">{bar.text}</span>
						</span>
					</li>
				))}
			</ul>
		</figure>
	);
}
