/** Monday-based UTC weeks, as the read functions count them. */
const DAY = 86_400_000;

/** Monday 00:00 UTC of the week containing `date`. */
export function weekStart(date: Date): Date {
	const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
	const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday = 0
	return new Date(midnight - weekday * DAY);
}

export const addDays = (isoDay: string, days: number) =>
	new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
