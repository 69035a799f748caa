/**
 * Defence in depth around contributed content: every page carries a Content-Security-Policy that
 * allows only the site's own scripts and the feedback API, and the pages still work under it (search,
 * islands, charts) with no violation; the static server sends the headers a meta tag cannot, writes
 * them for static hosts, and never redirects off the site.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInReady } from '../../harness/check-in-ui.ts';
import { builtSite } from '../../harness/paths.ts';
import { headersFile, SECURITY_HEADERS } from '../../src/lib/site/security-headers.ts';
import { type FeedbackStack, startFeedbackStack } from '../helpers/feedback-stack.ts';
import { checkIn, storeRows } from '../helpers/rows.ts';
import { inWeek } from '../helpers/weeks.ts';

let stack: FeedbackStack;

beforeAll(async () => {
	stack = await startFeedbackStack();
	await storeRows(
		stack.db,
		'check_ins',
		[2, 3, 4, 5].map((confidence) =>
			checkIn({
				workflow: 'escalated-ticket-reply',
				task: 'customer-replies',
				team: 'support',
				confidence,
				created_at: inWeek(1),
			}),
		),
	);
});
afterAll(async () => stack?.stop());

describe('the Content-Security-Policy', () => {
	it('is on every page, names the feedback API, and the pages work under it without a violation', async () => {
		const context = await stack.browser.newContext();
		const page = await context.newPage();
		const violations: string[] = [];
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
		});
		await page.goto(await stack.joinLink('support'));
		await page.getByTestId('joined').waitFor();

		await page.goto(stack.siteUrl);
		const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
		expect(policy).toContain("default-src 'self'");
		expect(policy).toContain(`connect-src 'self' ${new URL(stack.endpointUrl).origin}`);
		expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
		expect(policy).not.toContain('unsafe-inline');

		// Search (WebAssembly), the feedback islands, the indicators' charts, My practice.
		await page.goto(`${stack.siteUrl}search/?q=review`);
		await page.locator('#search .search-result-link').first().waitFor();
		// Arriving from a result, the matched words are highlighted (the highlighter is imported by a hashed script).
		await page.goto(`${stack.siteUrl}workflows/policy-plain-language-summary/?highlight=policy`);
		await expect.poll(() => page.locator('mark').count()).toBeGreaterThan(0);
		await page.goto(`${stack.siteUrl}workflows/escalated-ticket-reply/`);
		await page.locator('#feedback').scrollIntoViewIfNeeded();
		await checkInReady(page);
		await page.getByTestId('summary-numbers').waitFor();
		await page.goto(`${stack.siteUrl}teams/support/indicators/`);
		await page.locator('.chart canvas').first().waitFor();
		await page.locator('.bar-list .bar').first().waitFor();
		await page.goto(`${stack.siteUrl}me/`);
		await page.getByTestId('me-none').waitFor();
		expect(violations).toEqual([]);
		await context.close();
	});
});

describe('the inline scripts', () => {
	it('are each allowed by the policy of every built page that has them, and none is left out', async () => {
		const pages = (await readdir(builtSite, { recursive: true })).filter((file) => file.endsWith('.html'));
		expect(pages.length).toBeGreaterThan(40);
		const refused: string[] = [];
		let scripts = 0;
		for (const file of pages) {
			const html = await readFile(join(builtSite, file), 'utf8');
			const policy = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
			const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1]?.split(' ') ?? [];
			for (const [, attributes = '', code = ''] of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
				if (/\bsrc=|type="application\/(ld\+)?json"/.test(attributes)) continue;
				scripts++;
				const hash = `'sha256-${createHash('sha256').update(code).digest('base64')}'`;
				if (!scriptSrc.includes(hash)) refused.push(`${file}: <script${attributes}>${code.slice(0, 60)}…`);
			}
		}
		expect(scripts).toBeGreaterThan(pages.length);
		expect(refused).toEqual([]);
	});
});

describe('the headers', () => {
	it('come with every answer of the static server, and are written for static hosts', async () => {
		for (const path of ['', 'workflows/escalated-ticket-reply/', 'no-such-page/', 'pagefind/pagefind.js']) {
			const response = await fetch(stack.siteUrl + path);
			for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
		}
		expect(await readFile(join(builtSite, '_headers'), 'utf8')).toBe(headersFile());
	});

	it('never redirect to another site', async () => {
		const origin = new URL(stack.siteUrl).origin;
		for (const path of ['/%2Fevil.example%2F..', '/%2F%2Fevil.example', '/%5Cevil.example%2F..', '/workflows']) {
			const response = await fetch(origin + path, { redirect: 'manual' });
			const location = response.headers.get('location');
			if (location === null) continue;
			expect(new URL(location, origin).origin, `${path} → ${location}`).toBe(origin);
			expect(location).not.toMatch(/^[/\\]{2}/);
		}
	});
});
