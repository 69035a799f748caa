/**
 * What a check-in and a reflection are, for the browser: the rules of the database's CHECK
 * constraints, from the model's limits, so most mistakes are caught next to the field before anything
 * is sent, and the database checks again. zod/mini keeps this small in the page's JavaScript.
 */
import '../site/zod-without-eval.ts';
import * as z from 'zod/mini';
import {
	type Choice,
	CONFIDENCE,
	ERROR_CAUGHT,
	ERROR_KINDS,
	MINUTES_SAVED,
	OUTCOMES,
	REFLECTION_MAX,
	SLUG,
	VISIBILITIES,
} from './model.ts';

/** The values of a list of choices, as zod's enum wants them: a non-empty tuple. */
const values = <Value extends string>(choices: readonly Choice<Value>[]) =>
	choices.map((choice) => choice.value) as [Value, ...Value[]];

const slug = z.string().check(z.regex(SLUG.pattern, { error: 'not a valid slug' }), z.maxLength(SLUG.maxLength));

/**
 * What every feedback row carries: its client-made id and where it belongs. Never who sent it: the
 * database sets the participant from the signed-in session.
 */
const row = { id: z.uuid(), workflow: slug, task: slug, team: slug };

export const checkInSchema = z
	.object({
		...row,
		confidence: z
			.int({ error: `Choose how confident you felt, from ${CONFIDENCE.min} to ${CONFIDENCE.max}` })
			.check(z.gte(CONFIDENCE.min), z.lte(CONFIDENCE.max)),
		outcome: z.enum(values(OUTCOMES), { error: 'Choose how it went' }),
		error_caught: z.enum(values(ERROR_CAUGHT)),
		error_kind: z.nullable(z.enum(values(ERROR_KINDS))),
		minutes_saved: z.nullable(
			z
				.int({ error: 'Minutes saved is a whole number' })
				.check(
					z.gte(MINUTES_SAVED.min, { error: 'Minutes saved cannot be negative' }),
					z.lte(MINUTES_SAVED.max, { error: `At most ${MINUTES_SAVED.max} minutes (a working day)` }),
				),
		),
	})
	.check(
		z.refine((v) => v.error_kind === null || v.error_caught !== 'none', {
			error: 'Only say what kind of error when you caught one',
			path: ['error_kind'],
		}),
	);

const reflectionText = z.nullable(
	z.string().check(z.maxLength(REFLECTION_MAX, { error: `At most ${REFLECTION_MAX} characters` })),
);

export const reflectionSchema = z
	.object({
		...row,
		worked: reflectionText,
		did_not_work: reflectionText,
		try_next: reflectionText,
		visibility: z.enum(values(VISIBILITIES)),
	})
	.check(
		z.refine((v) => [v.worked, v.did_not_work, v.try_next].some((text) => text !== null && text.trim() !== ''), {
			error: 'Write at least one of the three',
			path: ['worked'],
		}),
	);

/** A check-in as the schema makes it; tests/unit/database-types.test-d.ts checks it is an insertable row. */
export type CheckIn = z.infer<typeof checkInSchema>;
export type Reflection = z.infer<typeof reflectionSchema>;

/** Field → first message, for showing errors next to the fields. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
	const messages: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		messages[field] ??= issue.message;
	}
	return messages;
}
