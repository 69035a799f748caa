import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';

/**
 * Indexes the built site with Pagefind's Node API inside `astro build`, so one command produces a
 * searchable site. Any Pagefind error fails the build: a site without its index is broken.
 */
export function pagefindIndex(): AstroIntegration {
	let base = '/';
	return {
		name: 'praxis:pagefind',
		hooks: {
			'astro:config:done': ({ config }) => {
				base = config.base.endsWith('/') ? config.base : `${config.base}/`;
			},
			'astro:build:done': async ({ dir, logger }) => {
				await buildIndex(fileURLToPath(dir), logger);
				await preloadSearchIndex(fileURLToPath(dir), base);
			},
		},
	};
}

export async function buildIndex(siteDir: string, logger: AstroIntegrationLogger): Promise<void> {
	const started = performance.now();
	try {
		const created = await pagefind.createIndex({});
		const index = checked(created, 'createIndex').index;
		if (!index) throw new Error('Pagefind createIndex returned no index');
		const added = checked(await index.addDirectory({ path: siteDir }), 'addDirectory');
		if (!added.page_count) throw new Error(`Pagefind found no HTML pages in ${siteDir}`);
		checked(await index.writeFiles({ outputPath: `${siteDir}/pagefind` }), 'writeFiles');
		logger.info(`Indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms.`);
	} finally {
		await pagefind.close();
	}
}

function checked<T extends { errors: string[] }>(response: T, step: string): T {
	if (response.errors.length > 0) {
		throw new Error(`Pagefind ${step} failed:\n  ${response.errors.join('\n  ')}`);
	}
	return response;
}

/**
 * The search page asks for Pagefind's entry, metadata and WebAssembly as soon as it loads, not one after
 * another once Pagefind has started: their names are known only now, after indexing, so they are written
 * into the built page. The entry's cache tag is the index's hash, handed to Pagefind (`metaCacheTag`) so
 * it asks for the very URL that was preloaded.
 */
export async function preloadSearchIndex(siteDir: string, base: string): Promise<void> {
	const entryFile = `${siteDir}/pagefind/pagefind-entry.json`;
	const page = `${siteDir}/search/index.html`;
	let entry: { languages: Record<string, { hash: string; wasm: string | null }> };
	try {
		entry = JSON.parse(await readFile(entryFile, 'utf8'));
	} catch (error) {
		throw new Error(`Pagefind wrote no readable ${entryFile}`, { cause: error });
	}
	const languages = Object.values(entry.languages);
	// With several languages the page's own decides which files load: nothing is preloaded then.
	if (languages.length !== 1) return;
	const { hash, wasm } = languages[0]!;
	const preload = (path: string) =>
		`<link rel="preload" href="${base}pagefind/${path}" as="fetch" crossorigin="anonymous">`;
	const links = [
		preload(`pagefind-entry.json?ts=${hash}`),
		preload(`pagefind.${hash}.pf_meta`),
		...(wasm ? [preload(`wasm.${wasm}.pagefind`)] : []),
	].join('');
	const html = await readFile(page, 'utf8').catch((error: unknown) => {
		throw new Error(`The search page ${page} is missing`, { cause: error });
	});
	if (!html.includes('<div id="search"')) throw new Error(`The search page ${page} has no #search element`);
	await writeFile(
		page,
		html
			.replace('</head>', `${links}</head>`)
			.replace('<div id="search"', `<div id="search" data-meta-cache-tag="${hash}"`),
	);
}
