/**
 * Validates playbook files outside Astro (tests, the content checker): parses a file's
 * frontmatter or YAML, runs the collection's schema from `content-schema.ts`, and reports each
 * problem with the file, the line, the field and what is wrong.
 */

import type { z } from 'astro/zod';
import yaml from 'js-yaml';
import { bodyOf, frontmatterOf, type UnsafePart, unsafeParts } from './content-safety.ts';
import { type CollectionName, schemas } from './content-schema.ts';
import type { Problem } from './cross-references.ts';
import { PLACEHOLDER_NOTES } from './workflow-file.ts';

export { type CollectionName, schemas };

export interface LocatedProblem extends Problem {
	line: number;
}

/** The line where a top-level key is written, so an editor can jump to it; else the first line. */
function lineOf(yamlText: string, firstLine: number, path: PropertyKey[]): number {
	const key = path.find((part) => typeof part === 'string');
	if (typeof key !== 'string') return firstLine;
	const index = yamlText.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
	return index === -1 ? firstLine : firstLine + index;
}

const fieldName = (path: PropertyKey[]) =>
	path.reduce<string>(
		(name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)),
		'',
	) || '(file)';

const fixFor = (issue: z.core.$ZodIssue): string => {
	if (issue.code === 'invalid_type' && issue.input === undefined) return 'add this field';
	if (issue.code === 'unrecognized_keys') return `remove or rename: ${issue.keys.join(', ')}`;
	return 'see the description of this field in src/lib/content-schema.ts';
};

/**
 * Validate one playbook file's text. An empty list means the file is valid on its own. `bodyCheck`
 * reads a workflow's body: the line rules by default (they run in the browser too); `npm run check`
 * passes the full guard of rendered-safety.ts, which the build applies.
 */
export function checkSource(
	collection: CollectionName,
	filePath: string,
	source: string,
	bodyCheck: (body: string) => UnsafePart[] = unsafeParts,
): {
	problems: LocatedProblem[];
	data?: unknown;
	/** The parsed YAML as it is, when it is an object: for cross-reference checks of invalid files. */
	raw?: Record<string, unknown>;
} {
	let yamlText = source;
	let firstLine = 1;
	if (collection === 'workflows') {
		const found = frontmatterOf(source);
		if (!found) {
			return {
				problems: [
					{
						file: filePath,
						line: 1,
						field: '(frontmatter)',
						message: 'no frontmatter found',
						fix: 'start the file with a --- block of YAML fields',
					},
				],
			};
		}
		({ yamlText, firstLine } = found);
	}
	let raw: unknown;
	try {
		raw = yaml.load(yamlText);
	} catch (error) {
		const mark = (error as { mark?: { line?: number } }).mark;
		return {
			problems: [
				{
					file: filePath,
					line: firstLine + (mark?.line ?? 0),
					field: '(yaml)',
					message: `not valid YAML: ${(error as Error).message.split('\n')[0]}`,
					fix: 'check indentation and quote values that contain a colon',
				},
			],
		};
	}
	const result = schemas[collection].safeParse(raw ?? {});
	// A workflow's body is checked too, whatever its frontmatter says: every problem in one run.
	const unsafe = collection === 'workflows' ? bodyProblems(filePath, source, bodyCheck) : [];
	if (result.success) return { problems: unsafe, data: result.data };
	return {
		raw: raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined,
		problems: [
			...result.error.issues.map((issue) => ({
				file: filePath,
				line: lineOf(yamlText, firstLine, issue.path),
				field: fieldName(issue.path),
				message: issue.message,
				fix: fixFor(issue),
			})),
			...unsafe,
		],
	};
}

/** What in a workflow's body would run as code or ship HTML (content-safety.ts), as located problems. */
function bodyProblems(filePath: string, source: string, bodyCheck: (body: string) => UnsafePart[]): LocatedProblem[] {
	const { body, firstLine } = bodyOf(source);
	const placeholder = body.split('\n').findIndex((line) => line.includes(PLACEHOLDER_NOTES));
	return [
		...bodyCheck(body).map((part) => ({
			file: filePath,
			line: firstLine + part.line - 1,
			field: '(body)',
			message: `refused: ${part.what}`,
			fix: part.fix,
		})),
		...(placeholder === -1
			? []
			: [
					{
						file: filePath,
						line: firstLine + placeholder,
						field: '(notes)',
						message: "still the template's placeholder sentence",
						fix: 'write a few sentences from your own use: why it works, what to watch for',
					},
				]),
	];
}

/** `file:line  field  what is wrong  (how to fix)`, one problem per line. */
export const formatLocated = (problems: LocatedProblem[]) =>
	problems.map((p) => `${p.file}:${p.line}  ${p.field}  ${p.message}  (${p.fix})`).join('\n');
