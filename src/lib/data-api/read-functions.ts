/**
 * The JSON the read functions return, which `supabase gen types` can only call `Json`: written by
 * hand here and laid over the generated types in database.ts, as supabase-js's own tests do.
 *
 * @see supabase/migrations/20261124000400_publication.sql
 * @see docs/data-api.md
 */
import type { Enums } from './database.generated.ts';

/**
 * What a set of shown cells says: sums over the cells, means over their person-weeks (each person
 * weighs the same within a week, and each week they took part in weighs the same).
 */
export interface CellFigures {
	/** Check-ins in the shown cells. */
	checkIns: number;
	/** Sum over the shown weeks of the people in each: one person in three weeks counts three. */
	personWeeks: number;
	meanConfidence: number;
	/** The spread of people's own mean confidence, over the person-weeks. */
	confidenceSd: number;
	/** Share of each person's check-ins whose outcome was "helped", 0..1, averaged over person-weeks. */
	helpedRate: number;
	gotInTheWayRate: number;
	/** Share of check-ins where the person caught an AI error (before or after it went anywhere), 0..1. */
	catchRate: number;
	caughtBeforeRate: number;
	caughtAfterRate: number;
	/** Check-ins where an error was caught before it went anywhere. */
	caughtBefore: number;
	/** Check-ins where an error was caught only after it went somewhere. */
	caughtAfter: number;
	minutesSaved: number;
}

interface SummaryBase {
	workflow: string;
	team: string | null;
	k: number;
	/** People a cell needs to be shown: k others besides whoever looks. */
	minPeople: number;
	/** First Monday of the twelve closed weeks summed, YYYY-MM-DD. */
	since: string;
	/** Monday of the current week, which is not included. */
	until: string;
}
export interface WorkflowSummaryShown extends SummaryBase, CellFigures {
	suppressed: false;
	/** Closed weeks with a shown cell for this workflow. */
	weeks: number;
	/** Monday of the latest of them, YYYY-MM-DD. */
	lastWeek: string;
}
export type WorkflowSummary = WorkflowSummaryShown | (SummaryBase & { suppressed: true });

/** Activity is always shown; the measures only where a closed week's cell had enough people. */
export type TaskIndicator = {
	task: string;
	/** All check-ins in the period, this week's included. */
	checkIns: number;
	personWeeks: number;
	/** Mean confidence over the last four closed weeks, null where no cell was shown. */
	recentConfidence: number | null;
	/** Mean confidence over the four closed weeks before those. */
	earlierConfidence: number | null;
} & (
	| ({ shown: true; shownCheckIns: number; shownPersonWeeks: number } & Omit<CellFigures, 'checkIns' | 'personWeeks'>)
	| { shown: false }
);

export type WeekIndicator = {
	/** Monday, YYYY-MM-DD. */
	week: string;
	/** False for the current week: only its activity is shown. */
	closed: boolean;
	checkIns: number;
	people: number;
} & (({ shown: true; shownCheckIns: number } & Omit<CellFigures, 'checkIns' | 'personWeeks'>) | { shown: false });

export interface TeamIndicators {
	team: string;
	task: string | null;
	weeks: number;
	k: number;
	minPeople: number;
	/** Monday (UTC) of the first week of the period, YYYY-MM-DD. */
	since: string;
	/** Monday of the current week: the measures cover the closed weeks before it. */
	thisWeek: string;
	generatedAt: string;
	/** checkIns: all in the period; the measures only from shown cells of closed weeks. */
	totals: { checkIns: number } & (
		| ({ shown: true; shownCheckIns: number } & Omit<CellFigures, 'checkIns'>)
		| { shown: false; shownCheckIns: null }
	);
	thisWeekActivity: {
		checkIns: number;
		people: number;
		tasks: { task: string; checkIns: number; people: number }[];
	};
	tasks: TaskIndicator[];
	weekly: WeekIndicator[];
	/** Only workflows with a shown cell in the period. */
	workflows: ({ workflow: string; task: string } & CellFigures)[];
	errorKinds: { kind: Enums<'error_kind'> | 'unspecified'; checkIns: number; personWeeks: number }[];
}

/** workflow_health: per workflow, the shown cells of the last twelve closed weeks over all teams. */
export type WorkflowHealth = { workflow: string; weeks: number } & CellFigures;

/** delete_my_data: how many of the caller's rows were deleted. */
export interface DeletedData {
	checkIns: number;
	reflections: number;
	trackFollows: number;
}

/** One closed week of shared reflections; its reflections only once enough people shared. */
export interface ReflectionWeek {
	week: string;
	shown: boolean;
	/** In a random order, without ids or times. */
	reflections: SharedReflection[];
}
export interface SharedReflection {
	workflow: string;
	task: string;
	worked: string | null;
	didNotWork: string | null;
	tryNext: string | null;
}

/** The periods team_indicators accepts; it refuses others (22023). */
export const INDICATOR_PERIODS = [4, 8, 12] as const;
export type IndicatorPeriod = (typeof INDICATOR_PERIODS)[number];

/** What join_team answers: the team, and whether a seat was used (false when already a member). */
export interface JoinResult {
	team: string;
	joined: boolean;
}

/** team_seats: seats the team's join links have given, seats used, and current members. */
export interface TeamSeats {
	team: string;
	seats: number;
	used: number;
	members: number;
}

/** create_join_code (service role): the code is shown this once; only its hash is kept. */
export interface JoinCodeMade {
	id: string;
	team: string;
	code: string;
	seats: number;
	expiresAt: string;
}
