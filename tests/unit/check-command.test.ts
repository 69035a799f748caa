import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../harness/paths.ts';
import { copyOfProject } from '../../harness/project-copy.ts';

const run = promisify(execFile);
/** Runs a project script with the project's Node, returning exit code and output. */
async function script(name: string, args: string[]) {
	try {
		const { stdout, stderr } = await run(process.execPath, [join(projectRoot, 'scripts', name), ...args]);
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, output: failed.stdout + failed.stderr };
	}
}

let dir: string;
beforeAll(async () => {
	dir = await copyOfProject(['content']);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('npm run check', () => {
	it('passes on the seed content', async () => {
		const result = await script('check-content.ts', [dir]);
		expect(result.output).toMatch(/All \d+ playbook files are valid/);
		expect(result.code).toBe(0);
	});

	const NDA = 'content/workflows/nda-first-pass-review.mdx';
	const cases: Array<[string, string, (text: string) => string, RegExp]> = [
		[
			'an unknown expert',
			NDA,
			(t) => t.replace(/^expert: .*$/m, 'expert: nobody'),
			/nda-first-pass-review\.mdx:\d+ {2}expert {2}unknown expert "nobody" {2}\(use one of: /,
		],
		[
			'an unknown team',
			NDA,
			(t) => t.replace(/^teams: .*$/m, 'teams: [legal, finance]'),
			/nda-first-pass-review\.mdx:\d+ {2}teams\[1\] {2}unknown team "finance"/,
		],
		[
			'an unknown tool',
			NDA,
			(t) => t.replace(/^tools: .*$/m, 'tools: [oracle]'),
			/tools\[0\] {2}unknown tool "oracle"/,
		],
		['an unknown task', NDA, (t) => t.replace(/^task: .*$/m, 'task: vibes'), /:4 {2}task {2}unknown task "vibes"/],
		[
			'no prompt in any step',
			NDA,
			(t) => t.replace(/^ {4}prompt: \|\n(?: {6}.*\n|\n)*/gm, ''),
			/nda-first-pass-review\.mdx:\d+ {2}steps {2}at least one step needs a `prompt`/,
		],
		[
			'an empty "check the output"',
			NDA,
			(t) => t.replace(/^checks:\n(?: {2}.*\n)*/m, 'checks: []\n'),
			/checks {2}list at least one AI error/,
		],
		[
			'a review date in the future',
			NDA,
			(t) => t.replace(/^lastReviewed: .*$/m, 'lastReviewed: 2999-01-01'),
			/lastReviewed {2}this date is in the future/,
		],
		[
			'a missing field',
			NDA,
			(t) => t.replace(/^summary: .*\n/m, ''),
			/:2 {2}summary {2}expected text {2}\(add this field\)/,
		],
		[
			'a broken internal link',
			NDA,
			(t) => `${t}\nSee [the old version](/workflows/nda-review-v1/).\n`,
			/nda-first-pass-review\.mdx:\d+ {2}\(notes\) {2}broken internal link \/workflows\/nda-review-v1\//,
		],
		[
			'a track with a missing workflow',
			'content/tracks/support-foundations.yaml',
			(t) => t.replace('workflow: help-article-from-tickets', 'workflow: help-article'),
			/support-foundations\.yaml:\d+ {2}workflows\[2\]\.workflow {2}unknown workflow "help-article"/,
		],
		[
			'invalid YAML',
			'content/teams/legal.yaml',
			(t) => `${t}channel: [unclosed\n`,
			/legal\.yaml:\d+ {2}\(yaml\) {2}not valid YAML/,
		],
	];

	it.each(cases)('fails on %s, naming the file, line and field', async (_name, file, breakIt, expected) => {
		const path = join(dir, file);
		const original = await readFile(path, 'utf8');
		try {
			const broken = breakIt(original);
			expect(broken).not.toBe(original);
			await writeFile(path, broken);
			const result = await script('check-content.ts', [dir]);
			expect(result.code).toBe(1);
			expect(result.output).toMatch(expected);
		} finally {
			await writeFile(path, original);
		}
	});

	it('fails on a file name that is not a slug and on a duplicate slug', async () => {
		const source = await readFile(join(dir, 'content/tasks/forecasting.yaml'), 'utf8');
		await writeFile(join(dir, 'content/tasks/Forecasting.yml'), source);
		try {
			const result = await script('check-content.ts', [dir]);
			expect(result.code).toBe(1);
			expect(result.output).toMatch(
				/content\/tasks\/Forecasting\.yml:1 {2}\(file name\) {2}"Forecasting" is not a slug/,
			);
			expect(result.output).toMatch(/duplicate slug "forecasting"|duplicate slug "Forecasting"/);
		} finally {
			await rm(join(dir, 'content/tasks/Forecasting.yml'));
		}
	});
});

describe('npm run new-workflow, non-interactive', () => {
	it('writes a workflow that passes the check', async () => {
		const result = await script('new-workflow.ts', [
			'--root',
			dir,
			'--title',
			'Compare two vendor proposals',
			'--summary',
			'Line up two vendor proposals against our criteria before the buying meeting.',
			'--task',
			'research-briefs',
			'--teams',
			'ops,sales',
			'--tools',
			'chat-assistant',
			'--difficulty',
			'intermediate',
			'--minutes',
			'40',
			'--input',
			'Both proposals as text',
			'--input',
			'Our buying criteria',
			'--step',
			'Paste the criteria first|Give the assistant our criteria before the proposals.',
			'--step',
			'Ask for a side-by-side table|One row per criterion, with quotes.|For each criterion below, quote what each ' +
				'proposal says.\\nWrite NOT ADDRESSED where a proposal is silent.',
			'--check',
			'Quotes a commitment that is not in the proposal.|Find every quote in the original PDF.',
			'--not',
			'Proposals under NDA that forbid processing by third parties.',
			'--contributor',
			'Test Contributor',
			'--expert',
			'tomas-reyes',
			'--notes',
			'Quoting both proposals side by side made the gaps obvious; {budget} and <3 stay text.',
		]);
		expect(result.output).toContain('Wrote content/workflows/compare-two-vendor-proposals.mdx');
		const written = await readFile(join(dir, 'content/workflows/compare-two-vendor-proposals.mdx'), 'utf8');
		expect(written).toContain('Write NOT ADDRESSED where a proposal is silent.');
		expect(written).toMatch(/^status: draft$/m);
		expect(written).toContain('\\{budget\\} and \\<3 stay text.');
		const check = await script('check-content.ts', [dir]);
		expect(check.output).toMatch(/All \d+ playbook files are valid/);
		const again = await script('new-workflow.ts', ['--root', dir, '--title', 'x']);
		expect(again.code).toBe(2);
		expect(again.output).toContain('Missing flags for a non-interactive run: --summary');
		const help = await script('new-workflow.ts', ['--help']);
		expect([help.code, help.output]).toEqual([0, expect.stringContaining('Usage: npm run new-workflow')]);
		const unknown = await script('new-workflow.ts', ['--titel', 'x']);
		expect(unknown.code).toBe(2);
		expect(unknown.output).toMatch(/^Unknown option '--titel'/);
		expect(unknown.output).not.toMatch(/\bat \S+:\d+:\d+/);
		await rm(join(dir, 'content/workflows/compare-two-vendor-proposals.mdx'));
	});
});
