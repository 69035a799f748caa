/**
 * What a check-in and a reflection are, for the browser: the same rules as the CHECK constraints in
 * `supabase/migrations/`, so most mistakes are caught next to the field before anything is sent,
 * and the database checks again. zod/mini keeps this small in the page's JavaScript.
 */
import * as z from 'zod/mini';
import type { Database } from '../data-api/database.ts';
import { ERROR_CAUGHT, ERROR_KINDS, OUTCOMES, REFLECTION_MAX } from './model.ts';

const values = <T extends readonly { value: string }[]>(options: T) =>
	options.map((option) => option.value) as unknown as { [K in keyof T]: T[K]['value'] } & [T[number]['value'], ...T[number]['value'][]];

const slug = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'not a valid slug' }), z.maxLength(80));

/** What every feedback row carries: its client-made id, where it belongs, and the pseudonymous participant. */
const row = { id: z.uuid(), workflow: slug, task: slug, team: slug, participant: z.uuid() };

export const checkInSchema = z
	.object({
		...row,
		confidence: z.int({ error: 'Choose how confident you felt, from 1 to 5' }).check(z.gte(1), z.lte(5)),
		outcome: z.enum(values(OUTCOMES), { error: 'Choose how it went' }),
		error_caught: z.enum(values(ERROR_CAUGHT)),
		error_kind: z.nullable(z.enum(values(ERROR_KINDS))),
		minutes_saved: z.nullable(
			z.int({ error: 'Minutes saved is a whole number' }).check(
				z.gte(0, { error: 'Minutes saved cannot be negative' }),
				z.lte(480, { error: 'At most 480 minutes (a working day)' }),
			),
		),
	})
	.check(
		z.refine((v) => v.error_kind === null || v.error_caught !== 'none', {
			error: 'Only say what kind of error when you caught one',
			path: ['error_kind'],
		}),
	);

const reflectionText = z.nullable(z.string().check(z.maxLength(REFLECTION_MAX, { error: `At most ${REFLECTION_MAX} characters` })));

export const reflectionSchema = z
	.object({
		...row,
		worked: reflectionText,
		did_not_work: reflectionText,
		try_next: reflectionText,
		visibility: z.enum(['team', 'private']),
	})
	.check(
		z.refine((v) => [v.worked, v.did_not_work, v.try_next].some((text) => text !== null && text.trim() !== ''), {
			error: 'Write at least one of the three',
			path: ['worked'],
		}),
	);

export type CheckIn = Database['public']['Tables']['check_ins']['Insert'] & z.infer<typeof checkInSchema>;
export type Reflection = Database['public']['Tables']['reflections']['Insert'] & z.infer<typeof reflectionSchema>;

/** Field → first message, for showing errors next to the fields. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
	const messages: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		messages[field] ??= issue.message;
	}
	return messages;
}
