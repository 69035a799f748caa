/**
 * `npm run build`: the site, then its search index, into `dist/` (or `--outDir <dir>`; other arguments
 * go to Astro). Astro builds the pages in a process of its own; Pagefind indexes them once that process
 * has ended, so the two never hold their memory at the same time: at 10,000 workflows, Astro holds about
 * 1.5 GB to the end of its build and Pagefind needs about 2 GB (BENCHMARKS.md, "Measurements behind the
 * code"). Run from the project's folder.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { buildIndex, preloadSearchIndex } from './search-index.ts';

const root = process.cwd();
const args = process.argv.slice(2);
const outDirAt = args.indexOf('--outDir');
const siteDir = resolve(root, outDirAt >= 0 ? (args[outDirAt + 1] ?? 'dist') : 'dist');

const code = await new Promise<number | null>((done, fail) => {
	const astro = spawn(process.execPath, [resolve(root, 'node_modules/astro/bin/astro.mjs'), 'build', ...args], {
		stdio: 'inherit',
	});
	astro.on('error', fail);
	astro.on('close', done);
});
if (code !== 0) process.exit(code ?? 1);

try {
	await buildIndex(root, siteDir, (line) => console.log(`[search index] ${line}`));
	await preloadSearchIndex(siteDir);
} catch (error) {
	console.error(`[search index] ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
