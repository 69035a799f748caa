/** A fresh embedded endpoint on a free port over a migrated in-memory PGlite, for API tests. */
import { openPglite, type SqlBackend } from '../../endpoint/database.ts';
import { type Endpoint, type EndpointOptions, startEndpoint } from '../../endpoint/endpoint.ts';
import { migrate } from '../../endpoint/migrate.ts';

export async function openEndpoint(
	options: Omit<EndpointOptions, 'db'> = {},
): Promise<{ db: SqlBackend; endpoint: Endpoint; stop(): Promise<void> }> {
	const db = await openPglite();
	await migrate(db);
	const endpoint = await startEndpoint({ db, port: 0, ...options });
	return {
		db,
		endpoint,
		async stop() {
			await endpoint.close();
			await db.close();
		},
	};
}
