/**
 * Applies `supabase/migrations/*.sql` in file-name order, each once, after the platform objects a
 * Supabase project already has (platform.sql), recording them where the Supabase CLI does
 * (supabase_migrations.schema_migrations), so a database migrated here and one migrated by
 * `supabase db push` agree on what has run. As the CLI does, it refuses a database whose history
 * does not match the folder, rather than leave it half old, half new.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { SqlBackend } from './database.ts';
import { installPlatform } from './platform.ts';
import { sqlLiteral } from './sql-literals.ts';

export const migrationsDir = fileURLToPath(new URL('../supabase/migrations/', import.meta.url));

const STALE =
	'This database was migrated from a different migration history. The embedded endpoint keeps its data in ' +
	'.data/pglite (or PRAXIS_DATA_DIR): move that folder away to start from an empty database.';

/**
 * Whether recorded statements are a migration's text: `supabase db push` records the statements split,
 * without their semicolons and some whitespace, so both are compared without either.
 */
const sameStatements = (recorded: string, text: string) =>
	recorded.replace(/[\s;]+/g, '') === text.replace(/[\s;]+/g, '');

export async function migrate(db: SqlBackend, dir = migrationsDir): Promise<string[]> {
	await installPlatform(db);
	await db.admin.exec(`
		create schema if not exists supabase_migrations;
		create table if not exists supabase_migrations.schema_migrations (
			version text primary key, statements text[], name text
		);
	`);
	const files = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
	const texts = new Map<string, { file: string; text: string }>();
	for (const file of files) texts.set(file.split('_')[0]!, { file, text: await readFile(`${dir}${file}`, 'utf8') });

	const recorded = (
		await db.admin.query<{ version: string; statements: string[] | null }>(
			'select version, statements from supabase_migrations.schema_migrations',
		)
	).rows;
	for (const { version, statements } of recorded) {
		const local = texts.get(version);
		if (!local) throw new Error(`Migration ${version} has been applied but is not in supabase/migrations. ${STALE}`);
		if (statements?.length && !sameStatements(statements.join(''), local.text)) {
			throw new Error(`Migration ${local.file} has changed since it was applied. ${STALE}`);
		}
	}
	const done = new Set(recorded.map((r) => r.version));
	const applied: string[] = [];
	for (const [version, { file, text }] of texts) {
		if (done.has(version)) continue;
		const name = file
			.replace(/\.sql$/, '')
			.split('_')
			.slice(1)
			.join('_');
		try {
			await db.admin.exec(
				`begin;\n${text}\n;insert into supabase_migrations.schema_migrations (version, name, statements) ` +
					`values (${sqlLiteral(version)}, ${sqlLiteral(name)}, array[${sqlLiteral(text)}]);\ncommit;`,
			);
		} catch (error) {
			await db.admin.exec('rollback').catch(() => {});
			throw new Error(`Migration ${file} failed: ${(error as Error).message}`, { cause: error });
		}
		applied.push(file);
	}
	return applied;
}
