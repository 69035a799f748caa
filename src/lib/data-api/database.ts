/**
 * Types of the feedback data API, in the shape `supabase gen types typescript` produces, so
 * `createClient<Database>(...)` type-checks every table call and RPC. Keep in step with
 * `supabase/migrations/` and `docs/data-api.md`; the API tests exercise every call through them.
 */

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Outcome = 'helped' | 'no_difference' | 'got_in_the_way';
export type ErrorCaught = 'none' | 'before' | 'after';
export type ErrorKind = 'made_up_fact' | 'wrong_number' | 'outdated' | 'tone' | 'leaked_data' | 'other';
export type Visibility = 'team' | 'private';

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
export type WorkflowSummary = WorkflowSummaryShown | { workflow: string; team: string | null; k: number; suppressed: true };

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
	totals: { suppressed: false; checkIns: number; participants: number; meanConfidence: number; helpedRate: number; catchRate: number };
	tasks: Protected<{ task: string }, TaskIndicator>[];
	weekly: Protected<{ week: string }, { checkIns: number; participants: number }>[];
	workflows: Protected<{ workflow: string; task: string }, { checkIns: number; participants: number }>[];
	errorKinds: Protected<{ kind: ErrorKind | 'unspecified' }, { checkIns: number; participants: number }>[];
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

export type Database = {
	public: {
		Tables: {
			check_ins: {
				Row: {
					id: string;
					workflow: string;
					task: string;
					team: string;
					participant: string;
					confidence: number;
					outcome: Outcome;
					error_caught: ErrorCaught;
					error_kind: ErrorKind | null;
					minutes_saved: number | null;
					created_at: string;
				};
				Insert: {
					id: string;
					workflow: string;
					task: string;
					team: string;
					participant: string;
					confidence: number;
					outcome: Outcome;
					error_caught?: ErrorCaught;
					error_kind?: ErrorKind | null;
					minutes_saved?: number | null;
					/** Set by the server; only the service role may send it (seeding, imports). */
					created_at?: string;
				};
				Update: {
					id?: string;
					workflow?: string;
					task?: string;
					team?: string;
					participant?: string;
					confidence?: number;
					outcome?: Outcome;
					error_caught?: ErrorCaught;
					error_kind?: ErrorKind | null;
					minutes_saved?: number | null;
					created_at?: string;
				};
				Relationships: [];
			};
			reflections: {
				Row: {
					id: string;
					workflow: string;
					task: string;
					team: string;
					participant: string;
					worked: string | null;
					did_not_work: string | null;
					try_next: string | null;
					visibility: Visibility;
					created_at: string;
				};
				Insert: {
					id: string;
					workflow: string;
					task: string;
					team: string;
					participant: string;
					worked?: string | null;
					did_not_work?: string | null;
					try_next?: string | null;
					visibility?: Visibility;
					/** Set by the server; only the service role may send it (seeding, imports). */
					created_at?: string;
				};
				Update: {
					id?: string;
					workflow?: string;
					task?: string;
					team?: string;
					participant?: string;
					worked?: string | null;
					did_not_work?: string | null;
					try_next?: string | null;
					visibility?: Visibility;
					created_at?: string;
				};
				Relationships: [];
			};
		};
		Views: { [_ in never]: never };
		Functions: {
			workflow_summary: { Args: { p_workflow: string; p_team?: string }; Returns: WorkflowSummary };
			team_indicators: { Args: { p_team: string; p_weeks?: 4 | 8 | 12; p_task?: string }; Returns: TeamIndicators };
			team_reflections: { Args: { p_team: string; p_since: string; p_until?: string }; Returns: SharedReflection[] };
		};
		Enums: { [_ in never]: never };
		CompositeTypes: { [_ in never]: never };
	};
};
