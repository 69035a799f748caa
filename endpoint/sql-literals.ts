/**
 * Values written into SQL text as literals, for statements sent in PostgreSQL's simple protocol,
 * which takes no bind parameters but runs several statements in one message.
 */

/** PostgreSQL's own error for a NUL in text, so a request holding one gets the same 400 either way. */
export class NulInText extends Error {
	readonly code = '22021';
	constructor() {
		super('invalid byte sequence for encoding "UTF8": 0x00');
	}
}

/**
 * A string as an SQL literal. Quotes are doubled; backslashes stay as they are, which is right with
 * standard_conforming_strings on (PostgreSQL's default since 9.1; nothing here turns it off).
 */
export function sqlLiteral(text: string): string {
	if (text.includes('\0')) throw new NulInText();
	return `'${text.replaceAll("'", "''")}'`;
}

/** An element of PostgreSQL's array syntax: quoted, with its backslashes and quotes escaped. */
const quotedElement = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** An array in PostgreSQL's array syntax (`{"a","b",NULL}`), where `"` and `\` are escaped by `\`. */
const arrayText = (items: readonly unknown[]): string =>
	`{${items.map((item) => (item === null || item === undefined ? 'NULL' : quotedElement(valueText(item)))).join(',')}}`;

/** The text PostgreSQL parses a value from, as node-postgres and PGlite send a bind parameter. */
export function valueText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return arrayText(value);
	return JSON.stringify(value);
}

/** A bind parameter's value as an SQL literal: untyped (`'…'`), as a parameter is, or NULL. */
export const valueLiteral = (value: unknown): string =>
	value === null || value === undefined ? 'NULL' : sqlLiteral(valueText(value));

/**
 * The statement with each `$n` replaced by params[n - 1] as a literal. A `$n` inside a quoted
 * identifier or a string literal of the statement is text, not a parameter, and stays.
 */
export function inlineParams(text: string, params: readonly unknown[] = []): string {
	return text.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'|\$(\d+)/g, (match, index: string | undefined) => {
		if (index === undefined) return match;
		const n = Number(index);
		if (n < 1 || n > params.length) throw new Error(`the statement uses $${n} but has ${params.length} parameters`);
		return valueLiteral(params[n - 1]);
	});
}

/** An identifier as SQL text, quoted so any name is read as a name. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
