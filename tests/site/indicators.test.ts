import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../../harness/browser.ts';
import { type FeedbackStack, startFeedbackStack } from '../helpers/feedback-stack.ts';
import { member } from '../helpers/people.ts';
import { checkIn, reflection, sent } from '../helpers/rows.ts';

let stack: FeedbackStack;
let browser: Browser;
let siteUrl = '';

beforeAll(async () => {
	stack = await startFeedbackStack();
	({ browser, siteUrl } = stack);
});
afterAll(async () => stack?.stop());

/** A teammate, signed in and joined as the site does it, who checks in through the API. */
const teammate = async (team: string) => {
	const person = await member(stack.endpointUrl, [team]);
	return async (row: ReturnType<typeof checkIn>) => {
		const { status } = await person.client.from('check_ins').insert(sent(row));
		expect(status).toBe(201);
	};
};
/** A browser whose person has joined the team with a join link: a team's figures are for members. */
const memberBrowser = async (team: string, options: BrowserContextOptions = {}) => {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await page.goto(await stack.joinLink(team));
	await page.getByTestId('joined').waitFor();
	return page;
};
const numbersShown = (page: Page) => page.locator('[data-testid="headline"], [data-testid="tasks-table"]').count();

describe('the team indicators page', () => {
	it('updates without a reload when four people check in, text alternative included', async () => {
		const page = await memberBrowser('support');
		await page.goto(`${siteUrl}teams/support/indicators/`);
		await page.getByTestId('team-suppressed').waitFor();
		expect(await numbersShown(page)).toBe(0);
		// Subscribed to the team's Realtime channel on the embedded endpoint.
		await expect.poll(() => page.getByTestId('updated').textContent()).toContain('live');

		const task = { workflow: 'escalated-ticket-reply', task: 'customer-replies', team: 'support' };
		const people = await Promise.all([0, 1, 2, 3].map(() => teammate('support')));
		for (const [i, insert] of people.entries())
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
		const page = await memberBrowser('marketing');
		const context = page.context();
		// Only the websocket is blocked: REST calls still work, as where Realtime is not served.
		await context.routeWebSocket(/\/realtime\/v1\//, (ws) => ws.close());
		await page.goto(`${siteUrl}teams/marketing/indicators/`);
		await page.getByTestId('team-suppressed').waitFor();
		await expect.poll(() => page.getByTestId('updated').textContent()).toContain('refreshing every 10 s');
		const marketing = { workflow: 'campaign-variant-drafts', task: 'campaign-writing', team: 'marketing' };
		const people = await Promise.all([0, 1, 2].map(() => teammate('marketing')));
		for (const insert of people) await insert(checkIn(marketing));
		const posted = Date.now();
		await expect
			.poll(() => page.getByTestId('total-check-ins').textContent(), { timeout: 15_000, interval: 250 })
			.toBe('3');
		console.info(
			`without Realtime the page changed ${((Date.now() - posted) / 1000).toFixed(1)} s after the check-ins ` +
				`(polling every 10 s)`,
		);
		await context.close();
	});

	it('shows a team of two people as suppressed, never as numbers', async () => {
		const legal = { workflow: 'nda-first-pass-review', task: 'contract-review', team: 'legal' };
		const [a, b] = [await teammate('legal'), await teammate('legal')];
		for (const insert of [a, a, b, b, b]) await insert(checkIn(legal));
		const page = await memberBrowser('legal', { colorScheme: 'dark' });
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

describe('a team page for someone not in the team', () => {
	it('says who may see the figures, lets a teammate join there, then shows them', async () => {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${siteUrl}teams/engineering/indicators/`);
		await page.getByTestId('members-only').waitFor();
		expect(await numbersShown(page)).toBe(0);
		const violations = await axeViolations(page);
		expect(violations, describeViolations(violations)).toEqual([]);
		await page.getByLabel("Your team's join link").fill(await stack.joinLink('engineering'));
		await page.getByRole('button', { name: 'Join' }).click();
		await page.getByTestId('team-suppressed').waitFor();
		expect(await page.getByTestId('members-only').count()).toBe(0);

		// The team page counts the seats its links gave and those used.
		await page.goto(`${siteUrl}teams/engineering/`);
		await expect.poll(() => page.getByTestId('seats').textContent()).toBe('1 of 1 seats used; 1 member. ');
		await page.close();
	});
});

describe('the weekly digest', () => {
	it('shows the week\'s shared reflections and never an "only me" one', async () => {
		const ops = { workflow: 'incident-timeline-draft', task: 'incident-reviews', team: 'ops' };
		const writer = await member(stack.endpointUrl, ['ops']);
		for (const row of [
			reflection({ ...ops, worked: 'Quoting each source message kept the timeline honest.' }),
			reflection({ ...ops, visibility: 'private', worked: 'A private note nobody else should read.' }),
		])
			expect((await writer.client.from('reflections').insert(sent(row))).status).toBe(201);
		const people = await Promise.all([0, 1, 2].map(() => teammate('ops')));
		for (const insert of people) await insert(checkIn(ops));

		const page = await memberBrowser('ops');
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
