/**
 * What the API exposes, read from the catalog at start-up like PostgREST's schema cache: the tables
 * and columns of the `public` schema and its functions with their named arguments. Request
 * identifiers are checked against it, so nothing a client writes reaches SQL unless it names a real
 * table, column or function.
 */
import type { Sql } from './database.ts';

export interface Table {
	name: string;
	columns: Map<string, { type: string }>;
	primaryKey: string[];
}

export interface FunctionArg {
	name: string;
	type: string;
	hasDefault: boolean;
}

export interface ApiFunction {
	name: string;
	args: FunctionArg[];
	returnsSet: boolean;
}

export interface SchemaCache {
	schema: string;
	tables: Map<string, Table>;
	functions: Map<string, ApiFunction[]>;
}

export async function loadSchemaCache(sql: Sql, schema = 'public'): Promise<SchemaCache> {
	const columns = await sql.query<{ table: string; column: string; type: string }>(
		`select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
		 from pg_class c
		 join pg_namespace n on n.oid = c.relnamespace
		 join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
		 where n.nspname = $1 and c.relkind in ('r', 'v', 'p', 'm', 'f')
		 order by c.relname, a.attnum`,
		[schema],
	);
	const keys = await sql.query<{ table: string; column: string }>(
		`select c.relname as table, a.attname as column
		 from pg_index i
		 join pg_class c on c.oid = i.indrelid
		 join pg_namespace n on n.oid = c.relnamespace
		 join pg_attribute a on a.attrelid = c.oid and a.attnum = any (i.indkey)
		 where n.nspname = $1 and i.indisprimary
		 order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
		[schema],
	);
	const functions = await sql.query<{
		name: string;
		arg_names: string[] | null;
		arg_types: string[];
		defaults: number;
		returns_set: boolean;
		modes: string[] | null;
	}>(
		`select p.proname as name, p.proargnames as arg_names, p.pronargdefaults as defaults, p.proretset as returns_set,
		        p.proargmodes::text[] as modes,
		        array(select format_type(t, null) from unnest(p.proargtypes) with ordinality as u(t, o)
		              order by o) as arg_types
		 from pg_proc p
		 join pg_namespace n on n.oid = p.pronamespace
		 where n.nspname = $1 and p.prokind = 'f'`,
		[schema],
	);

	const tables = new Map<string, Table>();
	for (const row of columns.rows) {
		const table = tables.get(row.table) ?? { name: row.table, columns: new Map(), primaryKey: [] };
		table.columns.set(row.column, { type: row.type });
		tables.set(row.table, table);
	}
	for (const row of keys.rows) tables.get(row.table)?.primaryKey.push(row.column);

	const fns = new Map<string, ApiFunction[]>();
	for (const row of functions.rows) {
		// Only functions with plain named IN arguments can be called with a JSON object of arguments.
		if (row.modes?.some((mode) => mode !== 'i')) continue;
		const names = row.arg_names ?? [];
		if (row.arg_types.some((_, i) => !names[i])) continue;
		const firstDefault = row.arg_types.length - row.defaults;
		const fn: ApiFunction = {
			name: row.name,
			returnsSet: row.returns_set,
			args: row.arg_types.map((type, i) => ({ name: names[i]!, type, hasDefault: i >= firstDefault })),
		};
		fns.set(row.name, [...(fns.get(row.name) ?? []), fn]);
	}
	return { schema, tables, functions: fns };
}
