/**
 * `npm run check`: validates every playbook file without building the site, for contributors and
 * pull requests. Prints one line per problem, `file:line  field  what is wrong  (how to fix)`, and
 * exits 1 if there is any. Checks: each file against its schema (required fields, prompts present,
 * "check the output" not empty, dates not in the future…), slugs, cross-references between files,
 * and internal links in workflow notes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
	type CollectionName,
	checkSource,
	formatLocated,
	type LocatedProblem,
	schemas,
} from '../src/lib/playbook/content-check.ts';
import { findBrokenReferences, type PlaybookRefs } from '../src/lib/playbook/cross-references.ts';
import { bodyParts } from '../src/lib/playbook/rendered-safety.ts';
import { findSymlinks, SYMLINK_FIX } from '../src/lib/playbook/symlinks.ts';

const root = process.argv[2]
	? `${process.argv[2].replace(/\/$/, '')}/`
	: fileURLToPath(new URL('../', import.meta.url));
const started = performance.now();
const EXTENSIONS: Record<CollectionName, RegExp> = {
	workflows: /\.mdx$/,
	tasks: /\.ya?ml$/,
	teams: /\.ya?ml$/,
	tools: /\.ya?ml$/,
	experts: /\.ya?ml$/,
	tracks: /\.ya?ml$/,
};

const problems: LocatedProblem[] = [];
const sources = new Map<string, string>();
// biome-ignore lint/suspicious/noExplicitAny: each collection's parsed data, checked by its schema
const entries = {} as Record<CollectionName, { id: string; filePath: string; data: any }[]>;
let files = 0;

// A link could publish any file of the machine that builds: refused before any file is read.
const links = await findSymlinks(root, ['content', 'public']);
for (const link of links) {
	problems.push({ file: link, line: 1, field: '(file)', message: 'a symbolic link', fix: SYMLINK_FIX });
}
const linked = new Set(links);

for (const collection of Object.keys(schemas) as CollectionName[]) {
	entries[collection] = [];
	const names = await readdir(`${root}content/${collection}`).catch(() => [] as string[]);
	const seen = new Map<string, string>();
	for (const name of names.sort()) {
		const filePath = `content/${collection}/${name}`;
		if (linked.has(filePath)) continue;
		if (!EXTENSIONS[collection].test(name)) {
			problems.push({
				file: filePath,
				line: 1,
				field: '(file)',
				message: `not a ${collection === 'workflows' ? '.mdx' : '.yaml'} file`,
				fix: 'rename it, or move it out of content/',
			});
			continue;
		}
		files++;
		const id = name.replace(/\.(mdx|ya?ml)$/, '');
		if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
			problems.push({
				file: filePath,
				line: 1,
				field: '(file name)',
				message: `"${id}" is not a slug`,
				fix: `rename to ${id
					.toLowerCase()
					.replace(/[^a-z0-9]+/g, '-')
					.replace(/^-|-$/g, '')}${name.slice(id.length)}`,
			});
		}
		if (seen.has(id.toLowerCase())) {
			problems.push({
				file: filePath,
				line: 1,
				field: '(file name)',
				message: `duplicate slug "${id}", also ${seen.get(id.toLowerCase())}`,
				fix: 'give one of them another name',
			});
		}
		seen.set(id.toLowerCase(), filePath);
		const source = await readFile(`${root}${filePath}`, 'utf8');
		sources.set(filePath, source);
		const result = checkSource(collection, filePath, source, bodyParts);
		problems.push(...result.problems);
		// An invalid file's references are checked too, from its YAML as written: every problem in one run.
		const data = result.data ?? result.raw;
		if (data) entries[collection].push({ id, filePath, data });
	}
}

/** Line of a field (`teams[1]` → the `teams:` line) in a file, for cross-reference problems. */
const lineOf = (file: string, field: string) => {
	const key = field.split(/[.[]/)[0];
	const lines = (sources.get(file) ?? '').split('\n');
	const index = lines.findIndex((line) => line.startsWith(`${key}:`));
	return index === -1 ? 1 : index + 1;
};
for (const problem of findBrokenReferences(entries as unknown as PlaybookRefs)) {
	problems.push({ ...problem, line: lineOf(problem.file, problem.field) });
}

// Internal links in workflow notes must point at pages that exist.
const known = {
	workflows: new Set(entries.workflows.map((e) => e.id)),
	tasks: new Set(entries.tasks.map((e) => e.id)),
	teams: new Set(entries.teams.map((e) => e.id)),
	tracks: new Set(entries.tracks.map((e) => e.id)),
};
const STATIC_PAGES = new Set([
	'',
	'tasks',
	'teams',
	'tracks',
	'experts',
	'search',
	'indicators',
	'contribute',
	'maintenance',
]);
for (const { filePath } of entries.workflows) {
	const lines = (sources.get(filePath) ?? '').split('\n');
	lines.forEach((line, index) => {
		for (const match of line.matchAll(/\]\((\/[^)\s#?]*)[^)]*\)|href="(\/[^"#?]*)/g)) {
			const path = (match[1] ?? match[2] ?? '').replace(/^\/+|\/+$/g, '');
			const [section = '', slug, extra] = path.split('/');
			const ok =
				slug === undefined
					? STATIC_PAGES.has(section)
					: section in known &&
						known[section as keyof typeof known].has(slug) &&
						(extra === undefined || (section === 'teams' && ['indicators', 'digest'].includes(extra)));
			if (!ok)
				problems.push({
					file: filePath,
					line: index + 1,
					field: '(notes)',
					message: `broken internal link /${path}/`,
					fix: 'link to an existing page, e.g. /workflows/<slug>/',
				});
		}
	});
}

const seconds = ((performance.now() - started) / 1000).toFixed(2);
if (problems.length > 0) {
	process.stderr.write(
		`${formatLocated(problems)}\n\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} files ` +
			`(${seconds} s).\n`,
	);
	process.exit(1);
}
process.stdout.write(`All ${files} playbook files are valid (${seconds} s).\n`);
