import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../../harness/browser.ts';
import { type FeedbackStack, startFeedbackStack } from '../helpers/feedback-stack.ts';
import { member } from '../helpers/people.ts';
import { checkIn, reflection, sent, storeRows } from '../helpers/rows.ts';
import { inWeek } from '../helpers/weeks.ts';

let stack: FeedbackStack;
let browser: Browser;
let siteUrl = '';

const support = { workflow: 'escalated-ticket-reply', task: 'customer-replies', team: 'support' };
const legal = { workflow: 'nda-first-pass-review', task: 'contract-review', team: 'legal' };
const ops = { workflow: 'incident-timeline-draft', task: 'incident-reviews', team: 'ops' };

beforeAll(async () => {
	stack = await startFeedbackStack();
	({ browser, siteUrl } = stack);
	// Last week: five people in Support (shown), two in Legal (hidden).
	await storeRows(stack.db, 'check_ins', [
		...[2, 3, 4, 4, 5].map((confidence) => checkIn({ ...support, confidence, created_at: inWeek(1) })),
		...[1, 5].map((confidence) => checkIn({ ...legal, confidence, created_at: inWeek(1) })),
	]);
	// Ops: four people shared last week, two the week before.
	await storeRows(stack.db, 'reflections', [
		...[1, 2, 3, 4].map((n) => reflection({ ...ops, worked: `Ops lesson ${n} of last week.`, created_at: inWeek(1) })),
		reflection({
			...ops,
			visibility: 'private',
			worked: 'A private note nobody else should read.',
			created_at: inWeek(1),
		}),
		...[1, 2].map((n) => reflection({ ...ops, worked: `Ops lesson ${n} of two weeks ago.`, created_at: inWeek(2) })),
	]);
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
	it("answers the lead's question on the first screen: figures with their change, where to help", async () => {
		for (const viewport of [
			{ width: 1280, height: 800 },
			{ width: 390, height: 844 },
		]) {
			const page = await memberBrowser('support', { viewport });
			await page.goto(`${siteUrl}teams/support/indicators/`);
			await expect
				.poll(() => page.getByTestId('lead-answer').textContent())
				.toMatch(/^Confidence is not growing yet in any task type: \d+ task types need help\.$/);
			const below = async (testId: string) => (await page.getByTestId(testId).boundingBox())!.y;
			expect(await below('lead-answer')).toBeLessThan(viewport.height);
			expect(await below('headline')).toBeLessThan(viewport.height);
			if (viewport.width > 1000) expect(await below('not-growing')).toBeLessThan(viewport.height);
			expect(await page.getByTestId('check-ins-per-week-change').textContent()).toMatch(/^up to \d+\.\d from 0\.0$/);
			// A task type with no check-ins is where to help: its expert and the team's workflow for it.
			const unused = page.getByTestId('not-growing').getByRole('listitem', { name: '' }).filter({
				hasText: 'Summarising and rewriting documents',
			});
			expect(await unused.textContent()).toMatch(/no check-ins in this period\. Ask .+\. Try .+\./);
			expect(await unused.getByRole('link').first().getAttribute('href')).toMatch(/\/tasks\/summarising\/$/);
			expect(await unused.locator('a[href*="/experts/#"]').count()).toBeGreaterThan(0);
			expect(await unused.locator('a[href*="/workflows/"]').count()).toBeGreaterThan(0);
			await page.context().close();
		}
	});

	it('shows closed weeks with their measures and this week live, text alternative included', async () => {
		const page = await memberBrowser('support');
		await page.goto(`${siteUrl}teams/support/indicators/`);
		await expect.poll(() => page.getByTestId('total-confidence').textContent()).toBe('3.6 of 5');
		expect(await page.getByTestId('total-check-ins').textContent()).toBe('5');
		// Subscribed to the team's private Realtime channel on the embedded endpoint.
		await expect.poll(() => page.getByTestId('updated').textContent()).toContain('live');

		const people = await Promise.all([0, 1, 2, 3].map(() => teammate('support')));
		for (const [i, insert] of people.entries()) await insert(checkIn({ ...support, confidence: 1 + (i % 2) }));
		const posted = Date.now();
		await expect
			.poll(() => page.getByTestId('total-check-ins').textContent(), { timeout: 15_000, interval: 100 })
			.toBe('9');
		const seconds = (Date.now() - posted) / 1000;
		expect(seconds).toBeLessThan(5);
		console.info(`indicators page changed ${seconds.toFixed(2)} s after the last check-in (Realtime broadcast)`);
		expect(await page.getByTestId('people-this-week').textContent()).toBe('4');
		// This week's answers are not in any measure until the week closes.
		expect(await page.getByTestId('total-confidence').textContent()).toBe('3.6 of 5');

		const row = page.getByTestId('tasks-table').getByRole('row', { name: /Replying to customers/ });
		expect(await row.textContent()).toMatch(/Replying to customers\s*9\s*0\.8/);
		const week = page.getByTestId('weeks-table').getByRole('row').last();
		expect(await week.textContent()).toMatch(/4\s*4\s*when the week closes/);
		// The weekly trend is drawn; task types are bars whose labels and values read as the table does.
		await expect.poll(() => page.locator('.chart canvas').count()).toBe(1);
		const bars = page.getByRole('figure', { name: 'Check-ins per task type' });
		expect(await bars.locator('li').first().textContent()).toBe('Replying to customers9');
		const unused = await page.getByTestId('unused-tasks').textContent();
		expect(unused).toContain('Summarising and rewriting documents');
		expect(unused).not.toContain('Reviewing contracts'); // not a Support task type
		await expect.poll(() => page.getByTestId('updated').textContent()).toMatch(/^Updated (just now|\d+ s ago) · live$/);

		// The numbers behind the chart download as CSV.
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download the numbers (CSV)' }).first().click();
		const file = await download;
		const csv = await new Response((await file.createReadStream()) as unknown as ReadableStream).text();
		expect(csv.split('\r\n')[0]).toContain('task type,check-ins,people per week,check-ins behind the measures');
		expect(csv).toContain('Replying to customers,9,0.8,5,3.6');

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

	it('shows a week of two people as activity only, never their answers', async () => {
		const page = await memberBrowser('legal', { colorScheme: 'dark' });
		await page.goto(`${siteUrl}teams/legal/indicators/`);
		await page.getByTestId('team-suppressed').waitFor();
		await expect.poll(() => page.getByTestId('total-check-ins').textContent()).toBe('2');
		expect(await page.getByTestId('total-confidence').textContent()).toBe('hidden');
		expect(await page.getByRole('heading', { name: 'Confidence per task type' }).count()).toBe(0);
		const text = await page.locator('.indicators').textContent();
		expect(text).not.toMatch(/of 5|\b3\.0\b/);
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
	it('shows a closed week\'s shared reflections once four people shared, and never an "only me" one', async () => {
		const page = await memberBrowser('ops');
		await page.goto(`${siteUrl}teams/ops/digest/`);
		await page.getByTestId('digest-reflection').first().waitFor();
		expect(await page.getByRole('heading', { name: 'Draft an incident timeline from chat and alerts' }).count()).toBe(
			1,
		);
		const shown = await page.getByTestId('digest-reflection').allTextContents();
		expect(shown.map((text) => text.replace(/^Worked: /, '')).sort()).toEqual(
			[1, 2, 3, 4].map((n) => `Ops lesson ${n} of last week.`),
		);
		expect(await page.content()).not.toContain('A private note');
		expect(await page.getByTestId('digest-headlines').textContent()).toContain('That week:');

		// Two weeks ago only two people shared: nothing of theirs is shown.
		await page.getByRole('combobox', { name: 'Week' }).selectOption({ index: 1 });
		await page.getByTestId('digest-held').waitFor();
		expect(await page.getByTestId('digest-reflection').count()).toBe(0);
		expect(await page.content()).not.toContain('of two weeks ago');
		const violations = await axeViolations(page);
		expect(violations, describeViolations(violations)).toEqual([]);
		await page.close();
	});
});
