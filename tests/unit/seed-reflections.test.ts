import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SEED_REFLECTIONS } from '../../scripts/seed-reflections.ts';

const dir = new URL('../../content/workflows/', import.meta.url);

describe("the seed's reflections", () => {
	it('are written for each workflow in use, and only for workflows that exist', async () => {
		const files = await readdir(dir);
		const active: string[] = [];
		for (const file of files) {
			const text = await readFile(new URL(file, dir), 'utf8');
			if (!/^status:\s*retired/m.test(text)) active.push(file.replace(/\.mdx$/, ''));
		}
		expect(Object.keys(SEED_REFLECTIONS).sort()).toEqual(active.sort());
		for (const lines of Object.values(SEED_REFLECTIONS)) {
			expect(lines.worked.length).toBeGreaterThan(1);
			expect(lines.didNotWork.length).toBeGreaterThan(1);
			expect(lines.tryNext.length).toBeGreaterThan(1);
		}
	});
});
