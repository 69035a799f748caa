/**
 * Installs what a Supabase project has before its migrations (platform.sql) where it is missing, so
 * the project's migrations run here as they do on Supabase.
 */
import { readFile } from 'node:fs/promises';
import type { SqlBackend } from './database.ts';

const platformSql = new URL('./platform.sql', import.meta.url);

export async function installPlatform(db: SqlBackend): Promise<void> {
	await db.admin.exec(await readFile(platformSql, 'utf8'));
}
