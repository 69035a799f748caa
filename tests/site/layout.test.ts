/**
 * Every page type as a reader sees it, at 320, 390 and 1280 px, with the islands showing real data:
 * no sideways scroll, no two labels of a chart over each other, no word glued to the next where the
 * markup changes element; without JavaScript each island page says plainly what needs it and shows
 * nothing that would never finish; axe finds nothing on the team pages in either theme.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../../harness/browser.ts';
import { type FeedbackStack, startFeedbackStack } from '../helpers/feedback-stack.ts';
import { checkIn, reflection, storeRows } from '../helpers/rows.ts';
import { inWeek } from '../helpers/weeks.ts';

let stack: FeedbackStack;
let browser: Browser;

const SUPPORT_WORK = [
	{ workflow: 'escalated-ticket-reply', task: 'customer-replies' },
	{ workflow: 'help-article-from-tickets', task: 'summarising' },
	{ workflow: 'reply-in-customers-language', task: 'customer-replies' },
];

beforeAll(async () => {
	stack = await startFeedbackStack();
	({ browser } = stack);
	// Four closed weeks of five Support people on three workflows, and their shared reflections.
	const people = Array.from({ length: 5 }, () => crypto.randomUUID());
	const rows = [];
	const notes = [];
	for (let weeksAgo = 1; weeksAgo <= 4; weeksAgo++) {
		for (const [i, participant] of people.entries()) {
			for (const work of SUPPORT_WORK) {
				rows.push(
					checkIn({
						...work,
						team: 'support',
						participant,
						confidence: 1 + ((i + weeksAgo) % 5),
						error_caught: i % 3 === 0 ? 'before' : 'none',
						created_at: inWeek(weeksAgo),
					}),
				);
			}
			notes.push(
				reflection({
					...SUPPORT_WORK[0]!,
					team: 'support',
					participant,
					worked: `Listing the customer's questions first, week ${weeksAgo}.`,
					created_at: inWeek(weeksAgo),
				}),
			);
		}
	}
	await storeRows(stack.db, 'check_ins', rows);
	await storeRows(stack.db, 'reflections', notes);
});
afterAll(async () => stack?.stop());

/** Page types, and what shows that the page (and its island) has settled. */
const PAGES: [path: string, ready: string][] = [
	['', 'h1'],
	['workflows/escalated-ticket-reply/', '#feedback [data-testid="summary-numbers"]'],
	['search/?q=review', '.search-result-link'],
	['tasks/', 'h1'],
	['tasks/customer-replies/', 'h1'],
	['teams/', 'h1'],
	['teams/support/', 'h1'],
	['teams/support/indicators/', '.bar-list .bar'],
	['teams/support/digest/', '[data-testid="digest-reflection"]'],
	['tracks/', 'h1'],
	['tracks/support-foundations/', '.track-progress'],
	['experts/', 'h1'],
	['contribute/', '.contribute'],
	['join/', 'h1'],
	['me/', '[data-testid="me-none"], .my-practice'],
	['maintenance/', '.workflow-health'],
	['no-such-page/', 'h1'],
];

/** A browser of a Support member at this width. */
async function memberAt(width: number): Promise<Page> {
	const context = await browser.newContext({ viewport: { width, height: 800 } });
	const page = await context.newPage();
	await page.goto(await stack.joinLink('support'));
	await page.getByTestId('joined').waitFor();
	return page;
}

