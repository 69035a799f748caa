/**
 * The subset of PostgREST that supabase-js uses for Praxis, over SQL: insert (POST), read
 * (GET/HEAD), update (PATCH) and delete (DELETE) on tables, and function calls (/rpc). Every
 * identifier is checked against the schema cache and quoted; every value is a bind parameter.
 */
import type { ApiRole, Sql } from './database.ts';
import { ApiError } from './errors.ts';
import type { ApiFunction, SchemaCache, Table } from './schema-cache.ts';
import { quoteIdent, valueText } from './sql-literals.ts';

export interface RestRequest {
	method: string;
	/** Path below /rest/v1/, e.g. "check_ins" or "rpc/workflow_summary". */
	path: string;
	query: URLSearchParams;
	prefer: Map<string, string>;
	/** Parsed JSON body, or undefined when there is none. */
	body: unknown;
	role: ApiRole;
}

export interface RestResponse {
	status: number;
	headers: Record<string, string>;
	/** JSON text, or empty. */
	body: string;
}

export function parsePrefer(header: string | undefined): Map<string, string> {
	const prefer = new Map<string, string>();
	for (const part of (header ?? '').split(',')) {
		const [key, value = ''] = part.trim().split('=');
		if (key) prefer.set(key.trim().toLowerCase(), value.trim());
	}
	return prefer;
}

const json = (status: number, body: string, headers: Record<string, string> = {}): RestResponse => ({
	status,
	headers: body ? { 'content-type': 'application/json; charset=utf-8', ...headers } : headers,
	body,
});

function tableOf(cache: SchemaCache, name: string): Table {
	const table = cache.tables.get(name);
	if (!table) {
		throw new ApiError(
			404,
			'PGRST205',
			`Could not find the table '${cache.schema}.${name}' in the schema cache`,
			null,
			null,
		);
	}
	return table;
}

function columnOf(table: Table, name: string): string {
	if (!table.columns.has(name)) {
		throw new ApiError(400, 'PGRST204', `Could not find the '${name}' column of '${table.name}' in the schema cache`);
	}
	return quoteIdent(name);
}

/** `select=a,b` or `*`; embedded resources and renames are not part of this subset. */
function selectList(table: Table, select: string | null): string {
	if (!select || select.trim() === '*') return '*';
	return select
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean)
		.map((name) => {
			if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
				throw new ApiError(
					400,
					'PGRST100',
					`"failed to parse select parameter (${select})"`,
					`Unsupported select item: ${name}`,
				);
			}
			return columnOf(table, name);
		})
		.join(', ');
}

/** A comma-separated list of column names as supabase-js sends them (`columns="id","team"`). */
const identifierList = (raw: string) =>
	raw
		.split(',')
		.map((name) => name.trim().replace(/^"(.*)"$/, '$1'))
		.filter(Boolean);

const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'columns', 'on_conflict']);
const OPERATORS: Record<string, string> = {
	eq: '=',
	neq: '<>',
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	like: 'like',
	ilike: 'ilike',
};

/** Horizontal filters (`col=op.value`) as a WHERE clause with parameters starting at `$first`. */
function whereClause(table: Table, query: URLSearchParams, params: unknown[]): string {
	const conditions: string[] = [];
	for (const [key, raw] of query) {
		if (RESERVED.has(key)) continue;
		const column = columnOf(table, key);
		const negate = raw.startsWith('not.');
		const rest = negate ? raw.slice(4) : raw;
		const opDot = rest.indexOf('.');
		const op = opDot === -1 ? '' : rest.slice(0, opDot);
		const value = opDot === -1 ? '' : rest.slice(opDot + 1);
		let condition: string;
		if (!op) {
			throw new ApiError(
				400,
				'PGRST100',
				`"failed to parse filter (${raw})" (line 1, column 1)`,
				'A filter is written column=operator.value, e.g. team=eq.support',
			);
		} else if (op in OPERATORS) {
			params.push(value);
			condition = `${column} ${OPERATORS[op]} $${params.length}`;
		} else if (op === 'in') {
			const list = /^\((.*)\)$/.exec(value)?.[1];
			if (list === undefined)
				throw new ApiError(400, 'PGRST100', `"failed to parse filter (${raw})"`, 'in. takes a list: in.(a,b)');
			const items = list === '' ? [] : list.split(',').map((item) => item.trim().replace(/^"(.*)"$/, '$1'));
			params.push(items);
			condition = `${column}::text = any ($${params.length}::text[])`;
		} else if (op === 'is' && ['null', 'true', 'false'].includes(value.toLowerCase())) {
			condition = `${column} is ${value.toLowerCase()}`;
		} else {
			throw new ApiError(400, 'PGRST100', `"failed to parse filter (${raw})"`, `Unknown operator: ${op}`);
		}
		conditions.push(negate ? `not (${condition})` : condition);
	}
	return conditions.length ? ` where ${conditions.join(' and ')}` : '';
}

