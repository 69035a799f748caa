import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, launchChromium } from '../../harness/browser.ts';
import { builtSite, builtSubpathSite, SUBPATH } from '../../harness/paths.ts';
import { serveStaticSite } from '../../scripts/static-site.ts';

let browser: Browser;
let context: BrowserContext;
const servers: Server[] = [];
let site = '';
let subpathSite = '';

beforeAll(async () => {
	const root = await serveStaticSite({ root: builtSite });
	const sub = await serveStaticSite({ root: builtSubpathSite, base: SUBPATH });
	servers.push(root.server, sub.server);
	site = root.url;
	subpathSite = sub.url;
	browser = await launchChromium();
	context = await browser.newContext();
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site).origin });
});
afterAll(async () => {
	await browser?.close();
	for (const server of servers) server.close();
});

// Top-level results only; sub-results link to sections ("Steps", "Check the output") of the same page.
const resultLinks = (page: Page) => page.locator('#search .search-result-link');

describe('finding and using a workflow', () => {
	it('searches from the home page, filters, opens the result and copies a prompt', async () => {
		const page = await context.newPage();
		await page.goto(site);
		// "/" focuses the header search box from anywhere on the page.
		await page.keyboard.press('/');
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('site-search');
		await page.keyboard.type('policy');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/search\/\?q=policy/);
		await resultLinks(page).first().waitFor();
		const unfiltered = await resultLinks(page).allTextContents();
		expect(unfiltered).toContain('Draft a reply to an escalated ticket');

		// The team filter narrows the results to Legal's workflows.
		await page.locator('#search summary', { hasText: /^Team$/ }).click();
		await page.getByLabel(/^Legal \(\d+\)/).check();
		await expect.poll(() => resultLinks(page).allTextContents()).not.toContain('Draft a reply to an escalated ticket');
		const legal = await resultLinks(page).allTextContents();
		const legalWorkflows = [
			'First-pass review of an incoming NDA',
			"Check a vendor's data processing terms against our checklist",
			'Write a plain-language summary of a company policy',
			'First draft of a security questionnaire from approved answers',
		];
		expect(legal.length).toBeGreaterThan(0);
		expect(legal.length).toBeLessThan(unfiltered.length);
		for (const title of legal) expect(legalWorkflows).toContain(title);
		expect(page.url()).toContain('q=policy&team=Legal');
		// Matched words are highlighted in the excerpts.
		expect(await page.locator('.search-result-excerpt mark').count()).toBeGreaterThan(0);

		await resultLinks(page).filter({ hasText: 'plain-language summary' }).click();
		await page.waitForURL(/\/workflows\/policy-plain-language-summary\//);
		await page.getByRole('button', { name: /Copy prompt for step 1/ }).click();
		await expect.poll(() => page.getByText('Copied to clipboard').count()).toBe(1);
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied).toContain('From the policy below, list every obligation');
		// Arriving from search, the matched words are highlighted on the page.
		await expect.poll(() => page.locator('mark').count()).toBeGreaterThan(0);
		await page.close();
	});

	it('opens /search/?q=word with results already shown', async () => {
		const page = await context.newPage();
		await page.goto(`${site}search/?q=questionnaire`);
		await resultLinks(page).first().waitFor();
		expect(await resultLinks(page).allTextContents()).toContain(
			'First draft of a security questionnaire from approved answers',
		);
		await page.close();
	});

	it("finds a word in a workflow's own text, not in the labels every workflow page shares", async () => {
		const page = await context.newPage();
		// "Copy" is every prompt's button, "minutes" is in every page's facts ("Time saved: about 30 minutes").
		for (const word of ['copy', 'minutes']) {
			await page.goto(`${site}search/?q=${word}`);
			await expect.poll(() => page.getByRole('status').textContent()).toContain(`“${word}”`);
			const found = Number((await page.getByRole('status').textContent())?.match(/^(\d+) workflows?/)?.[1] ?? 0);
			expect(found, word).toBeLessThan(5);
			for (const excerpt of await page.locator('#search .search-result-excerpt').all())
				expect(await excerpt.locator('mark').count(), word).toBeGreaterThan(0);
		}
		// "Typical" is in every page's "Check the output" lead; "flooding" only in what the marketing
		// expert can be asked about, shown on every workflow of the team.
		for (const word of ['typical', 'flooding']) {
			await page.goto(`${site}search/?q=${word}`);
			await expect
				.poll(() => page.getByRole('status').textContent())
				.toMatch(new RegExp(`^No workflows for “${word}”`));
		}
		await page.close();
	});

	it('finds the workflows of a difficulty by its word, and no others', async () => {
		const page = await context.newPage();
		await page.goto(`${site}search/`);
		const levels = await page.locator('#search input[data-filter=difficulty]').evaluateAll((boxes) =>
			boxes.map((box) => ({
				name: (box as HTMLInputElement).value,
				count: Number(box.parentElement!.querySelector('.count')!.getAttribute('data-total')),
			})),
		);
		expect(levels.map((level) => level.name).sort()).toEqual(['advanced', 'beginner', 'intermediate']);
		for (const level of levels) {
			await page.goto(`${site}search/?q=${level.name}`);
			await expect.poll(() => page.getByRole('status').textContent()).toContain(`“${level.name}”`);
			expect(await page.getByRole('status').textContent(), level.name).toMatch(
				new RegExp(`^${level.count} workflows? for`),
			);
		}
		await page.close();
	});

	it('restores words and filters from a shared search address', async () => {
		const page = await context.newPage();
		await page.goto(`${site}search/?q=policy&team=Legal`);
		await resultLinks(page).first().waitFor();
		expect(await resultLinks(page).allTextContents()).toEqual(['Write a plain-language summary of a company policy']);
		expect(await page.locator('#search-input').inputValue()).toBe('policy');
		expect(await page.getByLabel(/^Legal \(\d+\)/).isChecked()).toBe(true);
		expect(await page.getByRole('status').textContent()).toBe('1 workflow for “policy” with the filters ticked.');

		// Unticking the filter widens the results again and drops it from the address.
		await page.getByLabel(/^Legal \(\d+\)/).uncheck();
		await expect.poll(() => resultLinks(page).count()).toBeGreaterThan(1);
		expect(new URL(page.url()).search).toBe('?q=policy');
		await page.close();
	});

	it('shows five results, then more on request with focus on the first new one', async () => {
		const page = await context.newPage();
		await page.goto(`${site}search/?q=prompt`);
		await resultLinks(page).first().waitFor();
		const total = Number((await page.getByRole('status').textContent())?.match(/^(\d+) workflows/)?.[1]);
		expect(total).toBeGreaterThan(5);
		expect(await resultLinks(page).count()).toBe(5);
		await page.getByRole('button', { name: 'Show more results' }).click();
		await expect.poll(() => resultLinks(page).count()).toBe(Math.min(10, total));
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
			await resultLinks(page).nth(5).textContent(),
		);
		const titles = await resultLinks(page).allTextContents();
		expect(new Set(titles).size).toBe(titles.length);
		await page.close();
	});

	it(
		'loads only Pagefind and the index chunks for a first search, and filter lists only when a filter is ' + 'opened',
		async () => {
			const page = await context.newPage();
			const fetched: string[] = [];
			page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
			await page.goto(`${site}search/`);
			await page.locator('#search-input').pressSequentially('incident');
			await resultLinks(page).first().waitFor();
			await page.waitForLoadState('networkidle');
			expect(fetched.some((path) => path.endsWith('.pf_index'))).toBe(true);
			expect(fetched.filter((path) => /\.pf_filter$|pagefind-ui|pagefind-worker/.test(path))).toEqual([]);

			await page.locator('#search summary', { hasText: /^Difficulty$/ }).click();
			await expect.poll(() => fetched.filter((path) => path.endsWith('.pf_filter')).length).toBeGreaterThan(0);
			// Opened, the counts follow the words typed: together they add up to the results shown.
			const counts = page.locator('#search details[open] .count');
			await expect
				.poll(async () => (await counts.allTextContents()).reduce((sum, text) => sum + Number(text.slice(1, -1)), 0))
				.toBe(Number((await page.getByRole('status').textContent())?.match(/^(\d+) workflows?/)?.[1]));
			await page.close();
		},
	);

	it('says so when search cannot load, and works once the connection is back', async () => {
		const offline = await browser.newContext();
		const page = await offline.newPage();
		const library = /\/pagefind\/pagefind\.js/;
		await page.route(library, (route) => route.abort('internetdisconnected'));
		await page.goto(`${site}search/`);
		await page.locator('#search-input').pressSequentially('policy');
		await expect
			.poll(() => page.getByRole('status').textContent())
			.toMatch(/^Search could not load .*Check the connection, then type again\.$/);
		expect(await resultLinks(page).count()).toBe(0);

		await page.unroute(library);
		await page.locator('#search-input').press('End');
		await page.locator('#search-input').pressSequentially(' summary');
		await expect.poll(() => page.getByRole('status').textContent()).toMatch(/workflows? for “policy summary”\.$/);
		expect(await resultLinks(page).count()).toBeGreaterThan(0);
		await offline.close();
	});

	it('searches when the site is served under a sub-path', async () => {
		const page = await context.newPage();
		await page.goto(`${subpathSite}search/?q=sub-processor`);
		await resultLinks(page).first().waitFor();
		const href = await resultLinks(page).first().getAttribute('href');
		expect(href).toMatch(new RegExp(`^${SUBPATH}workflows/dpa-clause-comparison/`));
		await resultLinks(page).first().click();
		await page.waitForURL(/dpa-clause-comparison/);
		expect(await page.title()).toContain('data processing terms');
		await page.close();
	});

	it('reaches search and a result with the keyboard only', async () => {
		const page = await context.newPage();
		await page.goto(`${site}tasks/`);
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
		let reached = false;
		for (let i = 0; i < 12 && !reached; i++) {
			await page.keyboard.press('Tab');
			reached = await page.evaluate(() => document.activeElement?.id === 'site-search');
		}
		expect(reached).toBe(true);
		await page.keyboard.type('timeline');
		await page.keyboard.press('Enter');
		await resultLinks(page).first().waitFor();
		// Tab from the search field until a result link has focus, then follow it with Enter.
		let onResult = false;
		await page.locator('#search-input').focus();
		for (let i = 0; i < 40 && !onResult; i++) {
			await page.keyboard.press('Tab');
			onResult = await page.evaluate(() => document.activeElement?.classList.contains('search-result-link') ?? false);
		}
		expect(onResult).toBe(true);
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/workflows\//);
		await page.close();
	});

	it('works without JavaScript except search', async () => {
		const noJs = await browser.newContext({ javaScriptEnabled: false });
		const page = await noJs.newPage();
		await page.goto(`${site}workflows/nda-first-pass-review/`);
		expect(await page.locator('pre code').first().textContent()).toContain('NDA playbook');
		await page.goto(`${site}search/`);
		expect(await page.content()).toContain('Search needs JavaScript');
		await noJs.close();
	});

	it('answers unknown paths with a useful 404 page', async () => {
		const page = await context.newPage();
		const response = await page.goto(`${site}workflows/no-such-thing/`);
		expect(response?.status()).toBe(404);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('not in the playbook');
		expect(await page.getByRole('link', { name: 'Replying to customers' }).count()).toBe(1);
		await page.close();
	});
});

describe('accessibility', () => {
	const pages = [
		'',
		'workflows/escalated-ticket-reply/',
		'workflows/competitor-page-summary/',
		'workflows/call-recording-summary-public-tool/',
		'tasks/',
		'tasks/contract-review/',
		'tasks/forecasting/',
		'teams/',
		'teams/legal/',
		'tracks/',
		'tracks/support-foundations/',
		'experts/',
		'join/',
		'me/',
		'maintenance/',
		'search/?q=prompt',
		'search/?q=policy&team=Legal',
		'no-such-page/',
	];
	for (const scheme of ['light', 'dark'] as const) {
		it.each(pages)(`axe finds no violations on /%s (${scheme})`, async (path) => {
			const themed = await browser.newContext({ colorScheme: scheme });
			const page = await themed.newPage();
			await page.goto(site + path);
			if (path.startsWith('search/')) await resultLinks(page).first().waitFor();
			const violations = await axeViolations(page);
			expect(violations, describeViolations(violations)).toEqual([]);
			await themed.close();
		});
	}
});
