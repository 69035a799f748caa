import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtSite, builtSubpathSite, projectRoot, SUBPATH } from '../../harness/paths.ts';
import { copyOfProject } from '../../harness/project-copy.ts';
import { buildSite } from '../helpers/build.ts';

const slugs = async (folder: string) =>
	(await readdir(`${projectRoot}content/${folder}`)).map((file) => file.replace(/\.(mdx|ya?ml)$/, ''));
const page = (site: string, path: string) =>
	readFile(join(site, path, path.endsWith('.html') ? '' : 'index.html'), 'utf8');

describe('the real build of the real content', () => {
	it('produces every page type', async () => {
		const expected = ['/', '/tasks/', '/teams/', '/tracks/', '/experts/', '/search/', '404.html'];
		for (const [folder, route] of [
			['workflows', 'workflows'],
			['tasks', 'tasks'],
			['teams', 'teams'],
			['tracks', 'tracks'],
		]) {
			for (const slug of await slugs(folder!)) expected.push(`/${route}/${slug}/`);
		}
		expect(expected.length).toBeGreaterThan(30);
		for (const path of expected) {
			const html = await page(builtSite, path);
			expect(html, path).toContain('<html lang="en"');
		}
	});

	it('shows every part of a workflow on its page', async () => {
		const html = await page(builtSite, '/workflows/escalated-ticket-reply/');
		for (const text of [
			'Draft a reply to an escalated ticket',
			'Check the output',
			'When not to use AI',
			'Before you start',
			'Replying to customers',
			'Support',
			'Company chat assistant',
			'beginner',
			'about 12 minutes',
			'3 Nov 2026',
			'Amira Haddad',
			'Leo Marchetti',
			'Edit this page',
			'edit/main/content/workflows/escalated-ticket-reply.mdx',
			'Related workflows',
			'data-copy',
			'id="feedback"',
			'Promises something we cannot give',
		]) {
			expect(html).toContain(text);
		}
	});

	it('writes a Pagefind index with the four filters, covering listed workflows only', async () => {
		const entry = JSON.parse(await readFile(join(builtSite, 'pagefind/pagefind-entry.json'), 'utf8'));
		expect(entry.languages.en.page_count).toBe((await slugs('workflows')).length - 1); // one is retired
		const filters = await readdir(join(builtSite, 'pagefind/filter'));
		expect(filters.length).toBeGreaterThan(0);
		const workflow = await page(builtSite, '/workflows/nda-first-pass-review/');
		for (const filter of ['task', 'team', 'tool', 'difficulty'])
			expect(workflow).toContain(`data-pagefind-filter="${filter}"`);
		const retired = await page(builtSite, '/workflows/call-recording-summary-public-tool/');
		expect(retired).not.toContain('data-pagefind-body');
	});

	it('prefixes every internal link with the base path in a sub-path build', async () => {
		const html = await page(builtSubpathSite, '/');
		const hrefs = [...html.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]!);
		expect(hrefs.length).toBeGreaterThan(10);
		expect(hrefs.filter((href) => !href.startsWith(SUBPATH))).toEqual([]);
		const search = await page(builtSubpathSite, '/search/');
		expect(search).toContain(`data-bundle="${SUBPATH}pagefind/"`);
		// The index files the search page preloads (written after indexing) are under the sub-path too.
		const preloads = [...search.matchAll(/<link rel="preload" href="([^"]+)"/g)].map((m) => m[1]!);
		expect(preloads.length).toBe(3);
		expect(preloads.filter((href) => !href.startsWith(`${SUBPATH}pagefind/`))).toEqual([]);
	});
});

describe('broken content fails the build', () => {
	const breakFile = async (dir: string, file: string, from: RegExp, to: string) => {
		const path = join(dir, file);
		const text = await readFile(path, 'utf8');
		expect(text).toMatch(from);
		await writeFile(path, text.replace(from, to));
	};

	it.each([
		[
			'an invalid field value',
			'content/workflows/nda-first-pass-review.mdx',
			/^difficulty: .*$/m,
			'difficulty: easy',
			'difficulty',
		],
		[
			'an unknown expert',
			'content/workflows/nda-first-pass-review.mdx',
			/^expert: .*$/m,
			'expert: nobody-here',
			'expert  unknown expert "nobody-here"',
		],
		[
			'frontmatter that is not YAML',
			'content/workflows/nda-first-pass-review.mdx',
			/^title: .*$/m,
			'title: [an unclosed list',
			'the frontmatter is not valid YAML',
		],
		[
			'an unknown tool',
			'content/workflows/nda-first-pass-review.mdx',
			/^tools: .*$/m,
			'tools: [chat-assistant, crystal-ball]',
			'tools[1]  unknown tool "crystal-ball"',
		],
		[
			'a track naming a missing workflow',
			'content/tracks/support-foundations.yaml',
			/workflow: help-article-from-tickets/,
			'workflow: help-article',
			'workflows[2].workflow  unknown workflow',
		],
	])('%s, naming the file and the field', async (_name, file, from, to, expected) => {
		const dir = await copyOfProject();
		try {
			await breakFile(dir, file, from, to);
			const result = await buildSite({ root: dir, outDir: join(dir, 'dist') });
			expect(result.code).not.toBe(0);
			expect(result.output).toContain(
				file
					.split('/')
					.pop()!
					.replace(/\.(mdx|yaml)$/, ''),
			);
			expect(result.output).toContain(expected);
			expect(
				await stat(join(dir, 'dist', 'index.html')).then(
					() => true,
					() => false,
				),
			).toBe(false);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('a workflow file whose name is not a slug, naming the file', async () => {
		const dir = await copyOfProject();
		try {
			const folder = join(dir, 'content/workflows');
			await rename(join(folder, 'meeting-notes-to-actions.mdx'), join(folder, 'Meeting Notes.mdx'));
			const result = await buildSite({ root: dir, outDir: join(dir, 'dist') });
			expect(result.code).not.toBe(0);
			expect(result.output).toContain('content/workflows/Meeting Notes.mdx: "Meeting Notes" is not a slug');
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
