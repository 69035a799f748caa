import { execFile } from 'node:child_process';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, launchChromium } from '../../harness/browser.ts';
import { builtSite, projectRoot } from '../../harness/paths.ts';
import { copyOfProject } from '../../harness/project-copy.ts';
import { serveStaticSite } from '../../scripts/static-site.ts';
import { checkSource } from '../../src/lib/playbook/content-check.ts';
import { buildSite } from '../helpers/build.ts';

let browser: Browser;
let site: Server;
let siteUrl = '';
/** The MDX the form produced, built into a page by the next test. */
let formFile = '';
beforeAll(async () => {
	const served = await serveStaticSite({ root: builtSite });
	site = served.server;
	siteUrl = served.url;
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
	site?.close();
});

async function fillForm(page: Page) {
	await page.getByLabel('Title', { exact: true }).fill('Turn a customer call into CRM notes');
	await page
		.getByLabel('One-line summary')
		.fill('Write the CRM notes from a call transcript, with every commitment traced to a quote.');
	await page.getByLabel('Task type', { exact: true }).selectOption('meeting-actions');
	await page.getByRole('checkbox', { name: 'Sales' }).check();
	await page.getByRole('checkbox', { name: /^Company chat assistant/ }).check();
	await page.getByLabel('What to have at hand').fill('The call transcript\nThe account in the CRM');
	await page.getByLabel('Step 1: title').fill('Paste the transcript');
	await page.getByLabel('Step 1: what to do').fill('Give the assistant the transcript and the CRM fields to fill.');
	await page.getByLabel('Step 2: title').fill('Ask for the notes with quotes');
	await page.getByLabel('Step 2: what to do').fill('Ask for each CRM field with the sentence that supports it.');
	await page
		.getByLabel('Step 2: prompt (optional)')
		.fill(
			'Fill these CRM fields from the transcript: [FIELDS].\nQuote the sentence behind each value; write UNKNOWN ' +
				'if none.',
		);
	await page.getByLabel('Error 1', { exact: true }).fill('Records a budget the customer never stated.');
	await page.getByLabel('How to catch error 1').fill('Every number must have its quote from the transcript.');
	await page.getByLabel('When not to use AI').fill('Calls where the customer asked not to be recorded.');
	await page.getByLabel('Contributors').fill('Test Contributor');
	await page.getByLabel('Expert to ask').selectOption('priya-natarajan');
	await page
		.getByLabel('Notes', { exact: true })
		.fill('Quotes made every value checkable; we <3 it, {FIELD} stays text.');
}

describe('contributing a workflow', () => {
	it('walks through the form with a live preview and a prefilled pull-request link to a valid file', async () => {
		const page = await browser.newPage();
		await page.goto(`${siteUrl}contribute/`);
		await page.getByRole('button', { name: 'Check what is missing' }).click();
		await expect.poll(() => page.locator('.problems li').count()).toBeGreaterThan(3);

		await fillForm(page);
		await expect.poll(() => page.locator('.preview-page h3').textContent()).toBe('Turn a customer call into CRM notes');
		expect(await page.locator('.preview-page pre').textContent()).toContain('Quote the sentence behind each value');
		const link = page.getByTestId('open-pr');
		await link.waitFor();
		const url = new URL((await link.getAttribute('href'))!);
		expect(url.pathname).toMatch(/\/new\/main$/);
		expect(url.searchParams.get('filename')).toBe('content/workflows/turn-a-customer-call-into-crm-notes.mdx');
		const text = url.searchParams.get('value')!;
		expect(
			checkSource('workflows', 'content/workflows/turn-a-customer-call-into-crm-notes.mdx', text).problems,
		).toEqual([]);
		expect(await page.getByTestId('file-text').textContent()).toBe(text);
		formFile = text;

		const violations = await axeViolations(page);
		expect(violations, describeViolations(violations)).toEqual([]);
		await page.close();
	});

	it('builds the files from the form and from the CLI into pages', async () => {
		const dir = await copyOfProject();
		try {
			expect(formFile, 'the form test runs first and leaves its file').toBeTruthy();
			await writeFile(join(dir, 'content/workflows/turn-a-customer-call-into-crm-notes.mdx'), formFile);
			await promisify(execFile)(process.execPath, [
				join(projectRoot, 'scripts/new-workflow.ts'),
				'--root',
				dir,
				'--title',
				'Check a price list for errors',
				'--summary',
				'Find impossible or inconsistent prices in a new price list before it is published.',
				'--task',
				'data-analysis',
				'--teams',
				'ops',
				'--tools',
				'chat-assistant',
				'--difficulty',
				'beginner',
				'--minutes',
				'20',
				'--input',
				'The price list as CSV',
				'--step',
				'Describe the columns|Give column names, types and 20 sample rows.',
				'--step',
				'Ask for checks|Ask for formulas you can run yourself.|Propose checks that would reveal wrong prices in ' +
					'this list: [COLUMNS].',
				'--check',
				'Reports totals it never computed.|Compute every number with your own formula.',
				'--not',
				'Prices under embargo.',
				'--contributor',
				'Test Contributor',
				'--expert',
				'priya-natarajan',
				'--notes',
				'Writing the formulas ourselves caught two prices the model had rounded.',
			]);
			const check = await promisify(execFile)(process.execPath, [join(projectRoot, 'scripts/check-content.ts'), dir]);
			expect(check.stdout).toMatch(/All \d+ playbook files are valid/);
			const build = await buildSite({ root: dir, outDir: join(dir, 'dist') });
			expect(build.code, build.output).toBe(0);
			for (const slug of ['turn-a-customer-call-into-crm-notes', 'check-a-price-list-for-errors']) {
				const html = await readFile(join(dir, 'dist/workflows', slug, 'index.html'), 'utf8');
				expect(html).toMatch(/<strong[^>]*>Draft\.<\/strong>/);
				expect((await stat(join(dir, 'dist/workflows', slug, 'index.html'))).size).toBeGreaterThan(1000);
			}
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('flags workflows past their review date and lists them on /maintenance/', async () => {
		const workflow = await readFile(join(builtSite, 'workflows/security-questionnaire-draft/index.html'), 'utf8');
		expect(workflow).toMatch(/<strong[^>]*>Needs review\.<\/strong>/);
		const page = await readFile(join(builtSite, 'maintenance/index.html'), 'utf8');
		// The table of workflows past their date (the page also carries every title for the use-based list).
		const maintenance = /<table class="maintenance"[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
		expect(maintenance).toContain('First draft of a security questionnaire from approved answers');
		expect(maintenance).toContain('Jonas Berg');
		expect(maintenance).not.toContain('Draft a reply to an escalated ticket');
	});
});