function orderClause(table: Table, order: string | null): string {
	if (!order) return '';
	const terms = order.split(',').map((term) => {
		const [name = '', direction = 'asc', nulls] = term.trim().split('.');
		if (!['asc', 'desc'].includes(direction) || (nulls && !['nullsfirst', 'nullslast'].includes(nulls))) {
			throw new ApiError(400, 'PGRST100', `"failed to parse order (${order})"`);
		}
		return `${columnOf(table, name)} ${direction}${nulls ? ` nulls ${nulls.slice(5)}` : ''}`;
	});
	return ` order by ${terms.join(', ')}`;
}

function count(raw: string | null, name: string): number | undefined {
	if (raw === null) return undefined;
	if (!/^\d+$/.test(raw)) throw new ApiError(400, 'PGRST100', `"failed to parse ${name} parameter (${raw})"`);
	return Number(raw);
}

/** The rows of a JSON body: one object or an array of objects, all with the same keys. */
function bodyRows(body: unknown, columnsParam: string | null): { rows: Record<string, unknown>[]; keys: string[] } {
	const rows = Array.isArray(body) ? body : [body];
	if (body === undefined || rows.some((row) => row === null || typeof row !== 'object' || Array.isArray(row))) {
		throw new ApiError(
			400,
			'PGRST102',
			'Empty or invalid json',
			'The body must be a JSON object or an array of objects.',
		);
	}
	const objects = rows as Record<string, unknown>[];
	if (columnsParam) return { rows: objects, keys: identifierList(columnsParam) };
	const keys = Object.keys(objects[0] ?? {});
	const signature = [...keys].sort().join(',');
	if (objects.some((row) => Object.keys(row).sort().join(',') !== signature)) {
		throw new ApiError(400, 'PGRST102', 'All object keys must match');
	}
	return { rows: objects, keys };
}

function returning(request: RestRequest, table: Table): { clause: string; representation: boolean } {
	const representation = request.prefer.get('return') === 'representation';
	return {
		representation,
		clause: representation ? ` returning ${selectList(table, request.query.get('select'))}` : '',
	};
}

/** Runs the statement and answers with its rows as JSON (representation) or nothing (minimal). */
async function mutate(
	sql: Sql,
	statement: string,
	params: unknown[],
	representation: boolean,
	status: number,
): Promise<RestResponse> {
	if (representation) {
		const result = await sql.query<{ body: string; n: number }>(
			`with mutated as (${statement}) select coalesce(json_agg(mutated), '[]')::text as body, count(*)::integer as ` +
				`n from mutated`,
			params,
		);
		const row = result.rows[0]!;
		return json(status, row.body, { 'content-range': `*/${row.n}` });
	}
	const result = await sql.query(statement, params);
	return json(status === 201 ? 201 : 204, '', { 'content-range': `*/${result.rowCount}` });
}