/** The elements reaching furthest past the right edge, innermost first: what causes sideways scroll. */
const widest = (page: Page) =>
	page.evaluate(() =>
		[...document.querySelectorAll('body *')]
			.filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
			.filter(
				(element) =>
					![...element.children].some((child) => child.getBoundingClientRect().right > window.innerWidth + 0.5),
			)
			.slice(0, 3)
			.map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`)
			.join(', '),
	);

/** Pairs of chart labels (bar labels and values, legend entries) whose boxes overlap. */
const overlappingChartLabels = (page: Page) =>
	page.evaluate(() => {
		const boxes = [...document.querySelectorAll('.chart .bar-label, .chart .bar-value, .chart-legend > span')]
			.map((element) => ({ text: element.textContent ?? '', box: element.getBoundingClientRect() }))
			.filter(({ box }) => box.width > 0 && box.height > 0);
		const overlaps: string[] = [];
		for (const [i, a] of boxes.entries()) {
			for (const b of boxes.slice(i + 1)) {
				const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
				const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
				if (x > 1 && y > 1) overlaps.push(`${a.text} / ${b.text}`);
			}
		}
		return overlaps;
	});

/**
 * Places where one visible text node ends in a word and the next begins one, inside the same line of
 * inline elements, with no space between: the reader sees the two words glued ("them.Search").
 */
const gluedWords = (page: Page) =>
	page.evaluate(() => {
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const nodes: Text[] = [];
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			// Spaces-only nodes stay in the sequence: between inline elements they are the space a reader sees.
			if (!parent || !node.textContent) continue;
			if (parent.closest('script, style, noscript, template, [aria-hidden="true"] svg')) continue;
			if (!parent.checkVisibility()) continue;
			nodes.push(node as Text);
		}
		const inlineUpTo = (from: Element | null, stop: Element) => {
			for (let element = from; element && element !== stop; element = element.parentElement) {
				if (!['inline', 'contents'].includes(getComputedStyle(element).display)) return false;
			}
			return true;
		};
		const glued: string[] = [];
		for (const [i, a] of nodes.entries()) {
			const b = nodes[i + 1];
			if (!b) break;
			const left = a.textContent ?? '';
			const right = b.textContent ?? '';
			if (/\s$/.test(left) || /^\s/.test(right)) continue;
			if (!/[\p{L}\p{N}.,:;!?·)]$/u.test(left) || !/^[\p{L}\p{N}(]/u.test(right)) continue;
			const range = document.createRange();
			range.setStartBefore(a);
			range.setEndAfter(b);
			// A line break between them is a break a reader sees.
			if (range.cloneContents().querySelector('br')) continue;
			const common = range.commonAncestorContainer as Element;
			const display = getComputedStyle(common).display;
			if (/flex|grid|table/.test(display)) continue;
			if (!inlineUpTo(a.parentElement, common) || !inlineUpTo(b.parentElement, common)) continue;
			glued.push(`${left.slice(-20)}|${right.slice(0, 20)}`);
		}
		return glued;
	});

describe('every page type at 320, 390 and 1280 px', () => {
	for (const width of [320, 390, 1280]) {
		it(`has no sideways scroll, no overlapping chart labels and no glued words at ${width} px`, async () => {
			const page = await memberAt(width);
			const problems: string[] = [];
			for (const [path, ready] of PAGES) {
				await page.goto(stack.siteUrl + path);
				// Islands that load when seen (the workflow's feedback, the maintenance list) come into view.
				for (const island of await page.locator('astro-island').all()) await island.scrollIntoViewIfNeeded();
				await page.locator(ready).first().waitFor({ timeout: 15_000 });
				await page.waitForTimeout(200);
				const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
				if (sideways > 0) problems.push(`/${path}: ${sideways} px of sideways scroll (${await widest(page)})`);
				for (const pair of await overlappingChartLabels(page)) problems.push(`/${path}: overlapping ${pair}`);
				for (const join of await gluedWords(page)) problems.push(`/${path}: glued "${join}"`);
			}
			expect(problems).toEqual([]);
			await page.context().close();
		});
	}

	it('finds the glued words it looks for (the check itself works)', async () => {
		const page = await browser.newPage();
		await page.setContent(
			'<p>Read them.<a href="#">Search</a> · <a href="#">Ask</a></p><ul><li>One</li><li>Two</li></ul>',
		);
		expect(await gluedWords(page)).toEqual(['Read them.|Search']);
		await page.close();
	});
});

describe('without JavaScript', () => {
	const ISLAND_PAGES: [path: string, note: RegExp][] = [
		['workflows/escalated-ticket-reply/', /Checking in needs JavaScript/],
		['teams/support/indicators/', /indicators need JavaScript/],
		['teams/support/digest/', /it needs JavaScript/],
		['me/', /it needs JavaScript/],
		['tracks/support-foundations/', /progress need JavaScript/],
		['maintenance/', /need JavaScript/],
		['join/', /Joining a team needs JavaScript/],
		['contribute/', /The form needs JavaScript/],
		['search/', /Search needs JavaScript/],
	];
	it.each(ISLAND_PAGES)('/%s says what needs JavaScript, and nothing waits forever', async (path, note) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(stack.siteUrl + path);
		await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
		// biome-ignore lint/performance/useDomNodeTextContent: what a reader sees is what is checked
		const text = await page.evaluate(() => document.body.innerText);
		expect(text).toMatch(note);
		expect(text).not.toMatch(/Loading/);
		// No control that would need a script shows (the copy buttons, the feedback form).
		expect(await page.locator('main button:visible, main select:visible, main textarea:visible').count()).toBe(0);
		await context.close();
	});
});

describe('accessibility of the team pages with data', () => {
	for (const scheme of ['light', 'dark'] as const) {
		it(`axe finds nothing on the indicators and the digest (${scheme})`, async () => {
			const page = await memberAt(1280);
			await page.emulateMedia({ colorScheme: scheme });
			for (const [path, ready] of PAGES.filter(([p]) => p.startsWith('teams/support/'))) {
				await page.goto(stack.siteUrl + path);
				await page.locator(ready).first().waitFor();
				const violations = await axeViolations(page);
				expect(violations, `/${path}: ${describeViolations(violations)}`).toEqual([]);
			}
			await page.context().close();
		});
	}
});
