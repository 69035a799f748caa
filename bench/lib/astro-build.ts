/**
 * Building a throwaway copy of a site as the build benchmarks do: the playbook written in, caches
 * cleared for a cold build (as a fresh clone's CI), and its build command timed with its peak memory.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusEntry } from '../../harness/workflow-corpus.ts';
import { type MeasuredRun, measuredRun } from './measured-run.ts';
import { projectRoot } from './report.ts';

const astroBin = join(projectRoot, 'node_modules/astro/bin/astro.mjs');
// Praxis's `npm run build`: Astro, then the search index (scripts/build.ts).
const praxisBuildScript = join(projectRoot, 'scripts/build.ts');
// Vitest or a shell may have set NODE_ENV; sites are built as for production.
const buildEnv = { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' };

/** Replaces the copy's workflows with the corpus's Praxis files. */
export async function writePraxisCorpus(dir: string, corpus: CorpusEntry[]): Promise<void> {
	await rm(join(dir, 'content/workflows'), { recursive: true });
	await mkdir(join(dir, 'content/workflows'));
	for (const entry of corpus) await writeFile(join(dir, 'content/workflows', `${entry.slug}.mdx`), entry.praxis);
}

/** Removes the build output and every cache Astro keeps between builds. */
export async function clearBuildCaches(dir: string): Promise<void> {
	await rm(join(dir, 'dist'), { recursive: true, force: true });
	await rm(join(dir, '.astro'), { recursive: true, force: true });
	await rm(join(dir, 'node_modules/.astro'), { recursive: true, force: true }).catch(() => undefined);
}

/** Each site's own build command: Praxis's `npm run build`; Starlight's `astro build` (its Pagefind runs inside). */
export const siteBuild = (site: 'Praxis' | 'Starlight', dir: string): Promise<MeasuredRun> =>
	site === 'Praxis'
		? measuredRun(process.execPath, [praxisBuildScript], { cwd: dir, env: buildEnv })
		: measuredRun(process.execPath, [astroBin, 'build'], { cwd: dir, env: buildEnv });
