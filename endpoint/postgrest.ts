/**
 * The part of PostgREST that supabase-js speaks, over SQL: insert (POST), read (GET/HEAD), update
 * (PATCH) and delete (DELETE) on tables and views, and function calls (/rpc), with filters, logic trees,
 * renames and casts, ordering, ranges, singular responses and preferences. Every identifier is checked
 * against the schema cache and quoted; every value is a parameter. What is not served (embedding,
 * CSV, other schemas) is refused with PostgREST's own error; docs/data-api.md has the table.
 */
import type { ApiRole, Sql } from './database.ts';
import { ApiError } from './errors.ts';
import { type ColumnResolver, Params, whereClause } from './rest-filters.ts';
import {
	checkProfile,
	type MediaChoice,
	negotiateMedia,
	type Preferences,
	parsePreferences,
	rangeStatus,
	requestedRange,
} from './rest-negotiation.ts';
import { orderClause, selectList } from './rest-select.ts';
import type { ApiFunction, SchemaCache, Table } from './schema-cache.ts';
import { quoteIdent, valueText } from './sql-literals.ts';

export interface RestRequest {
	method: string;
	/** Path below /rest/v1/, e.g. "check_ins" or "rpc/workflow_summary". */
	path: string;
	query: URLSearchParams;
	/** The request's headers as Node gives them (lower-case names). */
	headers: Record<string, string | string[] | undefined>;
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

/**
 * Thrown out of the transaction to end it in ROLLBACK (`Prefer: tx=rollback`) while still answering
 * with what the statement returned.
 */
export class RolledBack extends Error {
	readonly response: RestResponse;
	constructor(response: RestResponse) {
		super('rolled back as the request preferred');
		this.response = response;
	}
}

const header = (request: RestRequest, name: string) => [request.headers[name]].flat()[0];

const json = (status: number, body: string, headers: Record<string, string> = {}): RestResponse => ({
	status,
	headers: body ? { 'content-type': 'application/json; charset=utf-8', ...headers } : headers,
	body,
});

/** Query keys that are not filters. */
const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'columns', 'on_conflict', 'apikey']);

function tableOf(cache: SchemaCache, name: string): Table {
	const table = cache.tables.get(name);
	if (!table) {
		throw new ApiError(404, 'PGRST205', `Could not find the table '${cache.schema}.${name}' in the schema cache`);
	}
	return table;
}

/** A column of a table for select, filter and order: unknown ones get PostgreSQL's 42703, as from PostgREST. */
const tableColumns =
	(table: Table): ColumnResolver =>
	(name) => {
		if (!table.columns.has(name)) {
			throw new ApiError(400, '42703', `column ${table.name}.${name} does not exist`);
		}
		return quoteIdent(name);
	};

/** A column of a body or `columns=`: PostgREST's PGRST204. */
function bodyColumn(table: Table, name: string): string {
	if (!table.columns.has(name)) {
		throw new ApiError(400, 'PGRST204', `Could not find the '${name}' column of '${table.name}' in the schema cache`);
	}
	return quoteIdent(name);
}

/** A comma-separated list of column names as supabase-js sends them (`columns="id","team"`). */
const identifierList = (raw: string) =>
	raw
		.split(',')
		.map((name) => name.trim().replace(/^"(.*)"$/, '$1'))
		.filter(Boolean);

/**
 * SELECT list items over the rows of `source` as the JSON text of the answer: an array, or with a
 * singular media type the one row (406 PGRST116 otherwise, which also rolls a mutation back).
 */
async function answer(
	sql: Sql,
	source: string,
	params: unknown[],
	media: MediaChoice,
	head: boolean,
): Promise<{ body: string; n: number }> {
	const item = media.stripNulls ? 'json_strip_nulls(to_json(t))' : 'to_json(t)';
	const { rows } = await sql.query<{ body: string; first: string | null; n: number }>(
		// A CTE, not a subquery: the source may be an INSERT, UPDATE or DELETE with RETURNING.
		`with t as (${source}), agg as (select json_agg(${item}) as a, count(*)::integer as n from t) ` +
			`select coalesce(a, '[]')::text as body, (a -> 0)::text as first, n from agg`,
		params,
	);
	const { body, first, n } = rows[0]!;
	if (media.singular && n !== 1) {
		throw notSingular(n);
	}
	return { body: head ? '' : media.singular ? first! : body, n };
}

