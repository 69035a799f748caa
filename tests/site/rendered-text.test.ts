/** Words as a reader sees them (innerText): no two words glued together where the markup broke a line. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../harness/browser.ts';
import { builtSite } from '../../harness/paths.ts';
import { serveStaticSite } from '../../scripts/static-site.ts';

let browser: Browser;
let site: Awaited<ReturnType<typeof serveStaticSite>>;
beforeAll(async () => {
	site = await serveStaticSite({ root: builtSite, port: 0 });
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
	site?.server.close();
});

describe('rendered text', () => {
	it.each([
		['', ['use them. Search', 'Ask an expert · Contribute a workflow', 'Team indicators · Needs review']],
		['workflows/escalated-ticket-reply/', ['#support-ai. Ask about:', 'Leo Marchetti. Edit this page']],
		['contribute/', ['the button opens GitHub']],
	] as const)('/%s reads with spaces between words', async (path, expected) => {
		const page = await browser.newPage();
		await page.goto(site.url + path);
		// biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for a reader is what is checked
		const text = (await page.evaluate(() => document.body.innerText)).replace(/\s+/g, ' ');
		for (const words of expected) expect(text).toContain(words);
		await page.close();
	});

	it('keeps [hidden] elements hidden, buttons included', async () => {
		const page = await browser.newPage();
		await page.goto(site.url);
		const shown = await page.evaluate(() => {
			const button = document.createElement('button');
			button.hidden = true;
			document.body.append(button);
			return getComputedStyle(button).display;
		});
		expect(shown).toBe('none');
		await page.close();
	});
});
