/** The summaries benchmarks report and tests check: min / median / max, and percentiles. */

export interface Spread {
	min: number;
	median: number;
	max: number;
}

export function spread(values: readonly number[]): Spread {
	if (values.length === 0) throw new Error('spread() needs at least one value');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
	return { min: sorted[0]!, median, max: sorted.at(-1)! };
}

/** The nearest-rank percentile (p in 0..100) of a list of samples. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) throw new Error('percentile() needs at least one value');
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
