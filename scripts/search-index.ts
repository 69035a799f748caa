/**
 * The search index of a built site: Pagefind over its pages, then the search page told which index files
 * to preload. Run by `npm run build` (scripts/build.ts) once `astro build` has ended.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Pagefind's own command, as `npx pagefind` runs it: it indexed and wrote the same files as its Node
 * API's service in less time (BENCHMARKS.md, "Measurements behind the code"). Any Pagefind error
 * throws: a site without its index is broken.
 */
export async function buildIndex(root: string, siteDir: string, log: (line: string) => void): Promise<void> {
	const started = performance.now();
	const command = join(root, 'node_modules/pagefind/lib/runner/bin.cjs');
	const args = [command, '--site', siteDir, '--output-path', join(siteDir, 'pagefind')];
	const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 2 ** 20 }).catch(
		(error: { stdout?: string; stderr?: string; message: string }) => {
			const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim() || error.message;
			throw new Error(`Pagefind could not index ${siteDir}:\n  ${output.split('\n').join('\n  ')}`, {
				cause: error,
			});
		},
	);
	const pages = Number(/Indexed (\d+) pages?/.exec(stdout)?.[1] ?? 0);
	if (pages === 0) throw new Error(`Pagefind indexed no pages in ${siteDir}:\n${stdout}`);
	log(`Indexed ${pages} pages in ${Math.round(performance.now() - started)} ms.`);
}

/**
 * The search page asks for Pagefind's entry, metadata and WebAssembly as soon as it loads, not one after
 * another once Pagefind has started: their names are known only now, after indexing, so they are written
 * into the built page. The entry's cache tag is the index's hash, handed to Pagefind (`metaCacheTag`) so
 * it asks for the very URL that was preloaded.
 */
export async function preloadSearchIndex(siteDir: string): Promise<void> {
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
	const html = await readFile(page, 'utf8').catch((error: unknown) => {
		throw new Error(`The search page ${page} is missing`, { cause: error });
	});
	// Where the page itself loads Pagefind from (the site's base path included).
	const bundle = /<div id="search"[^>]*\sdata-bundle="([^"]+)"/.exec(html)?.[1];
	if (!bundle) throw new Error(`The search page ${page} has no #search element with data-bundle`);
	const preload = (path: string) => `<link rel="preload" href="${bundle}${path}" as="fetch" crossorigin="anonymous">`;
	const links = [
		preload(`pagefind-entry.json?ts=${hash}`),
		preload(`pagefind.${hash}.pf_meta`),
		...(wasm ? [preload(`wasm.${wasm}.pagefind`)] : []),
	].join('');
	await writeFile(
		page,
		html
			.replace('</head>', `${links}</head>`)
			.replace('<div id="search"', `<div id="search" data-meta-cache-tag="${hash}"`),
	);
}
