import { rm } from 'node:fs/promises';
import { builtSite, builtSubpathSite, SUBPATH, TEST_ENDPOINT_PORT } from '../../harness/paths.ts';
import { buildSite } from '../helpers/build.ts';

/** Builds the real site twice, at the root and under a sub-path, once for every site test. */
export default async function buildOnce() {
	for (const [outDir, base] of [
		[builtSite, '/'],
		[builtSubpathSite, SUBPATH],
	] as const) {
		await rm(outDir, { recursive: true, force: true });
		const result = await buildSite({
			outDir,
			env: {
				PRAXIS_BASE: base,
				PUBLIC_SUPABASE_URL: `http://127.0.0.1:${TEST_ENDPOINT_PORT}`,
				// A repository of its own: the contribution form links there (the default is a placeholder).
				PUBLIC_REPO_URL: 'https://github.com/example-team/playbook',
			},
		});
		if (result.code !== 0) throw new Error(`npm run build (base ${base}) failed:\n${result.output}`);
	}
}
