import type { SupabaseClient } from '@supabase/supabase-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../../harness/browser.ts';
import type { Database as Schema } from '../../src/lib/data-api/database.ts';
import { type FeedbackStack, startFeedbackStack } from '../helpers/feedback-stack.ts';
import { checkIn, reflection } from '../helpers/rows.ts';

let stack: FeedbackStack;
let browser: Browser;
let siteUrl = '';
let anon: SupabaseClient<Schema>;

beforeAll(async () => {
	stack = await startFeedbackStack();
	({ browser, siteUrl, anon } = stack);
});
afterAll(async () => stack?.stop());

const insert = async (row: ReturnType<typeof checkIn>) => {
	const { status } = await anon.from('check_ins').insert(row);
	expect(status).toBe(201);
};
const numbersShown = (page: Page) => page.locator('[data-testid="headline"], [data-testid="tasks-table"]').count();

describe('the team indicators page', () => {
	it('updates without a reload when four people check in, text alternative included', async () => {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${siteUrl}teams/support/indicators/`);
		await page.getByTestId('team-suppressed').waitFor();
		expect(await numbersShown(page)).toBe(0);
		// Subscribed to the team's Realtime channel on the embedded endpoint.
		await expect.poll(() => page.getByTestId('updated').textContent()).toContain('live');

		const task = { workflow: 'escalated-ticket-reply', task: 'customer-replies', team: 'support' };
		for (let i = 0; i < 4; i++)
			await insert(checkIn({ ...task, confidence: 2 + (i % 3), error_caught: i === 0 ? 'before' : 'none' }));
		const posted = Date.now();
		await expect
			.poll(() => page.getByTestId('total-check-ins').textContent(), { timeout: 15_000, interval: 100 })
			.toBe('4');
		const seconds = (Date.now() - posted) / 1000;
		expect(seconds).toBeLessThan(2);
		console.info(`indicators page changed ${seconds.toFixed(2)} s after the last check-in (Realtime broadcast)`);

		const row = page.getByTestId('tasks-table').getByRole('row', { name: /Replying to customers/ });
		expect(await row.textContent()).toMatch(/Replying to customers\s*4\s*4/);
		expect(await page.getByTestId('total-people').textContent()).toBe('4');
		await expect.poll(() => page.locator('.chart canvas').count()).toBeGreaterThan(2);
		const unused = await page.getByTestId('unused-tasks').textContent();
		expect(unused).toContain('Summarising and rewriting documents');
		expect(unused).not.toContain('Reviewing contracts'); // not a Support task type
		await expect.poll(() => page.getByTestId('updated').textContent()).toMatch(/^Updated (just now|\d+ s ago) · live$/);

		// The numbers behind the chart download as CSV.
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download the numbers (CSV)' }).first().click();
		const file = await download;
		const csv = await new Response((await file.createReadStream()) as unknown as ReadableStream).text();
		expect(csv.split('\r\n')[0]).toContain('task type,check-ins,people');
		expect(csv).toContain('Replying to customers,4,4');

		// Filters: another task type has no data.
		await page.getByRole('combobox', { name: 'Task type' }).selectOption('summarising');
		await page.getByTestId('team-suppressed').waitFor();

		const violations = await axeViolations(page);
		expect(violations, describeViolations(violations)).toEqual([]);
		await page.close();
	});

	it('falls back to polling within 15 s when Realtime is unreachable', async () => {
		const context = await browser.newContext();
		// Only the websocket is blocked: REST calls still work, as where Realtime is not served.
		await context.routeWebSocket(/\/realtime\/v1\//, (ws) => ws.close());
		const page = await context.newPage();
		await page.goto(`${siteUrl}teams/marketing/indicators/`);
		await page.getByTestId('team-suppressed').waitFor();
		await expect.poll(() => page.getByTestId('updated').textContent()).toContain('refreshing every 10 s');
		const marketing = { workflow: 'campaign-variant-drafts', task: 'campaign-writing', team: 'marketing' };
		for (let i = 0; i < 3; i++) await insert(checkIn(marketing));
		const posted = Date.now();
		await expect
			.poll(() => page.getByTestId('total-check-ins').textContent(), { timeout: 15_000, interval: 250 })
			.toBe('3');
		console.info(
			`without Realtime the page changed ${((Date.now() - posted) / 1000).toFixed(1)} s after the check-ins (polling every 10 s)`,
		);
		await context.close();
	});

	it('shows a team of two people as suppressed, never as numbers', async () => {
		const legal = { workflow: 'nda-first-pass-review', task: 'contract-review', team: 'legal' };
		const [a, b] = [checkIn(legal).participant, checkIn(legal).participant];
		for (const participant of [a, a, b, b, b]) await insert(checkIn({ ...legal, participant }));
		const page = await (await browser.newContext({ colorScheme: 'dark' })).newPage();
		await page.goto(`${siteUrl}teams/legal/indicators/`);
		await page.getByTestId('team-suppressed').waitFor();
		await page.waitForTimeout(500);
		expect(await numbersShown(page)).toBe(0);
		const text = await page.locator('.indicators').textContent();
		expect(text).not.toMatch(/\b5\b|\b2 people/);
		const violations = await axeViolations(page);
		expect(violations, describeViolations(violations)).toEqual([]);
		await page.close();
	});
});

describe('the weekly digest', () => {
	it('shows the week\'s shared reflections and never an "only me" one', async () => {
		const ops = { workflow: 'incident-timeline-draft', task: 'incident-reviews', team: 'ops' };
		for (const row of [
			reflection({ ...ops, worked: 'Quoting each source message kept the timeline honest.' }),
			reflection({ ...ops, visibility: 'private', worked: 'A private note nobody else should read.' }),
		])
			expect((await anon.from('reflections').insert(row)).status).toBe(201);
		for (let i = 0; i < 3; i++) await insert(checkIn(ops));

		const page = await (await browser.newContext()).newPage();
		await page.goto(`${siteUrl}teams/ops/digest/`);
		await page.getByTestId('digest-reflection').first().waitFor();
		expect(await page.getByRole('heading', { name: 'Draft an incident timeline from chat and alerts' }).count()).toBe(
			1,
		);
		expect(await page.getByTestId('digest-reflection').allTextContents()).toEqual([
			expect.stringContaining('Quoting each source message kept the timeline honest.'),
		]);
		expect(await page.content()).not.toContain('A private note');
		expect(await page.getByTestId('digest-headlines').textContent()).toContain('3 check-ins by 3 people');

		// Last week has nothing shared yet.
		await page.getByRole('combobox', { name: 'Week' }).selectOption({ index: 1 });
		await page.getByText('No shared reflections this week.').waitFor();
		const violations = await axeViolations(page);
		expect(violations, describeViolations(violations)).toEqual([]);
		await page.close();
	});
});
