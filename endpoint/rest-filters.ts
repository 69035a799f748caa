/**
 * PostgREST's horizontal filters as SQL: `col=op.value`, `col=not.op.value`, the `(any)` / `(all)`
 * modifiers, and the logic trees `or=(…)`, `and=(…)`, `not.or=(…)` with nesting. Values always travel as
 * parameters; column names go through the caller's resolver, which quotes them and refuses unknown ones.
 * @see https://docs.postgrest.org/en/v12/references/api/tables_views.html#horizontal-filtering
 */
import { ApiError } from './errors.ts';

/** A column name as quoted SQL, or an ApiError (42703) when the resource has no such column. */
export type ColumnResolver = (name: string) => string;

/** Parameters of the statement being built; `add` returns the placeholder (`$3`) of a new one. */
export class Params {
	readonly values: unknown[] = [];
	add(value: unknown): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

const COMPARISON: Record<string, string> = {
	eq: '=',
	neq: '<>',
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	like: 'like',
	ilike: 'ilike',
	match: '~',
	imatch: '~*',
};
/** Array and range operators: the value is the column type's own text (`{a,b}`, `[1,5)`). */
const CONTAINMENT: Record<string, string> = {
	cs: '@>',
	cd: '<@',
	ov: '&&',
	sl: '<<',
	sr: '>>',
	nxr: '&<',
	nxl: '&>',
	adj: '-|-',
};
const FULL_TEXT: Record<string, string> = {
	fts: 'to_tsquery',
	plfts: 'plainto_tsquery',
	phfts: 'phraseto_tsquery',
	wfts: 'websearch_to_tsquery',
};
const IS_VALUES: Record<string, string> = {
	null: 'null',
	not_null: 'not null',
	true: 'true',
	false: 'false',
	unknown: 'unknown',
};

const parseError = (text: string, details: string) =>
	new ApiError(400, 'PGRST100', `"failed to parse filter (${text})" (line 1, column 1)`, details);
const treeError = (text: string, details: string) =>
	new ApiError(400, 'PGRST100', `"failed to parse logic tree (${text})" (line 1, column 1)`, details);

/** `like` and `ilike` take `*` for `%`, so a pattern can be written in a URL without escaping. */
const likePattern = (op: string, value: string) =>
	op === 'like' || op === 'ilike' ? value.replaceAll('*', '%') : value;

/**
 * Items of a comma-separated list, where `"…"` quotes (with `\` escapes) and parentheses nest.
 * `keepQuotes` leaves the quotes of a tree's items for the item's own parse.
 */
export function splitList(text: string, keepQuotes = false): string[] {
	const items: string[] = [];
	let current = '';
	let depth = 0;
	let quoted = false;
	let wasQuoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (quoted) {
			if (char === '\\' && i + 1 < text.length) {
				current += keepQuotes ? char + text[i + 1] : text[i + 1];
				i++;
			} else if (char === '"') {
				quoted = false;
				if (keepQuotes) current += char;
			} else current += char;
		} else if (char === '"') {
			quoted = true;
			wasQuoted = true;
			if (keepQuotes) current += char;
		} else if (char === '(') {
			depth++;
			current += char;
		} else if (char === ')') {
			depth--;
			if (depth < 0) throw new Error('unbalanced parentheses');
			current += char;
		} else if (char === ',' && depth === 0) {
			items.push(wasQuoted || keepQuotes ? current : current.trim());
			current = '';
			wasQuoted = false;
		} else current += char;
	}
	if (quoted) throw new Error('unterminated quote');
	if (depth !== 0) throw new Error('unbalanced parentheses');
	items.push(wasQuoted || keepQuotes ? current : current.trim());
	return items;
}

/** A value that may be written in double quotes (in a tree, where a comma or parenthesis needs them). */
const unquote = (value: string) => (/^".*"$/s.test(value) ? value.slice(1, -1).replace(/\\(.)/gs, '$1') : value);

