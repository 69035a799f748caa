/**
 * The choices a check-in offers and the reflection length limit, shared by the forms (which render
 * them) and the schemas (which enforce them). No zod here: the forms render from this module
 * alone, and load the schemas only when someone submits.
 */

export const OUTCOMES = [
	{ value: 'helped', label: 'It helped' },
	{ value: 'no_difference', label: 'No difference' },
	{ value: 'got_in_the_way', label: 'It got in the way' },
] as const;

export const ERROR_CAUGHT = [
	{ value: 'none', label: 'No' },
	{ value: 'before', label: 'Yes, before it went anywhere' },
	{ value: 'after', label: 'Yes, but only after it went out' },
] as const;

export const ERROR_KINDS = [
	{ value: 'made_up_fact', label: 'A made-up fact or source' },
	{ value: 'wrong_number', label: 'A wrong number' },
	{ value: 'outdated', label: 'Something out of date' },
	{ value: 'tone', label: 'Wrong tone' },
	{ value: 'leaked_data', label: 'Data that should not be there' },
	{ value: 'other', label: 'Something else' },
] as const;

export const REFLECTION_MAX = 1000;
