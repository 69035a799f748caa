/**
 * One date style and one time style for the whole site, in the reader's locale. Days (a workflow's
 * review date, a week's Monday) are calendar days, read in UTC so no time zone moves them; times are
 * the reader's own clock. Pages built ahead of time write the day in a neutral locale inside
 * `<time data-day>`, and the page's script (LocalDates.astro) rewrites it in the reader's locale.
 */

/** The day style: "3 Nov 2026" (en-GB), "Nov 3, 2026" (en-US), "3. Nov. 2026" (de). */
export const DAY_STYLE: Intl.DateTimeFormatOptions = {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC',
};
/** The same without the year, for chart axes where the year is in the table. */
export const SHORT_DAY_STYLE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', timeZone: 'UTC' };
/** The time style: the reader's clock, hours and minutes in their locale's convention. */
export const TIME_STYLE: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** The locale pages are built in before the reader's browser takes over. */
export const BUILD_LOCALE = 'en-GB';

/** A calendar day (a Date, or an ISO date or timestamp whose first ten characters are the day). */
const asDay = (day: Date | string) => (typeof day === 'string' ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day);

// A formatter costs far more to make than to use (pages and charts format hundreds of days): one per
// style and locale.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (name: string, options: Intl.DateTimeFormatOptions, locale?: string) => {
	const key = `${name} ${locale ?? ''}`;
	let made = formatters.get(key);
	if (!made) {
		made = new Intl.DateTimeFormat(locale, options);
		formatters.set(key, made);
	}
	return made;
};
const LOCAL_DAY_STYLE = { ...DAY_STYLE, timeZone: undefined };

/** A day in the day style; `locale` undefined is the reader's. */
export const formatDay = (day: Date | string, locale?: string) =>
	formatter('day', DAY_STYLE, locale).format(asDay(day));

export const formatShortDay = (day: Date | string, locale?: string) =>
	formatter('short day', SHORT_DAY_STYLE, locale).format(asDay(day));

/** The reader's calendar day of a moment (a row's created_at), in the day style. */
export const formatDayOf = (moment: Date | string, locale?: string) =>
	formatter('local day', LOCAL_DAY_STYLE, locale).format(new Date(moment));

export const formatTime = (time: Date, locale?: string) => formatter('time', TIME_STYLE, locale).format(time);

/** The ISO day of a Date (its UTC calendar day), for `<time datetime>`. */
export const isoDay = (day: Date) => day.toISOString().slice(0, 10);
