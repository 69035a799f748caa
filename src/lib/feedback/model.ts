/**
 * The feedback model's facts, each in one place: the choices a check-in and a reflection offer (their
 * values come from the database's enum types, through the generated types; their labels are here, and
 * TypeScript refuses a value without a label), the limits the forms, the schemas and the database's
 * CHECK constraints share, and which form field each constraint guards. No zod here: the forms render
 * from this module alone, and load the schemas only when someone submits.
 *
 * @see supabase/migrations/20261124000100_feedback_tables.sql for the same facts in SQL
 * @see tests/db/model-constraints.test.ts, which compares the two
 */
import { Constants, type Enums } from '../data-api/database.ts';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../playbook/slug.ts';

export interface Choice<Value extends string> {
	value: Value;
	label: string;
}

/** The enum's values in the database's order, each with its label. */
const choices = <Value extends string>(
	values: readonly Value[],
	labels: Record<Value, string>,
): readonly Choice<Value>[] => values.map((value) => ({ value, label: labels[value] }));

export type Outcome = Enums<'outcome'>;
export type ErrorCaught = Enums<'error_caught'>;
export type ErrorKind = Enums<'error_kind'>;
export type Visibility = Enums<'visibility'>;

export const OUTCOMES = choices(Constants.public.Enums.outcome, {
	helped: 'It helped',
	no_difference: 'No difference',
	got_in_the_way: 'It got in the way',
});

export const ERROR_CAUGHT = choices(Constants.public.Enums.error_caught, {
	none: 'No',
	before: 'Yes, before it went anywhere',
	after: 'Yes, but only after it went out',
});

export const ERROR_KINDS = choices(Constants.public.Enums.error_kind, {
	made_up_fact: 'A made-up fact or source',
	wrong_number: 'A wrong number',
	outdated: 'Something out of date',
	tone: 'Wrong tone',
	leaked_data: 'Data that should not be there',
	other: 'Something else',
});

export const VISIBILITIES = choices(Constants.public.Enums.visibility, {
	team: 'Share with my team',
	private: 'Only me',
});

/** The label of an error kind; `unspecified` is how the read functions count a catch without a kind. */
export const errorKindLabel = (kind: ErrorKind | 'unspecified'): string =>
	kind === 'unspecified' ? 'Kind not given' : (ERROR_KINDS.find((choice) => choice.value === kind)?.label ?? kind);

/** Confidence levels, 1 to 5, with the words shown next to each number. */
export const CONFIDENCE = { min: 1, max: 5, labels: ['not at all', 'a little', 'somewhat', 'fairly', 'very'] } as const;

/** Minutes a use saved: from none to a working day. */
export const MINUTES_SAVED = { min: 0, max: 480 } as const;

/** Longest text of each reflection field, in characters. */
export const REFLECTION_MAX = 1000;

export const SLUG = { pattern: SLUG_PATTERN, maxLength: SLUG_MAX_LENGTH } as const;

/**
 * The form field each CHECK constraint of the migrations guards, so a refusal from the database is
 * shown next to the right field. Every CHECK constraint on the two tables is listed here.
 */
export const CONSTRAINT_FIELDS = {
	check_ins_workflow_slug: 'workflow',
	check_ins_task_slug: 'task',
	check_ins_team_slug: 'team',
	check_ins_confidence_range: 'confidence',
	check_ins_minutes_saved_range: 'minutes_saved',
	check_ins_error_kind_needs_catch: 'error_kind',
	reflections_workflow_slug: 'workflow',
	reflections_task_slug: 'task',
	reflections_team_slug: 'team',
	reflections_worked_length: 'worked',
	reflections_did_not_work_length: 'did_not_work',
	reflections_try_next_length: 'try_next',
	reflections_not_empty: 'worked',
} as const;

/** The columns of enum type, whose refusals (22P02) name the enum. */
export const ENUM_FIELDS: Record<keyof typeof Constants.public.Enums, string> = {
	outcome: 'outcome',
	error_caught: 'error_caught',
	error_kind: 'error_kind',
	visibility: 'visibility',
};

/** At most this many check-ins and reflections a person adds per UTC day (enforced in SQL). */
export const DAILY_LIMITS = { checkIns: 30, reflections: 10 } as const;
