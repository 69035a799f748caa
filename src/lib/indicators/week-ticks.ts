/**
 * Which weeks of a chart's axis carry a label: as many as fit in the width, counted back from the
 * latest week so the current one is always named. The others keep their tick without text.
 */
import { formatShortDay } from '../site/dates.ts';

/** Room one week label needs on the axis, in CSS pixels ("22 Nov" and its gap). */
export const WEEK_LABEL_ROOM = 64;

/** The label of each tick (Unix seconds of a Monday), '' where there is no room; `locale` undefined is the reader's. */
export function weekTickLabels(ticks: number[], widthPx: number, locale?: string): string[] {
	const step = Math.max(1, Math.ceil((ticks.length * WEEK_LABEL_ROOM) / Math.max(widthPx, 1)));
	return ticks.map((tick, i) =>
		(ticks.length - 1 - i) % step === 0 ? formatShortDay(new Date(tick * 1000), locale) : '',
	);
}
