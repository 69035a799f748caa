import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../../harness/browser.ts';
import { checkInWith } from '../../harness/check-in-ui.ts';
import { type FeedbackStack, startFeedbackStack } from '../helpers/feedback-stack.ts';
import { checkIn, reflection, storeRows } from '../helpers/rows.ts';
import { inWeek } from '../helpers/weeks.ts';

let stack: FeedbackStack;
let browser: Browser;
let siteUrl = '';

const support = { workflow: 'escalated-ticket-reply', task: 'customer-replies', team: 'support' };
const poor = { workflow: 'help-article-from-tickets', task: 'summarising', team: 'support' };

beforeAll(async () => {
	stack = await startFeedbackStack();
	({ browser, siteUrl } = stack);
	// Last week, before anything publishes it: four teammates on the first step (mean 3.5), and a
	// workflow that went badly for four people, who said why.
	await storeRows(stack.db, 'check_ins', [
		...[2, 3, 4, 5].map((confidence) => checkIn({ ...support, confidence, created_at: inWeek(1) })),
		...[1, 1, 2, 1].map((confidence) =>
			checkIn({ ...poor, confidence, outcome: 'got_in_the_way', error_caught: 'after', created_at: inWeek(1) }),
		),
	]);
	await storeRows(
		stack.db,
		'reflections',
		[1, 2, 3, 4].map((n) =>
			reflection({ ...poor, worked: null, did_not_work: `It invented a menu, case ${n}.`, created_at: inWeek(1) }),
		),
	);
});
afterAll(async () => stack?.stop());

/** A person: a browser that joined Support with a join link. */
const person = async (options: BrowserContextOptions = {}) => {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await page.goto(await stack.joinLink('support'));
	await page.getByTestId('joined').waitFor();
	const id = await page.evaluate(() => JSON.parse(localStorage.getItem('praxis.auth') ?? '{}').user?.id as string);
	return { page, id };
};
const checkInOn = async (page: Page, workflow: string, level: number) => {
	await page.goto(`${siteUrl}workflows/${workflow}/`);
	await page.locator('#feedback').scrollIntoViewIfNeeded();
	await checkInWith(page, level);
	await page.getByText(/Checked in at/).waitFor();
	await expect.poll(() => page.getByTestId('pending').textContent()).toBe('');
};
const reflect = async (page: Page, text: string, onlyMe: boolean) => {
	await page.getByText('Write a reflection (2 minutes)').click();
	await page.getByLabel('What worked this time?').fill(text);
	if (onlyMe) await page.getByLabel(/only me/i).check();
	await page.getByRole('button', { name: 'Save reflection' }).click();
	await expect.poll(() => page.getByText(/Reflection saved/).count()).toBe(1);
	await expect.poll(() => page.getByTestId('pending').textContent()).toBe('');
};
const rowsOf = async (id: string) => {
	const { rows } = await stack.db.admin.query<{ n: number }>(
		`select (select count(*) from public.check_ins where participant = $1)
		      + (select count(*) from public.reflections where participant = $1) as n`,
		[id],
	);
	return Number(rows[0]!.n);
};
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('my practice', () => {
	it('shows each person only their own rows, beside the team figure, and deletes all of them', async () => {
		const ana = await person();
		const ben = await person({ colorScheme: 'dark', viewport: { width: 390, height: 844 } });
		await checkInOn(ana.page, support.workflow, 2);
		await reflect(ana.page, 'Ana private: the refund date was wrong.', true);
		await checkInOn(ben.page, support.workflow, 5);
		await checkInOn(ben.page, poor.workflow, 4);

		await ana.page.goto(`${siteUrl}me/`);
		await expect.poll(() => ana.page.getByTestId('me-check-ins').textContent()).toBe('1');
		const row = ana.page.getByTestId('me-tasks').getByRole('row', { name: /Replying to customers/ });
		// My 2.0 beside the team's published 3.5 (last week's four teammates; this week is not published).
		await expect.poll(() => row.textContent()).toMatch(/Replying to customers\s*1\s*2\.0\s*3\.5/);
		expect(await ana.page.getByTestId('me-reflections').textContent()).toContain('Ana private');
		// Ben's /me/: his two check-ins, none of Ana's, and her private reflection nowhere.
		await ben.page.goto(`${siteUrl}me/`);
		await expect.poll(() => ben.page.getByTestId('me-check-ins').textContent()).toBe('2');
		expect(await ben.page.content()).not.toContain('Ana private');
		expect(await noSidewaysScroll(ben.page)).toBe(true);
		for (const path of ['teams/support/digest/', `workflows/${support.workflow}/`, 'teams/support/indicators/']) {
			await ben.page.goto(`${siteUrl}${path}`);
			await ben.page.waitForLoadState('networkidle');
			expect(await ben.page.content()).not.toContain('Ana private');
		}
		// "Next for you": Ben has not tried every task type Support uses.
		await ben.page.goto(`${siteUrl}me/`);
		await expect.poll(() => ben.page.getByTestId('me-next-list').textContent()).toContain('Try a workflow for');

		// The export is exactly Ana's rows.
		await ana.page.goto(`${siteUrl}me/`);
		await ana.page.getByTestId('me-check-ins').waitFor();
		const download = ana.page.waitForEvent('download');
		await ana.page.getByRole('link', { name: 'Download all of it (JSON)' }).click();
		const file = await download;
		const exported = JSON.parse(
			await new Response((await file.createReadStream()) as unknown as ReadableStream).text(),
		) as { checkIns: { id: string }[]; reflections: { id: string }[] };
		const { rows: stored } = await stack.db.admin.query<{ id: string }>(
			'select id from public.check_ins where participant = $1 union all ' +
				'select id from public.reflections where participant = $1',
			[ana.id],
		);
		expect([...exported.checkIns, ...exported.reflections].map((r) => r.id).sort()).toEqual(
			stored.map((r) => r.id).sort(),
		);
		const violations = await axeViolations(ana.page);
		expect(violations, describeViolations(violations)).toEqual([]);

		// Deleting everything: Ana's rows are gone, Ben's stay, published figures do not move.
		await ben.page.goto(`${siteUrl}teams/support/indicators/`);
		const published = ben.page.getByTestId('total-confidence');
		await expect.poll(() => published.textContent()).toMatch(/of 5$/);
		const before = await published.textContent();
		expect(await rowsOf(ana.id)).toBe(2);
		await ana.page.getByRole('button', { name: 'Delete all my data' }).click();
		await ana.page.getByRole('button', { name: 'Yes, delete everything' }).click();
		await expect
			.poll(() => ana.page.getByTestId('me-deleted').textContent())
			.toBe('Deleted 1 check-ins, 1 reflections and 0 followed tracks.');
		expect(await rowsOf(ana.id)).toBe(0);
		expect(await rowsOf(ben.id)).toBe(2);
		await ben.page.reload();
		await expect.poll(() => published.textContent()).toMatch(/of 5$/);
		expect(await published.textContent()).toBe(before);
		await ana.page.context().close();
		await ben.page.context().close();
	});
});

