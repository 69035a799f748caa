/** Monday-based UTC weeks, as the read functions count them. */
const DAY = 86_400_000;

/** Monday 00:00 UTC of the week containing `date`. */
export function weekStart(date: Date): Date {
	const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
	const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday = 0
	return new Date(midnight - weekday * DAY);
}

/** The Mondays of the last `count` weeks, newest first, as YYYY-MM-DD. */
export function recentWeeks(now: Date, count: number): string[] {
	const first = weekStart(now).getTime();
	return Array.from({ length: count }, (_, i) => new Date(first - i * 7 * DAY).toISOString().slice(0, 10));
}

export const addDays = (isoDay: string, days: number) =>
	new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
