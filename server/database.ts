/**
 * The database behind the embedded endpoint: PGlite (Postgres in-process, persisted to a folder)
 * by default, or a real PostgreSQL server when DATABASE_URL is set. Both are used the same way:
 * each API request runs in its own transaction as the role from its verified JWT, with RLS in force.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type ApiRole = 'anon' | 'authenticated' | 'service_role';
export const API_ROLES: readonly ApiRole[] = ['anon', 'authenticated', 'service_role'];

export interface QueryResult<T> {
	rows: T[];
	rowCount: number;
}

export interface Sql {
	query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Database {
	readonly description: string;
	/**
	 * Runs `work` in one transaction as an API role, with the JWT claims where SQL can read them, and
	 * resolves once it is committed; if anything in it failed, nothing of it is kept and it rejects.
	 */
	asRole<T>(role: ApiRole, claims: object, work: (sql: Sql) => Promise<T>): Promise<T>;
	/** The owner's connection: migrations, the schema cache, tests. */
	admin: Sql & { exec(text: string): Promise<void> };
	close(): Promise<void>;
}

/**
 * A string as an SQL literal. Quotes are doubled; backslashes stay as they are, which is right with
 * standard_conforming_strings on (PostgreSQL's default since 9.1; nothing here turns it off).
 */
function sqlLiteral(text: string): string {
	if (text.includes('\0')) throw new Error('an SQL literal cannot hold a NUL character');
	return `'${text.replaceAll("'", "''")}'`;
}

/**
 * `SET LOCAL ROLE` and the claims, as PostgREST sets them at the start of each request: one
 * simple-protocol statement rather than a parameterised one, as PGlite runs every request one after
 * another and the parameterised form was a fifth of an insert's time there (2,060 against 2,500
 * transactions/s in a loop of begin, role, insert, commit).
 */
const roleStatement = (role: ApiRole, claims: object) => {
	if (!API_ROLES.includes(role)) throw new Error(`not an API role: ${role}`); // it goes into the statement as it is
	return `select set_config('role', '${role}', true), set_config('request.jwt.claims', ${sqlLiteral(JSON.stringify(claims))}, true)`;
};

export async function openPglite(dataDir?: string): Promise<Database> {
	if (dataDir) await mkdir(dataDir, { recursive: true });
	const db = await PGlite.create(dataDir ? { dataDir } : {});
	const wrap = (runner: Pick<PGlite, 'query'>): Sql => ({
		async query<T>(text: string, params?: unknown[]) {
			const result = await runner.query<T>(text, params);
			return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
		},
	});
	return {
		description: dataDir ? `PGlite, data in ${dataDir}` : 'PGlite, in memory',
		asRole: (role, claims, work) =>
			db.transaction(async (tx) => {
				await tx.exec(roleStatement(role, claims));
				return work(wrap(tx));
			}),
		admin: {
			...wrap(db),
			async exec(text) {
				await db.exec(text);
			},
		},
		close: () => db.close(),
	};
}

export async function openPostgres(connectionString: string): Promise<Database> {
	const pool = new pg.Pool({ connectionString, max: Number(process.env.PRAXIS_DB_POOL ?? 10) });
	// An idle client that loses its server must not crash the endpoint; the next query reconnects.
	pool.on('error', () => {});
	const wrap = (runner: pg.Pool | pg.PoolClient): Sql => ({
		async query<T>(text: string, params?: unknown[]) {
			const result = await runner.query(text, params as unknown[]);
			return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
		},
	});
	const host = new URL(connectionString).host;
	return {
		description: `PostgreSQL at ${host}`,
		async asRole(role, claims, work) {
			const client = await pool.connect();
			try {
				await client.query('begin');
				await client.query(roleStatement(role, claims));
				const result = await work(wrap(client));
				// A transaction that failed (work caught an SQL error and went on) ends in ROLLBACK, quietly.
				if ((await client.query('commit')).command === 'ROLLBACK') throw new Error('The request failed and nothing of it was stored: an SQL error inside it was caught and ignored');
				return result;
			} catch (error) {
				await client.query('rollback').catch(() => {});
				throw error;
			} finally {
				client.release();
			}
		},
		admin: {
			...wrap(pool),
			async exec(text) {
				await pool.query(text);
			},
		},
		close: () => pool.end(),
	};
}