describe('a track', () => {
	it('follows, marks a step done after a check-in, and shows the next step on the home page', async () => {
		const { page } = await person();
		await page.goto(`${siteUrl}tracks/support-foundations/`);
		await page.getByRole('button', { name: 'Follow this track' }).click();
		await expect.poll(() => page.getByTestId('track-following').textContent()).toContain('You follow this track');
		const first = page.getByTestId('track-steps').getByRole('row').nth(1);
		await expect.poll(() => first.textContent()).toMatch(/next/);
		// The team's published figure for the first step: last week's four teammates.
		expect(await first.textContent()).toContain('4 check-ins, 4 person-weeks, confidence 3.5');

		await checkInOn(page, support.workflow, 3);
		await page.goto(`${siteUrl}tracks/support-foundations/`);
		await expect.poll(() => first.textContent()).toMatch(/done/);
		expect(await page.getByTestId('track-steps').getByRole('row').nth(2).textContent()).toMatch(/next/);
		const violations = await axeViolations(page);
		expect(violations, describeViolations(violations)).toEqual([]);

		await page.goto(siteUrl);
		const next = page.locator('#next-step');
		await expect.poll(() => next.isVisible()).toBe(true);
		expect(await next.textContent()).toContain('Reply to a customer in their own language');

		await page.goto(`${siteUrl}tracks/support-foundations/`);
		await page.getByRole('button', { name: 'Leave this track' }).click();
		await expect.poll(() => page.getByRole('button', { name: 'Follow this track' }).count()).toBe(1);
		await page.goto(siteUrl);
		expect(await page.locator('#next-step').isVisible()).toBe(false);
		await page.context().close();
	});
});

describe('maintenance', () => {
	it('flags a workflow that went badly for four people, with its expert and what did not work', async () => {
		for (const colorScheme of ['light', 'dark'] as const) {
			// Dark on a phone: 390 px, no sideways scroll.
			const phone = colorScheme === 'dark' ? { viewport: { width: 390, height: 844 } } : {};
			const { page } = await person({ colorScheme, ...phone });
			await page.goto(`${siteUrl}maintenance/`);
			const list = page.getByTestId('revise-list');
			await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain('Amira Haddad');
			// The shared lines come from the reader's team's digest, a second call.
			await expect.poll(() => list.textContent()).toContain('It invented a menu, case');
			const text = await list.textContent();
			expect(text).toMatch(/low confidence \(1\.3 of 5\)/);
			expect(text).toContain('got in the way in 100% of uses');
			expect(text).toContain('It invented a menu, case');
			expect(text).not.toContain('Draft a reply to an escalated ticket');
			if (colorScheme === 'dark') {
				expect(await noSidewaysScroll(page)).toBe(true);
				await page.goto(`${siteUrl}tracks/support-foundations/`);
				await page.getByTestId('track-steps').waitFor();
				expect(await noSidewaysScroll(page)).toBe(true);
				await page.goto(`${siteUrl}maintenance/`);
				await list.waitFor();
			}
			const violations = await axeViolations(page);
			expect(violations, describeViolations(violations)).toEqual([]);
			await page.context().close();
		}
	});
});
