/**
 * Search as a reader meets it, in real Chromium against a built site: the time from the last
 * keystroke to the first result on screen, on a fresh browser (cold: Pagefind's script, WebAssembly
 * and index still to load) and on a page that has searched before (warm), and the bytes the first
 * search costs.
 */

import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

// Words a reader of this playbook would type; each warm query asks for index chunks not yet loaded.
export const QUERIES = [
	'escalated ticket',
	'incident timeline',
	'contract clause',
	'sql query',
	'customer language',
	'pull request review',
	'meeting actions',
	'security questionnaire',
	'monthly export',
	'policy summary',
	'competitor',
	'account brief',
];

/**
 * Types the query into the search box and resolves with the milliseconds from its last keystroke to
 * the results for the whole query on screen (the status line names the query once they are).
 */
async function typeAndTime(page: Page, query: string, keyDelayMs = 0): Promise<number> {
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
	await input.pressSequentially(query, { delay: keyDelayMs });
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
	/** Of those, what typing the query fetched. Both in the order of QUERIES. */
	typingBytes: number[];
	firstSearchFiles: Map<string, number>;
	/**
	 * The same first visit with the query typed at a person's pace: every pause is a search, and each
	 * search shows results whose fragments are fetched.
	 */
	typedByHandBytes: number[];
}

/** A person typing steadily: about 60 words a minute. */
export const HAND_TYPING_KEY_MS = 200;

export async function measureSearch(browser: Browser, siteUrl: string, runs: number): Promise<SearchFigures> {
	const figures: SearchFigures = {
		coldMs: [],
		warmMs: [],
		firstSearchBytes: [],
		typingBytes: [],
		firstSearchFiles: new Map(),
		typedByHandBytes: [],
	};
	for (let run = 0; run < runs; run++) {
		const query = QUERIES[run % QUERIES.length]!;
		const visit = await firstVisit(browser, siteUrl);
		figures.coldMs.push(await typeAndTime(visit.page, query));
		for (const next of QUERIES.filter((q) => q !== query)) {
			await clear(visit.page);
			figures.warmMs.push(await typeAndTime(visit.page, next));
		}
		await visit.page.context().close();
	}
	// Every query as the first search of a fresh browser: one, two and three words need different
	// index chunks, and a word whose letters straddle two chunks needs both.
	for (const query of QUERIES) {
		const quick = await firstVisit(browser, siteUrl);
		await typeAndTime(quick.page, query);
		const bytes = await quick.stopCounting();
		figures.firstSearchBytes.push(bytes.total);
		figures.typingBytes.push(bytes.typing);
		if (query === QUERIES[0]) figures.firstSearchFiles = bytes.files;
		await quick.page.context().close();

		const byHand = await firstVisit(browser, siteUrl);
		await typeAndTime(byHand.page, query, HAND_TYPING_KEY_MS);
		figures.typedByHandBytes.push((await byHand.stopCounting()).total);
		await byHand.page.context().close();
	}
	return figures;
}

/** Opens the search page on a fresh phone-sized browser and counts every byte it fetches until told to stop. */
async function firstVisit(browser: Browser, siteUrl: string) {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	const files = new Map<string, number>();
	const total = () => [...files.values()].reduce((a, b) => a + b, 0);
	let counting = true;
	let inFlight = 0;
	// A body is read after its response arrives: the count waits for every read, or a fragment that
	// arrived just before the results showed would be missed.
	const reads = new Set<Promise<void>>();
	const unread: string[] = [];
	const settled = async () => {
		for (let quietSince = Date.now(); Date.now() - quietSince < 500; await new Promise((r) => setTimeout(r, 50))) {
			if (inFlight > 0) quietSince = Date.now();
		}
		await Promise.all(reads);
	};
	page.on('request', () => void inFlight++);
	page.on('requestfinished', () => void inFlight--);
	page.on('requestfailed', () => void inFlight--);
	page.on('response', (response) => {
		if (!counting || (response.status() >= 300 && response.status() < 400)) return; // a redirect has no body
		const path = new URL(response.url()).pathname;
		const read = response.body().then(
			(body) =>
				void files.set(path, /\.(pf_\w+|pagefind)$/.test(path) ? body.length : gzipSync(body, { level: 9 }).length),
			(error: unknown) => void unread.push(`${path}: ${String(error)}`),
		);
		reads.add(read);
	});
	await page.goto(`${siteUrl}search/`);
	await page.locator('#search-input').waitFor();
	await settled();
	const beforeTyping = total();
	return {
		page,
		async stopCounting() {
			await settled();
			counting = false;
			if (unread.length) throw new Error(`Could not count the bytes of ${unread.join('; ')}`);
			return { total: total(), typing: total() - beforeTyping, files };
		},
	};
}