async function insert(sql: Sql, cache: SchemaCache, request: RestRequest, table: Table): Promise<RestResponse> {
	const { rows, keys } = bodyRows(request.body, request.query.get('columns'));
	const columns = keys.map((key) => columnOf(table, key));
	if (rows.length === 0) return json(201, request.prefer.get('return') === 'representation' ? '[]' : '');
	const resolution = request.prefer.get('resolution');
	let conflict = '';
	if (resolution === 'ignore-duplicates' || resolution === 'merge-duplicates') {
		// As PostgREST: the conflict target is on_conflict's columns, else the primary key.
		const onConflict = request.query.get('on_conflict');
		const target = onConflict
			? identifierList(onConflict).map((c) => columnOf(table, c))
			: table.primaryKey.map(quoteIdent);
		if (target.length > 0) {
			const action =
				resolution === 'ignore-duplicates' || columns.length === 0
					? 'do nothing'
					: `do update set ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`;
			conflict = ` on conflict (${target.join(', ')}) ${action}`;
		}
	}
	const qualified = `${quoteIdent(cache.schema)}.${quoteIdent(table.name)}`;
	const { clause, representation } = returning(request, table);
	const statement = columns.length
		? `insert into ${qualified} (${columns.join(', ')}) select ${columns.join(', ')} from ` +
			`json_populate_recordset(null::${qualified}, $1::json)${conflict}${clause}`
		: `insert into ${qualified} default values${clause}`;
	return mutate(sql, statement, columns.length ? [JSON.stringify(rows)] : [], representation, 201);
}

async function read(
	sql: Sql,
	cache: SchemaCache,
	request: RestRequest,
	table: Table,
	head: boolean,
): Promise<RestResponse> {
	const params: unknown[] = [];
	const qualified = `${quoteIdent(cache.schema)}.${quoteIdent(table.name)}`;
	const where = whereClause(table, request.query, params);
	const limit = count(request.query.get('limit'), 'limit');
	const offset = count(request.query.get('offset'), 'offset') ?? 0;
	const order = orderClause(table, request.query.get('order'));
	const page = `${limit === undefined ? '' : ` limit ${limit}`}${offset ? ` offset ${offset}` : ''}`;
	const inner = `select ${selectList(table, request.query.get('select'))} from ${qualified}${where}${order}${page}`;
	const exact = request.prefer.get('count') === 'exact';
	const total = exact
		? (await sql.query<{ n: number }>(`select count(*)::integer as n from ${qualified}${where}`, params)).rows[0]!.n
		: undefined;
	const result = await sql.query<{ body: string; n: number }>(
		`select coalesce(json_agg(t), '[]')::text as body, count(*)::integer as n from (${inner}) t`,
		params,
	);
	const { body, n } = result.rows[0]!;
	const range = n === 0 ? `*/${total ?? '*'}` : `${offset}-${offset + n - 1}/${total ?? '*'}`;
	return json(200, head ? '' : body, { 'content-range': range });
}

async function update(sql: Sql, cache: SchemaCache, request: RestRequest, table: Table): Promise<RestResponse> {
	if (request.body === null || typeof request.body !== 'object' || Array.isArray(request.body)) {
		throw new ApiError(400, 'PGRST102', 'Empty or invalid json', 'PATCH takes one JSON object of new values.');
	}
	const keys = Object.keys(request.body);
	const columns = keys.map((key) => columnOf(table, key));
	const qualified = `${quoteIdent(cache.schema)}.${quoteIdent(table.name)}`;
	const params: unknown[] = [JSON.stringify(request.body)];
	const where = whereClause(table, request.query, params);
	const { clause, representation } = returning(request, table);
	if (columns.length === 0) return json(representation ? 200 : 204, representation ? '[]' : '');
	const statement =
		`update ${qualified} set (${columns.join(', ')}) = (select ${columns.join(', ')} from ` +
		`json_populate_record(null::${qualified}, $1::json))${where}${clause}`;
	return mutate(sql, statement, params, representation, 200);
}

async function remove(sql: Sql, cache: SchemaCache, request: RestRequest, table: Table): Promise<RestResponse> {
	const params: unknown[] = [];
	const qualified = `${quoteIdent(cache.schema)}.${quoteIdent(table.name)}`;
	const where = whereClause(table, request.query, params);
	const { clause, representation } = returning(request, table);
	return mutate(sql, `delete from ${qualified}${where}${clause}`, params, representation, 200);
}

