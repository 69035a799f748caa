/**
 * Symbolic links under `content/` or `public/` would let a contribution publish any file the build
 * machine can read (a link committed under `public/` is copied into the site as its target's
 * contents), so the check and the build refuse them.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Every symbolic link under `dirs` (relative to `root`), as paths relative to `root`. */
export async function findSymlinks(root: string, dirs: string[]): Promise<string[]> {
	const found: string[] = [];
	const walk = async (relative: string) => {
		const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
		for (const entry of entries) {
			const path = `${relative}/${entry.name}`;
			if (entry.isSymbolicLink()) found.push(path);
			else if (entry.isDirectory()) await walk(path);
		}
	};
	for (const dir of dirs) {
		const info = await lstat(join(root, dir)).catch(() => undefined);
		if (info?.isSymbolicLink()) found.push(dir);
		else if (info?.isDirectory()) await walk(dir);
	}
	return found.sort();
}

export const SYMLINK_FIX = 'replace the link with the file itself, or remove it';
