/**
 * Applies `supabase/migrations/*.sql` in file-name order, each once, recording them where the
 * Supabase CLI does (supabase_migrations.schema_migrations), so a database migrated here and one
 * migrated by `supabase db push` agree on what has run.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export const migrationsDir = fileURLToPath(new URL('../supabase/migrations/', import.meta.url));

export async function migrate(db: Database, dir = migrationsDir): Promise<string[]> {
	await db.admin.exec(`
		create schema if not exists supabase_migrations;
		create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
	`);
	const done = new Set(
		(await db.admin.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version),
	);
	const applied: string[] = [];
	for (const file of (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort()) {
		const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
		if (!version || done.has(version)) continue;
		const text = await readFile(`${dir}${file}`, 'utf8');
		try {
			await db.admin.exec(`begin;\n${text}\n;insert into supabase_migrations.schema_migrations (version, name, statements) values ('${version}', '${rest.join('_')}', array[]::text[]);\ncommit;`);
		} catch (error) {
			await db.admin.exec('rollback').catch(() => {});
			throw new Error(`Migration ${file} failed: ${(error as Error).message}`);
		}
		applied.push(file);
	}
	return applied;
}
