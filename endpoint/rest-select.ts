/**
 * PostgREST's vertical filtering (`select=`) and ordering (`order=`) as SQL: columns, renames
 * (`alias:col`), casts (`col::text`) and JSON paths (`col->a->>b`). Embedding other resources, spreads
 * and aggregates are refused with PostgREST's own errors for a server without them.
 * @see https://docs.postgrest.org/en/v12/references/api/tables_views.html#vertical-filtering
 */
import { ApiError } from './errors.ts';
import type { ColumnResolver } from './rest-filters.ts';
import { splitList } from './rest-filters.ts';
import { quoteIdent, sqlLiteral } from './sql-literals.ts';

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
/** A type name as written after `::`: one word (optionally an array), or one of the types of several words. */
const TYPE =
	/^(?:[A-Za-z_][A-Za-z0-9_]*|double precision|character varying|timestamp with(?:out)? time zone)(?:\[\])?$/i;
const ITEM = new RegExp(`^(?:(${NAME}):)?(${NAME})((?:->>?(?:${NAME}|-?\\d+))*)(?:::(.+))?$`, 's');

const selectError = (select: string, details: string) =>
	new ApiError(400, 'PGRST100', `"failed to parse select parameter (${select})" (line 1, column 1)`, details);

/** `->a->>b` as SQL: keys as literals, array indexes as integers. */
function jsonPath(path: string): { sql: string; last: string | null } {
	let sql = '';
	let last: string | null = null;
	for (const [, arrow, key] of path.matchAll(/(->>?)([^-]+|-?\d+)/g)) {
		sql += `${arrow}${/^-?\d+$/.test(key!) ? key : sqlLiteral(key!)}`;
		last = key!;
	}
	return { sql, last };
}

/** The select list as SQL, `*` when absent. */
export function selectList(select: string | null, column: ColumnResolver, resource: string): string {
	if (!select || select.trim() === '*') return '*';
	let items: string[];
	try {
		items = splitList(select);
	} catch (error) {
		throw selectError(select, (error as Error).message);
	}
	return items
		.map((item) => {
			if (item === '*') return '*';
			// `count()`, `col.sum()`: PostgREST with aggregates off, as Supabase runs it.
			if (
				/^(?:[A-Za-z_][A-Za-z0-9_]*\.)?(?:count|sum|avg|min|max)\(\)/.test(item.replace(/^[A-Za-z_][A-Za-z0-9_]*:/, ''))
			) {
				throw new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
			}
			const embedded = /^(?:\.\.\.)?(?:[A-Za-z_][A-Za-z0-9_]*:)?([A-Za-z_][A-Za-z0-9_]*)(?:![A-Za-z_]+)*\(/.exec(item);
			if (embedded) {
				throw new ApiError(
					400,
					'PGRST127',
					'Feature not implemented',
					`Embedding '${embedded[1]}' in '${resource}' (resource embedding) is not served by the embedded endpoint; ` +
						'use hosted Supabase or `supabase start`.',
				);
			}
			const parts = ITEM.exec(item);
			if (!parts) throw selectError(select, `Unexpected select item: ${item}`);
			const [, alias, name, path = '', type] = parts;
			if (type !== undefined && !TYPE.test(type)) throw selectError(select, `Unknown cast type: ${type}`);
			const json = jsonPath(path);
			let sql = `${column(name!)}${json.sql}`;
			if (type) sql = `cast(${sql} as ${type})`;
			const label = alias ?? (json.last !== null && !/^-?\d+$/.test(json.last) ? json.last : name!);
			return alias || type || path ? `${sql} as ${quoteIdent(label)}` : sql;
		})
		.join(', ');
}

/** `order=col.desc.nullslast,other` as an ORDER BY clause, or ''. */
export function orderClause(order: string | null, column: ColumnResolver): string {
	if (!order) return '';
	const terms = order.split(',').map((term) => {
		const [name = '', ...modifiers] = term.trim().split('.');
		if (!name) {
			throw new ApiError(
				400,
				'PGRST100',
				`"failed to parse order (${order})" (line 1, column 1)`,
				'An order term is empty',
			);
		}
		let direction = '';
		let nulls = '';
		for (const modifier of modifiers) {
			if ((modifier === 'asc' || modifier === 'desc') && !direction && !nulls) direction = ` ${modifier}`;
			else if ((modifier === 'nullsfirst' || modifier === 'nullslast') && !nulls) nulls = ` nulls ${modifier.slice(5)}`;
			else {
				throw new ApiError(
					400,
					'PGRST100',
					`"failed to parse order (${order})" (line 1, column 1)`,
					'An order term is written column[.asc|.desc][.nullsfirst|.nullslast]',
				);
			}
		}
		return `${column(name)}${direction}${nulls}`;
	});
	return ` order by ${terms.join(', ')}`;
}
