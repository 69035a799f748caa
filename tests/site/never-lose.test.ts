/**
 * Nothing lost, nothing doubled, in real Chromium: a check-in made offline at the page's first submit
 * (the payload schemas cannot load then), with the site server gone, with site and API gone, a
 * double-click and a held Enter key (one intent, one row),
 * and delivery soon after the service comes back. Rows are counted with the service role.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInReady, checkInWith, levelButton } from '../../harness/check-in-ui.ts';
import { type FeedbackStack, startFeedbackStack } from '../helpers/feedback-stack.ts';

const WORKFLOW = 'help-article-from-tickets';
let stack: FeedbackStack;
let browser: Browser;

beforeAll(async () => {
	stack = await startFeedbackStack();
	({ browser } = stack);
});
afterAll(async () => stack?.stop());

const stored = async () => {
	const { count, error } = await stack.service
		.from('check_ins')
		.select('*', { count: 'exact', head: true })
		.eq('workflow', WORKFLOW);
	if (error) throw new Error(error.message);
	return count ?? 0;
};

/** A browser whose person has joined Support, on the workflow page with the check-in form ready. */
async function ready(): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(await stack.joinLink('support'));
	await page.getByTestId('joined').waitFor();
	await page.goto(`${stack.siteUrl}workflows/${WORKFLOW}/`);
	await page.locator('#feedback').scrollIntoViewIfNeeded();
	await checkInReady(page);
	return { context, page };
}

describe('the check-in path under cuts and repeats', () => {
	it('saves a first check-in made offline, before the schemas ever loaded, and delivers it once', async () => {
		const { context, page } = await ready();
		const before = await stored();
		await context.setOffline(true);
		await checkInWith(page, 2);
		await expect.poll(() => page.getByText(/Checked in at/).count()).toBe(1);
		await expect.poll(() => page.getByTestId('pending').textContent()).toMatch(/^1 check-in waiting to send/);
		await context.setOffline(false);
		await expect.poll(() => page.getByTestId('pending').textContent(), { timeout: 20_000 }).toBe('');
		expect(await stored()).toBe(before + 1);
		await context.close();
	});

	it('stores a check-in once when the site server is gone after the page loaded (no script can load)', async () => {
		const { context, page } = await ready();
		const before = await stored();
		// Every request to the site's own origin fails; the data API is still there.
		await page.route(`${stack.siteUrl}**`, (route) => route.abort('connectionrefused'));
		await checkInWith(page, 1);
		await expect.poll(() => page.getByText(/Checked in at/).count()).toBe(1);
		await expect.poll(() => stored(), { timeout: 15_000 }).toBe(before + 1);
		await page.waitForTimeout(500);
		expect(await stored()).toBe(before + 1);
		await context.close();
	});

	it('keeps a check-in made while both the site and the API are unreachable, and delivers it once', async () => {
		const { context, page } = await ready();
		const before = await stored();
		await page.route(`${stack.siteUrl}**`, (route) => route.abort('connectionrefused'));
		await page.route('**/rest/v1/**', (route) => route.abort('connectionrefused'));
		await checkInWith(page, 2);
		await expect.poll(() => page.getByTestId('pending').textContent()).toMatch(/^1 check-in waiting/);
		// A reload while the site is still down would lose the page, not the check-in: it is in storage.
		await page.unroute('**/rest/v1/**');
		await expect.poll(() => stored(), { timeout: 15_000 }).toBe(before + 1);
		await expect.poll(() => page.getByTestId('pending').textContent(), { timeout: 15_000 }).toBe('');
		await context.close();
	});

	it('stores one row for a double-click and one for Enter held down', async () => {
		const { context, page } = await ready();
		const before = await stored();
		await page.getByRole('radio', { name: 'It helped', exact: true }).check();
		await levelButton(page, 3).dblclick();
		await expect.poll(() => stored()).toBe(before + 1);
		// A double-click on one level and a held Enter key on another each make one check-in.
		await page.getByRole('button', { name: 'Check in again' }).click();
		await page.getByRole('radio', { name: 'No difference', exact: true }).check();
		await levelButton(page, 4).focus();
		for (let i = 0; i < 3; i++) await page.keyboard.press('Enter', { delay: 10 });
		await expect.poll(() => stored()).toBe(before + 2);
		await page.waitForTimeout(1000);
		expect(await stored()).toBe(before + 2);
		await context.close();
	});

	it('uses one seat and makes one person for a double-click on Join', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(`${stack.siteUrl}workflows/${WORKFLOW}/`);
		await page.locator('#feedback').scrollIntoViewIfNeeded();
		const users = async () =>
			(await stack.db.admin.query<{ n: number }>('select count(*)::integer as n from auth.users')).rows[0]!.n;
		const seats = async () => (await stack.service.rpc('team_seats', { p_team: 'support' })).data!;
		const [usersBefore, seatsBefore] = [await users(), await seats()];
		await page.getByLabel("Your team's join link").fill(await stack.joinLink('support', 5));
		await page.getByRole('button', { name: 'Join' }).dblclick();
		await checkInReady(page);
		await page.waitForTimeout(500);
		expect(await users()).toBe(usersBefore + 1);
		expect(await seats()).toMatchObject({ used: seatsBefore.used + 1, members: seatsBefore.members + 1 });
		await context.close();
	});

	it('delivers within ten seconds of the service coming back after a long outage', async () => {
		const { context, page } = await ready();
		const before = await stored();
		// The service is down (the browser is online, so no "online" event will come).
		await page.route('**/rest/v1/check_ins*', (route) => route.abort('connectionrefused'));
		await checkInWith(page, 5);
		await expect.poll(() => page.getByTestId('pending').textContent()).toMatch(/^1 check-in waiting/);
		await page.waitForTimeout(25_000);
		await page.unroute('**/rest/v1/check_ins*');
		const back = Date.now();
		await expect.poll(() => stored(), { timeout: 15_000, interval: 200 }).toBe(before + 1);
		const seconds = (Date.now() - back) / 1000;
		console.info(`a check-in waiting through a 25 s outage landed ${seconds.toFixed(1)} s after the service returned`);
		expect(seconds).toBeLessThanOrEqual(10);
		await context.close();
	});
});
