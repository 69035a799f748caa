/**
 * The Supabase CLI layout is real: `supabase db push` (the CLI from the project's dev dependencies)
 * applies supabase/migrations to a PostgreSQL server, and the embedded endpoint's migrate() then
 * finds that history its own and has nothing left to do.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../endpoint/database.ts';
import { migrate } from '../../endpoint/migrate.ts';
import { installPlatform } from '../../endpoint/platform.ts';
import { projectRoot } from '../../harness/paths.ts';
import { findPostgresBinaries, type PostgresServer, startPostgres } from '../../harness/postgres-server.ts';

const binary = findPostgresBinaries()[0];
let server: PostgresServer | undefined;
beforeAll(async () => {
	if (binary) server = await startPostgres(binary);
});
afterAll(() => server?.stop());

describe.runIf(binary)('supabase db push', () => {
	it('applies the migrations, and migrate() then accepts the history and applies nothing', async () => {
		const db = await openPostgres(server!.url);
		try {
			// Supabase databases have the API roles before any migration; so must this one.
			await installPlatform(db);
			const { stdout } = await promisify(execFile)(
				join(projectRoot, 'node_modules/.bin/supabase'),
				['db', 'push', `--db-url=${server!.url}`, '--yes', '--workdir', projectRoot],
				{ env: { ...process.env, DO_NOT_TRACK: '1', NO_COLOR: '1' } },
			);
			expect(stdout).toContain('Finished supabase db push');
			const { rows } = await db.admin.query<{ version: string }>(
				'select version from supabase_migrations.schema_migrations order by version',
			);
			expect(rows.length).toBeGreaterThanOrEqual(3);
			expect(await migrate(db)).toEqual([]);
		} finally {
			await db.close();
		}
	});
});
