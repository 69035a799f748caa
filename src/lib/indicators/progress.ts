/**
 * The lead's question, "is my team getting better with AI, and where not?", answered from the same
 * published figures as the rest of the page: the period's recent closed weeks against the closed weeks
 * before them, and each task type sorted into growing, not growing, or too few people to say.
 */
import type { IndicatorView, TaskRow, WeekPoint } from './series.ts';

/** Where a team member can get help with a task type: its page, its experts, the team's workflows for it. */
export interface TaskSupport {
	task: string;
	href: string;
	experts: { name: string; contact: string; href: string }[];
	workflows: { title: string; href: string }[];
}

/** A change in mean confidence this large (on 1 to 5) counts as growing or falling; smaller is level. */
export const CONFIDENCE_STEP = 0.2;

export interface Comparison {
	recent: number | null;
	earlier: number | null;
	/** recent − earlier, when both are known. */
	change: number | null;
}

export interface Headline {
	/** Closed weeks on each side of the comparison. */
	weeks: number;
	checkInsPerWeek: Comparison;
	peoplePerWeek: Comparison;
	meanConfidence: Comparison;
	catchRate: Comparison;
}

const mean = (values: (number | null)[]): number | null => {
	const known = values.filter((value): value is number => value !== null);
	return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
};

function compare(recent: WeekPoint[], earlier: WeekPoint[], value: (week: WeekPoint) => number | null): Comparison {
	const a = mean(recent.map(value));
	const b = mean(earlier.map(value));
	return { recent: a, earlier: b, change: a !== null && b !== null ? a - b : null };
}

/**
 * The headline figures per week, the latest half of the period's closed weeks against the half before
 * (the current week, still open, is left out of both). Measures average the weeks where they are shown.
 */
export function headline(view: IndicatorView): Headline {
	const closed = view.weeks.filter((week) => !week.current);
	const half = Math.floor(closed.length / 2);
	const recent = closed.slice(closed.length - half);
	const earlier = closed.slice(closed.length - 2 * half, closed.length - half);
	return {
		weeks: half,
		checkInsPerWeek: compare(recent, earlier, (week) => week.checkIns),
		peoplePerWeek: compare(recent, earlier, (week) => week.people),
		meanConfidence: compare(recent, earlier, (week) => (week.suppressed ? null : week.meanConfidence)),
		catchRate: compare(recent, earlier, (week) => (week.suppressed ? null : week.catchRate)),
	};
}

export type NotGrowingReason = 'unused' | 'falling' | 'level';

export interface Fluency {
	growing: TaskRow[];
	notGrowing: { row: TaskRow; reason: NotGrowingReason }[];
	/** Task types used by too few people for their confidence to be shown or compared. */
	unknown: TaskRow[];
}

/** Each task type of the period: confidence growing, not growing (unused, falling, level), or unknown. */
export function fluency(view: IndicatorView): Fluency {
	const result: Fluency = { growing: [], notGrowing: [], unknown: [] };
	for (const row of view.tasks) {
		if (row.unused) result.notGrowing.push({ row, reason: 'unused' });
		else if (row.suppressed || row.confidenceChange === null) result.unknown.push(row);
		else if (row.confidenceChange >= CONFIDENCE_STEP) result.growing.push(row);
		else result.notGrowing.push({ row, reason: row.confidenceChange <= -CONFIDENCE_STEP ? 'falling' : 'level' });
	}
	result.growing.sort((a, b) => (b.confidenceChange ?? 0) - (a.confidenceChange ?? 0));
	return result;
}