/** One condition: `op.value` or `not.op.value` on an already resolved column. */
function condition(column: string, expression: string, params: Params, inTree: boolean, raw: string): string {
	const fail = inTree ? treeError : parseError;
	const negate = expression.startsWith('not.');
	const rest = negate ? expression.slice(4) : expression;
	const dot = rest.indexOf('.');
	if (dot === -1) throw fail(raw, 'A filter is written column=operator.value, e.g. team=eq.support');
	const operator = rest.slice(0, dot);
	let value = rest.slice(dot + 1);
	if (inTree) value = unquote(value);
	const modified = /^([a-z]+)\((any|all)\)$/.exec(operator);
	const op = modified?.[1] ?? operator;
	const fts = /^([a-z]+)\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(operator);
	/** The items of a list value, or this filter's parse error (an unbalanced quote or parenthesis). */
	const itemsOf = (list: string) => {
		try {
			return list.trim() === '' ? [] : splitList(list);
		} catch (error) {
			throw fail(raw, (error as Error).message);
		}
	};
	let sql: string;
	if (modified) {
		if (!(op in COMPARISON)) throw fail(raw, `(${modified[2]}) applies to eq, neq, gt, gte, lt, lte, like, ilike`);
		const list = /^\{(.*)\}$/s.exec(value)?.[1];
		if (list === undefined) throw fail(raw, `${operator} takes a list in braces: ${operator}.{a,b}`);
		const items = itemsOf(list).map((item) => likePattern(op, item));
		sql = `${column} ${COMPARISON[op]} ${modified[2]}(${params.add(items)})`;
	} else if (op in COMPARISON) {
		sql = `${column} ${COMPARISON[op]} ${params.add(likePattern(op, value))}`;
	} else if (op === 'in') {
		const list = /^\((.*)\)$/s.exec(value)?.[1];
		if (list === undefined) throw fail(raw, 'in takes a list in parentheses: in.(a,b)');
		const items = itemsOf(list);
		sql = items.length === 0 ? 'false' : `${column} in (${items.map((item) => params.add(item)).join(', ')})`;
	} else if (op === 'is') {
		const is = IS_VALUES[value.toLowerCase()];
		if (!is) throw fail(raw, 'is takes null, not_null, true, false or unknown');
		sql = `${column} is ${is}`;
	} else if (op === 'isdistinct') {
		sql = `${column} is distinct from ${params.add(value)}`;
	} else if (op in CONTAINMENT) {
		sql = `${column} ${CONTAINMENT[op]} ${params.add(value)}`;
	} else if (op in FULL_TEXT || (fts && fts[1]! in FULL_TEXT)) {
		const fn = FULL_TEXT[fts ? fts[1]! : op]!;
		sql = fts
			? `${column} @@ ${fn}(${params.add(fts[2])}::regconfig, ${params.add(value)})`
			: `${column} @@ ${fn}(${params.add(value)})`;
	} else {
		throw fail(raw, `Unknown operator: ${operator}`);
	}
	return negate ? `not (${sql})` : sql;
}

const MAX_TREE_DEPTH = 32;

/** A logic tree's body, `(a.eq.1,or(b.gt.2,c.is.null))`, as SQL joined by `joiner`. */
function tree(
	body: string,
	joiner: 'and' | 'or',
	column: ColumnResolver,
	params: Params,
	raw: string,
	depth = 0,
): string {
	// Deeper trees than anyone writes would only reach PostgreSQL's stack limit.
	if (depth > MAX_TREE_DEPTH) throw treeError(raw, `Logic trees nest at most ${MAX_TREE_DEPTH} levels deep`);
	const inner = /^\((.*)\)$/s.exec(body)?.[1];
	if (inner === undefined) throw treeError(raw, 'A logic tree is written in parentheses: or=(a.eq.1,b.eq.2)');
	let items: string[];
	try {
		items = splitList(inner, true);
	} catch (error) {
		throw treeError(raw, (error as Error).message);
	}
	if (items.some((item) => item.trim() === '')) throw treeError(raw, 'An item of the tree is empty');
	const parts = items.map((item) => {
		const text = item.trim();
		const nested = /^(not\.)?(and|or)(\(.*\))$/s.exec(text);
		if (nested) {
			const sql = tree(nested[3]!, nested[2] as 'and' | 'or', column, params, raw, depth + 1);
			return nested[1] ? `not ${sql}` : sql;
		}
		const dot = text.indexOf('.');
		if (dot <= 0) throw treeError(raw, `Not a condition: ${text}`);
		return condition(column(text.slice(0, dot)), text.slice(dot + 1), params, true, raw);
	});
	return `(${parts.join(` ${joiner} `)})`;
}

/** Every filter of a query (its keys other than `reserved`) as one WHERE clause, or '' for none. */
export function whereClause(
	query: URLSearchParams,
	reserved: (key: string) => boolean,
	column: ColumnResolver,
	params: Params,
): string {
	const conditions: string[] = [];
	for (const [key, raw] of query) {
		if (reserved(key)) continue;
		const logic = /^(not\.)?(and|or)$/.exec(key);
		if (logic) {
			const sql = tree(raw, logic[2] as 'and' | 'or', column, params, `${key}=${raw}`);
			conditions.push(logic[1] ? `not ${sql}` : sql);
		} else {
			conditions.push(condition(column(key), raw, params, false, raw));
		}
	}
	return conditions.length ? ` where ${conditions.join(' and ')}` : '';
}