/** The overload whose argument names match the call; PostgREST's PGRST202 when none does. */
function resolveFunction(cache: SchemaCache, name: string, args: Record<string, unknown>): ApiFunction {
	const given = Object.keys(args);
	const match = cache.functions
		.get(name)
		?.find(
			(fn) =>
				given.every((key) => fn.args.some((arg) => arg.name === key)) &&
				fn.args.every((arg) => arg.hasDefault || given.includes(arg.name)),
		);
	if (!match) {
		throw new ApiError(
			404,
			'PGRST202',
			`Could not find the function ${cache.schema}.${name}(${given.sort().join(', ')}) in the schema cache`,
			`Searched for the function ${cache.schema}.${name} with parameters ${given.sort().join(', ') || '(none)'}.`,
			cache.functions.has(name) ? 'Check the argument names and which ones are required.' : null,
		);
	}
	return match;
}

/** A JSON argument as the text Postgres parses for its declared type. */
function argumentText(value: unknown, type: string): string | null {
	if (value === null || value === undefined) return null;
	// JSON arguments, and an array given for a type that is not an array, are passed as their JSON.
	if (type === 'json' || type === 'jsonb' || (Array.isArray(value) && !type.endsWith('[]')))
		return JSON.stringify(value);
	return valueText(value);
}

async function call(sql: Sql, cache: SchemaCache, request: RestRequest, name: string): Promise<RestResponse> {
	let args: Record<string, unknown>;
	if (request.method === 'GET' || request.method === 'HEAD') {
		args = Object.fromEntries([...request.query].filter(([key]) => !RESERVED.has(key)));
	} else if (request.body === undefined) {
		args = {};
	} else if (request.body !== null && typeof request.body === 'object' && !Array.isArray(request.body)) {
		args = request.body as Record<string, unknown>;
	} else {
		throw new ApiError(
			400,
			'PGRST102',
			'Empty or invalid json',
			'Call a function with a JSON object of named arguments.',
		);
	}
	const fn = resolveFunction(cache, name, args);
	const params: unknown[] = [];
	const named = fn.args
		.filter((arg) => arg.name in args)
		.map((arg) => {
			params.push(argumentText(args[arg.name], arg.type));
			// The type comes from the catalog, never from the request.
			return `${quoteIdent(arg.name)} => $${params.length}::${arg.type}`;
		});
	const invocation = `${quoteIdent(cache.schema)}.${quoteIdent(fn.name)}(${named.join(', ')})`;
	const text = fn.returnsSet
		? `select coalesce(json_agg(t), '[]')::text as body from ${invocation} t`
		: `select to_json(${invocation})::text as body`;
	const { rows } = await sql.query<{ body: string | null }>(text, params);
	return json(200, request.method === 'HEAD' ? '' : (rows[0]?.body ?? 'null'));
}

export async function handleRest(sql: Sql, cache: SchemaCache, request: RestRequest): Promise<RestResponse> {
	const segments = request.path
		.split('/')
		.filter(Boolean)
		.map((segment) => {
			try {
				return decodeURIComponent(segment);
			} catch {
				throw new ApiError(400, 'PGRST100', `Invalid percent-encoding in the path: ${segment}`);
			}
		});
	if (segments[0] === 'rpc' && segments.length === 2) {
		if (!['GET', 'HEAD', 'POST'].includes(request.method)) {
			throw new ApiError(405, 'PGRST101', `Cannot use the ${request.method} method on RPC`);
		}
		return call(sql, cache, request, segments[1]!);
	}
	if (segments.length !== 1)
		throw new ApiError(404, 'PGRST125', `Invalid path specified in request URL: /rest/v1/${request.path}`);
	const table = tableOf(cache, segments[0]!);
	switch (request.method) {
		case 'POST':
			return insert(sql, cache, request, table);
		case 'GET':
			return read(sql, cache, request, table, false);
		case 'HEAD':
			return read(sql, cache, request, table, true);
		case 'PATCH':
			return update(sql, cache, request, table);
		case 'DELETE':
			return remove(sql, cache, request, table);
		default:
			throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${request.method}`);
	}
}
