import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { weekTickLabels } from '../lib/indicators/week-ticks.ts';

export interface ChartSeries {
	label: string;
	values: (number | null)[];
	/** CSS custom property holding the colour, so charts follow the light or dark theme. */
	colorVar: string;
	bars?: boolean;
}

interface Props {
	/** Accessible name; the data table next to the chart is its text alternative. */
	title: string;
	/** The Mondays the weeks start on, as Unix seconds. */
	x: number[];
	series: ChartSeries[];
	yMax?: number;
	height?: number;
}

/**
 * A weekly uPlot chart, loaded on first use so only pages that draw charts pay for the library
 * (its size is in BENCHMARKS.md). Null values are gaps: a suppressed cell is never drawn as zero.
 * Ticks sit on the Mondays the table lists, as many as fit (counted back from the latest week);
 * the legend is the page's own, not uPlot's cursor readout.
 */
export function Chart({ title, x, series, yMax, height = 220 }: Props) {
	const box = useRef<HTMLDivElement>(null);
	const [failed, setFailed] = useState(false);

	useEffect(() => {
		let plot: uPlot | undefined;
		let cancelled = false;
		const draw = async () => {
			// uPlot's stylesheet is linked statically by the pages that draw charts.
			const { default: UPlot } = await import('uplot');
			if (cancelled || !box.current) return;
			const style = getComputedStyle(box.current);
			const color = (name: string) => style.getPropertyValue(name).trim() || '#888';
			const axis = {
				stroke: color('--text'),
				grid: { stroke: color('--border'), width: 1 },
				ticks: { stroke: color('--border') },
			};
			plot = new UPlot(
				{
					width: box.current.clientWidth || 600,
					height,
					scales: {
						x: { time: true },
						y: { range: (_u, _min, max) => [0, yMax ?? Math.max(1, max * 1.1)] },
					},
					axes: [
						{
							...axis,
							splits: () => x,
							values: (u: uPlot, ticks: number[]) =>
								weekTickLabels(ticks, u.bbox.width / (window.devicePixelRatio || 1)),
						},
						axis,
					],
					cursor: { show: false },
					legend: { show: false },
					series: [
						{},
						...series.map((s) => ({
							label: s.label,
							stroke: color(s.colorVar),
							fill: s.bars ? color(s.colorVar) : undefined,
							width: 2,
							points: { show: !s.bars },
							paths: s.bars ? UPlot.paths.bars!({ size: [0.6, 80], align: 0 }) : undefined,
						})),
					],
				},
				[x, ...series.map((s) => s.values)] as uPlot.AlignedData,
				box.current,
			);
		};
		draw().catch(() => setFailed(true));
		const resize = () => plot?.setSize({ width: box.current?.clientWidth ?? 600, height });
		window.addEventListener('resize', resize);
		return () => {
			cancelled = true;
			window.removeEventListener('resize', resize);
			plot?.destroy();
		};
	}, [x, series, yMax, height]);

	return (
		<figure className="chart" aria-label={title}>
			{failed ? (
				<p className="muted">The chart could not be drawn; the table has the same numbers.</p>
			) : (
				<div ref={box} aria-hidden="true" />
			)}
			{series.length > 1 && (
				<figcaption className="chart-legend" aria-hidden="true">
					{series.map((s) => (
						<span key={s.label}>
							<span className="swatch" style={{ background: `var(${s.colorVar})` }} />
							{s.label}
						</span>
					))}
				</figcaption>
			)}
		</figure>
	);
}
