/**
 * The databases every db-tier test runs on: PGlite in-process, and each real PostgreSQL server
 * found on the machine. Each test file gets fresh, migrated databases.
 */
import { openPglite, openPostgres, type SqlBackend } from '../../endpoint/database.ts';
import { migrate } from '../../endpoint/migrate.ts';
import { findPostgresBinaries, type PostgresServer, startPostgres } from '../../harness/postgres-server.ts';

export interface Backend {
	name: string;
	open(): Promise<{ db: SqlBackend; close(): Promise<void> }>;
}

export const backends: Backend[] = [
	{
		name: 'PGlite',
		async open() {
			const db = await openPglite();
			await migrate(db);
			return { db, close: () => db.close() };
		},
	},
	...findPostgresBinaries().map(
		(binary): Backend => ({
			name: `PostgreSQL ${binary.major}`,
			async open() {
				const server: PostgresServer = await startPostgres(binary);
				const db = await openPostgres(server.url);
				await migrate(db);
				return {
					db,
					async close() {
						await db.close();
						await server.stop();
					},
				};
			},
		}),
	),
];

if (process.env.CI && backends.length < 3) {
	throw new Error(
		`CI must test PostgreSQL 15 and 17 too; found: ${backends.map((b) => b.name).join(', ')}. Install postgresql, ` +
			`run npm install, or set PG_BIN.`,
	);
}
