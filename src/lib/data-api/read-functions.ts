/**
 * The JSON the read functions return, which `supabase gen types` can only call `Json`: written by
 * hand here and laid over the generated types in database.ts, as supabase-js's own tests do.
 *
 * @see supabase/migrations/20261124000200_read_functions.sql
 * @see docs/data-api.md
 */
import type { Enums } from './database.generated.ts';

/** A cell that may be hidden because fewer than k people are in it (or subtraction would reveal it). */
export type Protected<Keys, Values> = (Keys & Values & { suppressed: false }) | (Keys & { suppressed: true });

export interface WorkflowSummaryShown {
	workflow: string;
	team: string | null;
	k: number;
	suppressed: false;
	checkIns: number;
	participants: number;
	meanConfidence: number;
	/** Share of check-ins whose outcome was "helped", 0..1. */
	helpedRate: number;
	/** Share of check-ins where the person caught an AI error, 0..1. */
	catchRate: number;
	/** Monday (UTC) of the week of the latest check-in, YYYY-MM-DD. */
	lastCheckInWeek: string;
	confidence: Protected<{ level: 1 | 2 | 3 | 4 | 5 }, { checkIns: number; participants: number }>[];
}
export type WorkflowSummary =
	| WorkflowSummaryShown
	| { workflow: string; team: string | null; k: number; suppressed: true };

export interface TaskIndicator {
	checkIns: number;
	participants: number;
	meanConfidence: number;
	confidenceSd: number;
	helpedRate: number;
	catchRate: number;
	caughtBefore: number;
	caughtAfter: number;
	/** Mean confidence over the last four weeks, null for fewer than k people. */
	recentConfidence: number | null;
	/** Mean confidence over the four weeks before those, null for fewer than k people. */
	earlierConfidence: number | null;
}

interface TeamIndicatorsBase {
	team: string;
	task: string | null;
	weeks: number;
	k: number;
	/** Monday (UTC) of the first week of the period, YYYY-MM-DD. */
	since: string;
	generatedAt: string;
}
export interface TeamIndicatorsShown extends TeamIndicatorsBase {
	suppressed: false;
	totals: {
		suppressed: false;
		checkIns: number;
		participants: number;
		meanConfidence: number;
		helpedRate: number;
		catchRate: number;
	};
	tasks: Protected<{ task: string }, TaskIndicator>[];
	weekly: Protected<{ week: string }, { checkIns: number; participants: number }>[];
	workflows: Protected<{ workflow: string; task: string }, { checkIns: number; participants: number }>[];
	errorKinds: Protected<{ kind: Enums<'error_kind'> | 'unspecified' }, { checkIns: number; participants: number }>[];
}
export interface TeamIndicatorsHidden extends TeamIndicatorsBase {
	suppressed: true;
	totals: { suppressed: true };
	tasks: [];
	workflows: [];
	errorKinds: [];
	weekly: { week: string; suppressed: true }[];
}
export type TeamIndicators = TeamIndicatorsShown | TeamIndicatorsHidden;

export interface SharedReflection {
	id: string;
	workflow: string;
	task: string;
	worked: string | null;
	didNotWork: string | null;
	tryNext: string | null;
	/** UTC day it was written, YYYY-MM-DD. */
	day: string;
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
