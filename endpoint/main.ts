/**
 * `npm run endpoint`: the embedded Supabase-compatible endpoint on http://127.0.0.1:54321.
 *
 * Environment:
 *   DATABASE_URL        use this PostgreSQL server instead of PGlite
 *   PRAXIS_DATA_DIR     where PGlite keeps its data (default .data/pglite)
 *   PRAXIS_ENDPOINT_HOST, PRAXIS_ENDPOINT_PORT   where to listen (default 127.0.0.1:54321)
 *   PRAXIS_JWT_SECRET   the secret API keys are signed with (default: the Supabase CLI's local one)
 *   PRAXIS_ALLOWED_ORIGINS  comma-separated extra CORS origins (loopback origins are always allowed)
 *   PRAXIS_ALLOWED_HOSTS    comma-separated host names requests may name besides loopback ones
 *   PRAXIS_JWT_EXPIRY   lifetime of a signed-in access token, in seconds (default 3600)
 *   PRAXIS_ANON_SIGNINS_PER_HOUR  anonymous sign-ins per client address and hour (default 30)
 */
import { fileURLToPath } from 'node:url';
import { openPglite, openPostgres, type SqlBackend } from './database.ts';
import { type Endpoint, startEndpoint } from './endpoint.ts';
import { migrate } from './migrate.ts';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));

export async function openDatabase(env = process.env): Promise<SqlBackend> {
	return env.DATABASE_URL
		? openPostgres(env.DATABASE_URL)
		: openPglite(env.PRAXIS_DATA_DIR ?? `${projectRoot}.data/pglite`);
}

export async function startFromEnv(env = process.env): Promise<Endpoint & { description: string }> {
	const db = await openDatabase(env);
	try {
		await migrate(db);
		const endpoint = await startEndpoint({
			db,
			host: env.PRAXIS_ENDPOINT_HOST ?? '127.0.0.1',
			port: Number(env.PRAXIS_ENDPOINT_PORT ?? 54321),
			jwtSecret: env.PRAXIS_JWT_SECRET,
			accessTokenSeconds: env.PRAXIS_JWT_EXPIRY ? Number(env.PRAXIS_JWT_EXPIRY) : undefined,
			anonymousSignInsPerHour: env.PRAXIS_ANON_SIGNINS_PER_HOUR ? Number(env.PRAXIS_ANON_SIGNINS_PER_HOUR) : undefined,
			allowedHosts: env.PRAXIS_ALLOWED_HOSTS?.split(',')
				.map((name) => name.trim())
				.filter(Boolean),
			allowedOrigins: env.PRAXIS_ALLOWED_ORIGINS?.split(',')
				.map((o) => o.trim())
				.filter(Boolean),
		});
		return {
			...endpoint,
			description: db.description,
			async close() {
				await endpoint.close();
				await db.close();
			},
		};
	} catch (error) {
		await db.close();
		throw error;
	}
}

/**
 * For `npm start`: reuse an endpoint already answering on the port (one started by hand, or
 * `supabase start`), else start one.
 */
export async function startEndpointForSite(
	env = process.env,
): Promise<{ url: string; description: string; close(): Promise<void> }> {
	const url = `http://127.0.0.1:${env.PRAXIS_ENDPOINT_PORT ?? 54321}`;
	const running = await fetch(`${url}/rest/v1/`, { signal: AbortSignal.timeout(1000) }).then(
		() => true,
		() => false,
	);
	if (running) return { url, description: 'already running, reused', close: async () => {} };
	return startFromEnv(env);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	try {
		const endpoint = await startFromEnv();
		process.stdout.write(
			`Praxis endpoint on ${endpoint.url} (${endpoint.description}). Development use only; Ctrl+C stops it.\n`,
		);
		const stop = async () => {
			await endpoint.close();
			process.exit(0);
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	} catch (error) {
		process.stderr.write(`Could not start the endpoint: ${(error as Error).message}\n`);
		process.exit(1);
	}
}
