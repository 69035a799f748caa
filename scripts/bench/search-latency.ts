/**
 * Search as a reader meets it, in real Chromium against a built site: the time from the last
 * keystroke to the first result on screen, on a fresh browser (cold: Pagefind's script, WebAssembly
 * and index still to load) and on a page that has searched before (warm), and the bytes the first
 * search costs.
 */
import type { Browser, Page } from 'playwright-core';
import { gzipSync } from 'node:zlib';

// Words a reader of this playbook would type; each warm query asks for index chunks not yet loaded.
export const QUERIES = ['escalated ticket', 'incident timeline', 'contract clause', 'sql query', 'customer language', 'pull request review', 'meeting actions', 'security questionnaire', 'monthly export', 'policy summary', 'competitor', 'account brief'];

/**
 * Types the query into the search box and resolves with the milliseconds from its last keystroke to
 * the results for the whole query on screen (the status line names the query once they are).
 */
async function typeAndTime(page: Page, query: string): Promise<number> {
	const input = page.locator('#search-input');
	await page.evaluate((query) => {
		const root = document.getElementById('search')!;
		const box = root.querySelector<HTMLInputElement>('#search-input')!;
		const status = root.querySelector('[role=status]')!;
		const w = window as unknown as { lastKey: number; shown: Promise<number> };
		box.addEventListener('input', () => (w.lastKey = performance.now()));
		w.shown = new Promise((resolve) => {
			const observer = new MutationObserver(() => {
				if (status.textContent?.includes(`“${query}”`) && root.querySelector('.search-result-link')) {
					observer.disconnect();
					resolve(performance.now());
				}
			});
			observer.observe(root, { childList: true, subtree: true, characterData: true });
		});
	}, query);
	await input.pressSequentially(query);
	return page.evaluate(async () => {
		const w = window as unknown as { lastKey: number; shown: Promise<number> };
		return (await w.shown) - w.lastKey;
	});
}

async function clear(page: Page) {
	await page.locator('#search-input').fill('');
	await page.waitForFunction(() => !document.querySelector('#search .search-result'));
}

export interface SearchFigures {
	coldMs: number[];
	warmMs: number[];
	/**
	 * Bytes of a first visit to the search page and its first search on a fresh browser: the page, its
	 * scripts and styles, Pagefind's WebAssembly, index chunks and result fragments. Counted as a static
	 * host serves them, gzip (Pagefind's index files and WebAssembly are compressed already).
	 */
	firstSearchBytes: number[];
	/** Of those, what typing the first query fetched. */
	typingBytes: number[];
	firstSearchFiles: Map<string, number>;
}

export async function measureSearch(browser: Browser, siteUrl: string, runs: number): Promise<SearchFigures> {
	const figures: SearchFigures = { coldMs: [], warmMs: [], firstSearchBytes: [], typingBytes: [], firstSearchFiles: new Map() };
	const total = (sizes: Iterable<number>) => [...sizes].reduce((a, b) => a + b, 0);
	for (let run = 0; run < runs; run++) {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		const bytes = new Map<string, number>();
		let counting = true;
		page.on('response', async (response) => {
			if (!counting) return;
			const body = await response.body().catch(() => Buffer.alloc(0));
			const path = new URL(response.url()).pathname;
			bytes.set(path, /\.(pf_\w+|pagefind)$/.test(path) ? body.length : gzipSync(body, { level: 9 }).length);
		});
		await page.goto(`${siteUrl}search/`, { waitUntil: 'networkidle' });
		await page.locator('#search-input').waitFor();
		const beforeTyping = total(bytes.values());
		figures.coldMs.push(await typeAndTime(page, QUERIES[run % QUERIES.length]!));
		await page.waitForLoadState('networkidle');
		counting = false;
		figures.firstSearchBytes.push(total(bytes.values()));
		figures.typingBytes.push(total(bytes.values()) - beforeTyping);
		if (run === 0) figures.firstSearchFiles = bytes;
		for (const query of QUERIES.slice(1)) {
			await clear(page);
			figures.warmMs.push(await typeAndTime(page, query));
		}
		await context.close();
	}
	return figures;
}