const notSingular = (rows: number) =>
	new ApiError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${rows} rows`);

interface Context {
	sql: Sql;
	cache: SchemaCache;
	request: RestRequest;
	media: MediaChoice;
	prefs: Preferences;
}

const qualified = (cache: SchemaCache, name: string) => `${quoteIdent(cache.schema)}.${quoteIdent(name)}`;

/** Headers every answer carries: what of `Prefer` was applied. */
const applied = (prefs: Preferences): Record<string, string> =>
	prefs.applied.length ? { 'preference-applied': prefs.applied.join(', ') } : {};

/** Runs a mutation and answers with its rows (representation), its headers only, or nothing. */
async function mutate(
	context: Context,
	table: Table,
	statement: string,
	params: unknown[],
	status: number,
): Promise<RestResponse> {
	const { sql, media, prefs, request } = context;
	const representation = prefs.return === 'representation';
	let result: { body: string; n: number };
	if (!representation && !media.singular) {
		// The common case (supabase-js's insert): the statement alone, as fast as it goes.
		result = { body: '', n: (await sql.query(statement, params)).rowCount };
	} else {
		const list = representation ? selectList(request.query.get('select'), tableColumns(table), table.name) : '1';
		result = await answer(sql, `${statement} returning ${list}`, params, media, !representation);
	}
	if (prefs.handling === 'strict' && prefs.maxAffected !== undefined && result.n > prefs.maxAffected) {
		throw new ApiError(
			400,
			'PGRST124',
			'Query result exceeds max-affected preference constraint',
			`The query affects ${result.n} rows`,
		);
	}
	const headers = { 'content-range': `*/${result.n}`, ...applied(prefs) };
	if (representation) return json(status, result.body, headers);
	return json(status === 201 ? 201 : 204, '', headers);
}

/** Insert with `Prefer: missing=default`: a key absent from a row takes the column's default, not null. */
function insertWithDefaults(target: string, columns: string[], keys: string[], rows: Record<string, unknown>[]) {
	const values = rows.map(
		(row, i) =>
			`(${keys
				.map((key, k) =>
					key in row ? `(json_populate_record(null::${target}, $1::json -> ${i})).${columns[k]}` : 'default',
				)
				.join(', ')})`,
	);
	return `insert into ${target} (${columns.join(', ')}) values ${values.join(', ')}`;
}

async function insert(context: Context, table: Table): Promise<RestResponse> {
	const { request, cache, prefs } = context;
	const body = request.body;
	const list = Array.isArray(body) ? body : [body];
	if (body === undefined || list.some((row) => row === null || typeof row !== 'object' || Array.isArray(row))) {
		throw new ApiError(
			400,
			'PGRST102',
			'Empty or invalid json',
			'The body must be a JSON object or an array of objects.',
		);
	}
	const rows = list as Record<string, unknown>[];
	const columnsParam = request.query.get('columns');
	let keys: string[];
	if (columnsParam) {
		keys = identifierList(columnsParam);
	} else {
		keys = Object.keys(rows[0] ?? {});
		const signature = [...keys].sort().join(',');
		if (rows.some((row) => Object.keys(row).sort().join(',') !== signature)) {
			throw new ApiError(400, 'PGRST102', 'All object keys must match');
		}
	}
	const columns = keys.map((key) => bodyColumn(table, key));
	const target = qualified(cache, table.name);
	if (rows.length === 0) {
		if (context.media.singular) {
			throw notSingular(0);
		}
		return json(201, prefs.return === 'representation' ? '[]' : '', applied(prefs));
	}
	let conflict = '';
	if (prefs.resolution) {
		// As PostgREST: the conflict target is on_conflict's columns, else the primary key.
		const onConflict = request.query.get('on_conflict');
		const conflictTarget = onConflict
			? identifierList(onConflict).map((c) => bodyColumn(table, c))
			: table.primaryKey.map(quoteIdent);
		if (conflictTarget.length > 0) {
			const action =
				prefs.resolution === 'ignore-duplicates' || columns.length === 0
					? 'do nothing'
					: `do update set ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`;
			conflict = ` on conflict (${conflictTarget.join(', ')}) ${action}`;
		}
	}
	const missingKeys = prefs.missing === 'default' && rows.some((row) => keys.some((key) => !(key in row)));
	let statement: string;
	if (columns.length === 0) statement = `insert into ${target} default values`;
	else if (missingKeys) statement = insertWithDefaults(target, columns, keys, rows);
	else {
		statement =
			`insert into ${target} (${columns.join(', ')}) select ${columns.join(', ')} from ` +
			`json_populate_recordset(null::${target}, $1::json)`;
	}
	return mutate(context, table, `${statement}${conflict}`, columns.length ? [JSON.stringify(rows)] : [], 201);
}

async function read(context: Context, table: Table, head: boolean): Promise<RestResponse> {
	const params = new Params();
	const columns = tableColumns(table);
	const where = whereClause(context.request.query, (key) => RESERVED.has(key), columns, params);
	return readRows(context, `from ${qualified(context.cache, table.name)}${where}`, params, columns, table.name, head);
}

/** The rows of `from` (a FROM and WHERE) with select, order, range, count and the range's status. */
async function readRows(
	context: Context,
	from: string,
	params: Params,
	columns: ColumnResolver,
	resource: string,
	head: boolean,
): Promise<RestResponse> {
	const { request, sql, media, prefs } = context;
	const order = orderClause(request.query.get('order'), columns);
	const range = requestedRange(request.query, header(request, 'range'));
	const limit = range.limit === undefined ? '' : ` limit ${range.limit}`;
	const page = `${limit}${range.offset ? ` offset ${range.offset}` : ''}`;
	const list = selectList(request.query.get('select'), columns, resource);
	const total = prefs.count
		? (await sql.query<{ n: number }>(`select count(*)::integer as n ${from}`, params.values)).rows[0]!.n
		: undefined;
	const result = await answer(sql, `select ${list} ${from}${order}${page}`, params.values, media, head);
	const status = rangeStatus(range.offset, result.n, total);
	const contentRange =
		result.n === 0 ? `*/${total ?? '*'}` : `${range.offset}-${range.offset + result.n - 1}/${total ?? '*'}`;
	return json(status, result.body, { 'content-range': contentRange, ...applied(prefs) });
}

async function update(context: Context, table: Table): Promise<RestResponse> {
	const { request, cache, prefs } = context;
	if (request.body === null || typeof request.body !== 'object' || Array.isArray(request.body)) {
		throw new ApiError(400, 'PGRST102', 'Empty or invalid json', 'PATCH takes one JSON object of new values.');
	}
	const columns = Object.keys(request.body).map((key) => bodyColumn(table, key));
	const target = qualified(cache, table.name);
	const params = new Params();
	params.add(JSON.stringify(request.body));
	const where = whereClause(request.query, (key) => RESERVED.has(key), tableColumns(table), params);
	if (columns.length === 0) {
		const representation = prefs.return === 'representation';
		return json(representation ? 200 : 204, representation ? '[]' : '', applied(prefs));
	}
	const statement =
		`update ${target} set (${columns.join(', ')}) = (select ${columns.join(', ')} from ` +
		`json_populate_record(null::${target}, $1::json))${where}`;
	return mutate(context, table, statement, params.values, 200);
}

async function remove(context: Context, table: Table): Promise<RestResponse> {
	const params = new Params();
	const where = whereClause(context.request.query, (key) => RESERVED.has(key), tableColumns(table), params);
	return mutate(context, table, `delete from ${qualified(context.cache, table.name)}${where}`, params.values, 200);
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
		const list = given.sort().join(', ');
		throw new ApiError(
			404,
			'PGRST202',
			`Could not find the function ${cache.schema}.${name}(${list}) in the schema cache`,
			`Searched for the function ${cache.schema}.${name} with parameters ${list || '(none)'}.`,
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

async function call(context: Context, name: string): Promise<RestResponse> {
	const { request, cache, sql, prefs } = context;
	const get = request.method === 'GET' || request.method === 'HEAD';
	// On GET a query key naming an argument of the function is an argument; the other keys are filters.
	const argNames = new Set((cache.functions.get(name) ?? []).flatMap((fn) => fn.args.map((arg) => arg.name)));
	const isArgument = (key: string) => get && argNames.has(key);
	let args: Record<string, unknown>;
	if (get) {
		args = Object.fromEntries([...request.query].filter(([key]) => isArgument(key)));
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
	const params = new Params();
	const named = fn.args
		.filter((arg) => arg.name in args)
		// The type comes from the catalog, never from the request.
		.map((arg) => `${quoteIdent(arg.name)} => ${params.add(argumentText(args[arg.name], arg.type))}::${arg.type}`);
	const invocation = `${quoteIdent(cache.schema)}.${quoteIdent(fn.name)}(${named.join(', ')})`;
	const shaping = [...request.query.keys()].filter((key) => !isArgument(key) && key !== 'apikey');
	if (!fn.returnsSet) {
		if (shaping.length > 0) {
			throw new ApiError(
				400,
				'PGRST127',
				'Feature not implemented',
				`${shaping.join(', ')} on a function that returns one value is not served by the embedded endpoint.`,
			);
		}
		const { rows } = await sql.query<{ body: string | null }>(
			`select to_json(${invocation})::text as body`,
			params.values,
		);
		return json(200, request.method === 'HEAD' ? '' : (rows[0]?.body ?? 'null'), applied(prefs));
	}
	// The result's columns are whatever the function returns: PostgreSQL itself refuses unknown ones (42703).
	const columns: ColumnResolver = quoteIdent;
	const where = whereClause(request.query, (key) => RESERVED.has(key) || isArgument(key), columns, params);
	return readRows(context, `from ${invocation} t0${where}`, params, columns, name, request.method === 'HEAD');
}

/** Whether `name` is a time zone PostgreSQL knows, for `Prefer: timezone=`. */
async function knownTimezone(sql: Sql, prefer: string | string[] | undefined): Promise<(name: string) => boolean> {
	const asked = /(?:^|,)\s*timezone=([^,\s]+)/i.exec([prefer ?? ''].flat().join(','))?.[1];
	if (!asked) return () => false;
	const { rows } = await sql.query<{ ok: boolean }>(
		'select exists (select 1 from pg_timezone_names where name = $1) as ok',
		[asked],
	);
	return (name) => name === asked && rows[0]!.ok;
}

function segmentsOf(path: string): string[] {
	return path
		.split('/')
		.filter(Boolean)
		.map((segment) => {
			try {
				return decodeURIComponent(segment);
			} catch {
				throw new ApiError(400, 'PGRST100', `Invalid percent-encoding in the path: ${segment}`);
			}
		});
}

async function route(context: Context): Promise<RestResponse> {
	const { request, cache } = context;
	const segments = segmentsOf(request.path);
	if (segments.length === 0) {
		throw new ApiError(404, 'PGRST126', 'Root endpoint metadata is disabled');
	}
	if (segments[0] === 'rpc' && segments.length === 2) {
		if (!['GET', 'HEAD', 'POST'].includes(request.method)) {
			throw new ApiError(405, 'PGRST101', `Cannot use the ${request.method} method on RPC`);
		}
		return call(context, segments[1]!);
	}
	if (segments.length !== 1) throw new ApiError(404, 'PGRST125', 'Invalid path specified in request URL');
	const table = tableOf(cache, segments[0]!);
	switch (request.method) {
		case 'POST':
			return insert(context, table);
		case 'GET':
			return read(context, table, false);
		case 'HEAD':
			return read(context, table, true);
		case 'PATCH':
			return update(context, table);
		case 'DELETE':
			return remove(context, table);
		default:
			throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${request.method}`);
	}
}

export async function handleRest(sql: Sql, cache: SchemaCache, request: RestRequest): Promise<RestResponse> {
	const read = request.method === 'GET' || request.method === 'HEAD';
	checkProfile(header(request, read ? 'accept-profile' : 'content-profile'), cache.schema);
	const media = negotiateMedia(header(request, 'accept'));
	const prefs = parsePreferences(request.headers.prefer, await knownTimezone(sql, request.headers.prefer));
	if (prefs.timezone) await sql.query(`select set_config('timezone', $1, true)`, [prefs.timezone]);
	const response = await route({ sql, cache, request, media, prefs });
	if (prefs.tx === 'rollback') throw new RolledBack(response);
	return response;
}
