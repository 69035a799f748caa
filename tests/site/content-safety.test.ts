/**
 * Hostile contributions through the real `npm run check` and the real build: each vector is refused
 * with its file and line, nothing in it runs (a payload that would write a file leaves none), a
 * symbolic link is refused, and the harmless look-alikes build into pages that show them as text.
 */
import { execFile } from 'node:child_process';
import { access, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../harness/paths.ts';
import { copyOfProject } from '../../harness/project-copy.ts';
import { buildSite } from '../helpers/build.ts';
import { HARMLESS, HOSTILE, RUNNING_PAYLOADS, refusedLine } from '../helpers/hostile-content.ts';

const run = promisify(execFile);
const exists = (path: string) =>
	access(path).then(
		() => true,
		() => false,
	);
const base = await readFile(join(projectRoot, 'content/workflows/nda-first-pass-review.mdx'), 'utf8');
/** A valid workflow file whose body ends with `vector`; returns the line of its refused part. */
const withLine = (vector: string) => ({
	text: `${base.trimEnd()}\n\n${vector}\n`,
	line: base.trimEnd().split('\n').length + 1 + refusedLine(vector),
});

const check = (dir: string) =>
	run(process.execPath, [join(projectRoot, 'scripts/check-content.ts'), dir]).then(
		(done) => ({ code: 0, output: done.stdout + done.stderr }),
		(failed: { code: number; stdout: string; stderr: string }) => ({
			code: failed.code,
			output: failed.stdout + failed.stderr,
		}),
	);

describe('hostile contributions', () => {
	it('npm run check refuses every vector in one run, naming file and line', async () => {
		const dir = await copyOfProject();
		try {
			const expected: string[] = [];
			for (const [i, [, line]] of HOSTILE.entries()) {
				const { text, line: at } = withLine(line);
				await writeFile(join(dir, `content/workflows/hostile-${i}.mdx`), text);
				expected.push(`content/workflows/hostile-${i}.mdx:${at}  (body)  refused:`);
			}
			await symlink('/etc/hostname', join(dir, 'public/hostname.txt'));
			const result = await check(dir);
			expect(result.code).toBe(1);
			for (const line of expected) expect(result.output).toContain(line);
			expect(result.output).toContain('public/hostname.txt:1  (file)  a symbolic link');
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it.each(RUNNING_PAYLOADS('PWNED'))('the build refuses %s before anything runs', async (_name, payload) => {
		const dir = await copyOfProject();
		try {
			const marker = join(dir, 'PWNED');
			const { text, line } = withLine(payload.replace('PWNED', marker));
			await writeFile(join(dir, 'content/workflows/nda-first-pass-review.mdx'), text);
			const result = await buildSite({ root: dir, outDir: join(dir, 'dist') });
			expect(result.code).not.toBe(0);
			expect(result.output).toContain(`content/workflows/nda-first-pass-review.mdx:${line}`);
			expect(result.output).toContain('Markdown, never code');
			expect(await exists(marker)).toBe(false);
			expect(await exists(join(dir, 'dist/workflows/nda-first-pass-review/index.html'))).toBe(false);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('the build refuses every vector itself, naming file and line, and writes no page', async () => {
		const dir = await copyOfProject();
		try {
			const file = join(dir, 'content/workflows/nda-first-pass-review.mdx');
			for (const [name, payload] of HOSTILE) {
				const { text, line } = withLine(payload);
				await writeFile(file, text);
				const result = await buildSite({ root: dir, outDir: join(dir, 'dist') });
				expect(result.code, name).not.toBe(0);
				expect(result.output, name).toContain(`content/workflows/nda-first-pass-review.mdx:${line}`);
				expect(await exists(join(dir, 'dist/workflows/nda-first-pass-review/index.html')), name).toBe(false);
			}
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('the build refuses a symbolic link in public/ and ships nothing of it', async () => {
		const dir = await copyOfProject();
		try {
			await symlink('/etc/hostname', join(dir, 'public/hostname.txt'));
			const result = await buildSite({ root: dir, outDir: join(dir, 'dist') });
			expect(result.code).not.toBe(0);
			expect(result.output).toContain('public/hostname.txt');
			expect(await exists(join(dir, 'dist/hostname.txt'))).toBe(false);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('builds the harmless look-alikes, showing them as text', async () => {
		const dir = await copyOfProject();
		try {
			const body = HARMLESS.map(([, text]) => text).join('\n\n');
			await writeFile(join(dir, 'content/workflows/nda-first-pass-review.mdx'), `${base.trimEnd()}\n\n${body}\n`);
			expect((await check(dir)).code).toBe(0);
			const result = await buildSite({ root: dir, outDir: join(dir, 'dist') });
			expect(result.code, result.output).toBe(0);
			const html = await readFile(join(dir, 'dist/workflows/nda-first-pass-review/index.html'), 'utf8');
			expect(html).toContain('{customer_name}');
			expect(html).toContain('&lt;3 this workflow');
			expect(html).toContain('href="https://intranet.example/policy"');
			expect(html).not.toMatch(/<script>alert/);
			// Built with the placeholder repository setting, the form says so instead of linking there.
			const contribute = await readFile(join(dir, 'dist/contribute/index.html'), 'utf8');
			expect(contribute).toContain('data-testid="no-repository"');
			expect(contribute).not.toContain('github.com/praxis-playbook/praxis/new/');
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
