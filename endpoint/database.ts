/**
 * The database behind the embedded endpoint: PGlite (Postgres in-process, persisted to a folder)
 * by default, or a real PostgreSQL server when DATABASE_URL is set. Both are used the same way:
 * each API request runs in its own transaction as the role from its verified JWT, with RLS in force.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inlineParams, quoteIdent, sqlLiteral } from './sql-literals.ts';

export type ApiRole = 'anon' | 'authenticated' | 'service_role';
export const API_ROLES: readonly ApiRole[] = ['anon', 'authenticated', 'service_role'];

export interface QueryResult<T> {
	rows: T[];
	rowCount: number;
}

export interface Sql {
	query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<T>>;
}

/** A database the endpoint serves: PGlite or a PostgreSQL server, used the same way. */
export interface SqlBackend {
	readonly description: string;
	/**
	 * Runs `work` in one transaction as an API role, with the JWT claims where SQL can read them, and
	 * resolves once it is committed; if anything in it failed, nothing of it is kept and it rejects.
	 */
	asRole<T>(role: ApiRole, claims: object, work: (sql: Sql) => Promise<T>): Promise<T>;
	/** The owner's connection: migrations, the schema cache, tests. */
	admin: Sql & { exec(text: string): Promise<void> };
	/** Calls `handler` with the payload of each NOTIFY on `channel`; resolves to a function that stops it. */
	listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

/**
 * `SET LOCAL ROLE` and the claims, as PostgREST sets them at the start of each request, as one
 * simple-protocol statement: on PGlite it travels with BEGIN and the request's first statement.
 */
const roleStatement = (role: ApiRole, claims: object) => {
	if (!API_ROLES.includes(role)) throw new Error(`not an API role: ${role}`); // it goes into the statement as it is
	return (
		`select set_config('role', '${role}', true), set_config('request.jwt.claims', ` +
		`${sqlLiteral(JSON.stringify(claims))}, true)`
	);
};

/**
 * One request at a time on PGlite's one session, admin statements included: between a transaction's
 * statements nothing else may run there.
 */
function oneAtATime() {
	let tail: Promise<unknown> = Promise.resolve();
	return <T>(task: () => Promise<T>): Promise<T> => {
		const run = tail.then(task, task);
		tail = run.catch(() => {});
		return run;
	};
}

type PgliteResult = Awaited<ReturnType<PGlite['query']>>;
const resultOf = <T>(result: PgliteResult): QueryResult<T> => ({
	rows: result.rows as T[],
	rowCount: result.affectedRows ?? result.rows.length,
});

export async function openPglite(dataDir?: string): Promise<SqlBackend> {
	if (dataDir) await mkdir(dataDir, { recursive: true });
	const db = await PGlite.create(dataDir ? { dataDir } : {});
	const exclusive = oneAtATime();
	return {
		description: dataDir ? `PGlite, data in ${dataDir}` : 'PGlite, in memory',
		/*
		 * PGlite runs every statement on one core, one after another, and each call into it costs about
		 * as much as a small insert. So a request's first statement goes in one call with BEGIN and its
		 * role, its values written in as literals (the simple protocol has no parameters), and COMMIT
		 * follows: two calls where a transaction with a parameterised statement takes five (the effect is
		 * in BENCHMARKS.md).
		 */
		asRole: (role, claims, work) =>
			exclusive(async () => {
				let begun = false;
				let failed = false;
				const sql: Sql = {
					async query<T>(text: string, params?: unknown[]) {
						try {
							if (begun) return resultOf<T>(await db.query<T>(text, params));
							const statements = `begin; ${roleStatement(role, claims)}; ${inlineParams(text, params)}`;
							begun = true;
							const results = await db.exec(statements);
							return resultOf<T>(results.at(-1)!);
						} catch (error) {
							failed = true;
							throw error;
						}
					},
				};
				try {
					const result = await work(sql);
					// A statement failed and work caught the error and went on: nothing of it may be kept. Every
					// statement goes through sql.query, so a transaction PostgreSQL aborted is always one of these.
					if (failed) throw new Error(SWALLOWED);
					if (begun) await db.exec('commit');
					return result;
				} catch (error) {
					if (begun) await db.exec('rollback').catch(() => {});
					throw error;
				}
			}),
		admin: {
			query: (text, params) => exclusive(async () => resultOf(await db.query(text, params))),
			exec: (text) => exclusive(async () => void (await db.exec(text))),
		},
		listen: async (channel, handler) => {
			const stop = await exclusive(() => db.listen(channel, handler));
			return () => exclusive(() => stop());
		},
		close: () => exclusive(() => db.close()),
	};
}

const SWALLOWED = 'The request failed and nothing of it was stored: an SQL error inside it was caught and ignored';

export async function openPostgres(connectionString: string): Promise<SqlBackend> {
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
				if ((await client.query('commit')).command === 'ROLLBACK') throw new Error(SWALLOWED);
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
		async listen(channel, handler) {
			// LISTEN holds a session: one client of its own, out of the pool, for as long as it listens.
			const client = new pg.Client({ connectionString });
			client.on('error', () => {});
			client.on('notification', (message) => {
				if (message.channel === channel && message.payload !== undefined) handler(message.payload);
			});
			await client.connect();
			await client.query(`listen ${quoteIdent(channel)}`);
			return () => client.end();
		},
		close: () => pool.end(),
	};
}
