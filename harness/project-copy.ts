import { cp, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';

/** A throwaway copy of the project (content, source, config) that a test may change and build. */
export async function copyOfProject(
	items = ['src', 'content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'],
) {
	const dir = await mkdtemp(join(tmpdir(), 'praxis-copy-'));
	for (const item of items) await cp(join(projectRoot, item), join(dir, item), { recursive: true });
	await symlink(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
	return dir;
}
