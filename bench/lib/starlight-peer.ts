/**
 * A throwaway Starlight site to build the same workflows with, for the side-by-side build benchmark.
 * Starlight is installed from the npm registry into the temporary folder, never into the project,
 * on the same Astro version as Praxis so the comparison is between the two sites, not two Astros.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CorpusEntry } from '../../harness/workflow-corpus.ts';
import { projectRoot } from './report.ts';

export const STARLIGHT_RANGE = '^0.42.4';

export async function installStarlight(dir: string): Promise<{ starlight: string; astro: string }> {
	const astro = JSON.parse(await readFile(join(projectRoot, 'node_modules/astro/package.json'), 'utf8'))
		.version as string;
	await writeFile(
		join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'starlight-peer',
				private: true,
				type: 'module',
				dependencies: { '@astrojs/starlight': STARLIGHT_RANGE, astro },
			},
			null,
			2,
		),
	);
	await writeFile(
		join(dir, 'astro.config.mjs'),
		`import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';

export default defineConfig({ integrations: [starlight({ title: 'Playbook' })] });
`,
	);
	await mkdir(join(dir, 'src/content/docs'), { recursive: true });
	await writeFile(
		join(dir, 'src/content.config.ts'),
		`import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
	);
	await writeFile(
		join(dir, 'src/content/docs/index.mdx'),
		'---\ntitle: Playbook\ndescription: Team AI workflows.\n---\n\nEvery workflow is in the sidebar.\n',
	);
	await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		maxBuffer: 1 << 24,
	});
	const installed = JSON.parse(await readFile(join(dir, 'node_modules/@astrojs/starlight/package.json'), 'utf8'))
		.version as string;
	return { starlight: installed, astro };
}

/** Replaces the site's workflow pages with this corpus. */
export async function writeStarlightPages(dir: string, corpus: readonly CorpusEntry[]): Promise<void> {
	const pages = join(dir, 'src/content/docs/workflows');
	await rm(pages, { recursive: true, force: true });
	await mkdir(pages, { recursive: true });
	for (const entry of corpus) await writeFile(join(pages, `${entry.slug}.mdx`), entry.starlight);
}
