/**
 * Loads `content/workflows/*.mdx` for the build. A workflow body is Markdown (content-safety.ts keeps
 * it so), so it is rendered as Markdown once, when the file is loaded, and the HTML is kept in Astro's
 * data store with the file's digest: an unchanged file is neither parsed nor rendered again on the next
 * build, and no workflow becomes a module for the bundler to compile. (Astro's `glob()` loader would
 * make each `.mdx` file an MDX module, compiled and bundled on every build.) Each body passes the full
 * guard (rendered-safety.ts) before it is rendered, and the build stops naming the file and line.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import yaml from 'js-yaml';
import { bodyOf, frontmatterOf } from '../lib/playbook/content-safety.ts';
import { assertSafeBody } from '../lib/playbook/rendered-safety.ts';
import { SLUG_PATTERN } from '../lib/playbook/slug.ts';

const EXTENSION = '.mdx';

/**
 * The code that turns a file into an entry: this loader, the playbook's schemas and guards, and the
 * installed packages (the renderer among them). Astro clears its store when the content or Astro config
 * changes, not when code they import does; with this in every digest, such a change loads every file
 * again instead of keeping entries made by the old code.
 */
const ENTRY_CODE_FILES = ['src/integrations/workflow-loader.ts', 'package-lock.json'];
const ENTRY_CODE_FOLDERS = ['src/lib/playbook'];

async function codeFingerprint(root: string): Promise<string> {
	const inFolders = await Promise.all(
		ENTRY_CODE_FOLDERS.map(async (folder) =>
			(await readdir(join(root, folder))).sort().map((name) => join(folder, name)),
		),
	);
	const files = [...ENTRY_CODE_FILES, ...inFolders.flat()];
	// A file a copy of the project leaves out (a benchmark's has no lock file) counts as empty.
	const texts = await Promise.all(files.map((file) => readFile(join(root, file), 'utf8').catch(() => '')));
	return files.map((file, i) => `${file}\n${texts[i]}`).join('\n');
}

/** Workflows from `folder` (relative to the project root), one entry per `<slug>.mdx`. */
export function workflowLoader(folder: string): Loader {
	return {
		name: 'praxis:workflows',
		load: async (context) => {
			const root = fileURLToPath(context.config.root);
			const dir = join(root, folder);
			const code = context.generateDigest(await codeFingerprint(root));
			const files = (await readdir(dir)).filter((name) => name.endsWith(EXTENSION));
			const kept = new Set<string>();
			// A few files at a time: each is read, parsed and rendered; the renderer is native code.
			const queue = [...files];
			const worker = async () => {
				for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
					kept.add(await syncFile(context, root, code, join(dir, name)));
				}
			};
			await Promise.all(Array.from({ length: 8 }, worker));
			for (const id of context.store.keys()) if (!kept.has(id)) context.store.delete(id);
			watchFolder(context, root, code, dir);
		},
	};
}

/** Loads one file into the store, unless the store has this very text from this very code; returns its id. */
async function syncFile(context: LoaderContext, root: string, code: string, path: string): Promise<string> {
	const file = relative(root, path).split('\\').join('/');
	const id = basename(path, EXTENSION);
	if (!SLUG_PATTERN.test(id)) {
		throw new Error(`${file}: "${id}" is not a slug; name the file in lowercase words joined by hyphens`);
	}
	const source = await readFile(path, 'utf8').catch((cause: unknown) => {
		throw new Error(`${file}: could not be read`, { cause });
	});
	const digest = context.generateDigest(`${code}\n${source}`);
	const kept = context.store.get(id);
	// An entry with images is loaded again: setting it is what registers its images for this build.
	if (kept?.digest === digest && !kept.assetImports?.length) return id;

	const front = frontmatterOf(source);
	if (!front) throw new Error(`${file}: no frontmatter found; start the file with --- and the workflow's fields`);
	let data: unknown;
	try {
		data = yaml.load(front.yamlText);
	} catch (cause) {
		throw new Error(`${file}: the frontmatter is not valid YAML`, { cause });
	}
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new Error(`${file}: the frontmatter must be a list of fields (key: value)`);
	}
	const { body, firstLine } = bodyOf(source);
	assertSafeBody(file, body, firstLine);
	const parsed = await context.parseData({ id, data: data as Record<string, unknown>, filePath: path });
	// The body alone (its YAML is read once, above), after a blank line so that a body opening with "---"
	// is shown as it was checked, never taken for a second frontmatter.
	const rendered = await context.renderMarkdown(`\n${body}`, { fileURL: pathToFileURL(path) });
	// Images next to the file (![…](./chart.png)) become the site's assets, as with Astro's own loader.
	const assetImports = rendered.metadata?.imagePaths;
	context.store.set({
		id,
		data: parsed,
		filePath: file,
		digest,
		rendered,
		...(assetImports?.length ? { assetImports } : {}),
	});
	return id;
}

/** In `astro dev`, a saved, added or removed workflow updates the store (and so the pages). */
function watchFolder(context: LoaderContext, root: string, code: string, dir: string): void {
	const { watcher, logger } = context;
	if (!watcher) return;
	watcher.add(dir);
	const inFolder = (path: string) => path.startsWith(dir) && path.endsWith(EXTENSION);
	const reload = async (path: string) => {
		if (!inFolder(path)) return;
		try {
			await syncFile(context, root, code, path);
			logger.info(`Reloaded ${relative(root, path)}`);
		} catch (error) {
			logger.error(error instanceof Error ? error.message : String(error));
		}
	};
	watcher.on('change', reload);
	watcher.on('add', reload);
	watcher.on('unlink', (path) => {
		if (inFolder(path)) context.store.delete(basename(path, EXTENSION));
	});
}
