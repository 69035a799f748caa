/**
 * A session outlives its access token: check-ins saved while the service is unreachable are sent
 * after the token has expired, by refreshing it (auth-js is loaded for that), each exactly once.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInReady, checkInWith } from '../../harness/check-in-ui.ts';
import { type FeedbackStack, startFeedbackStack } from '../helpers/feedback-stack.ts';

const TOKEN_SECONDS = 4;
let stack: FeedbackStack;
let browser: Browser;

beforeAll(async () => {
	stack = await startFeedbackStack({ accessTokenSeconds: TOKEN_SECONDS });
	({ browser } = stack);
});
afterAll(async () => stack?.stop());

describe('a signed-in browser across an expired access token', () => {
	it('delivers what waited in the outbox exactly once, with a refreshed token', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(await stack.joinLink('sales'));
		await page.getByTestId('joined').waitFor();
		const me = await page.evaluate(() => JSON.parse(localStorage.getItem('praxis.auth') ?? '{}').user?.id as string);
		const firstToken = await page.evaluate(
			() => JSON.parse(localStorage.getItem('praxis.auth') ?? '{}').access_token as string,
		);

		await page.goto(`${stack.siteUrl}workflows/discovery-call-follow-up/`);
		await page.locator('#feedback').scrollIntoViewIfNeeded();
		await checkInReady(page);
		await page.route('**/rest/v1/check_ins*', (route) => route.abort('internetdisconnected'));
		for (const level of [1, 5]) await checkInWith(page, level);
		await expect.poll(() => page.getByTestId('pending').textContent()).toMatch(/^2 check-ins waiting to send/);
		await page.waitForTimeout((TOKEN_SECONDS + 1) * 1000);

		await page.unroute('**/rest/v1/check_ins*');
		await context.setOffline(true);
		await context.setOffline(false);
		await expect.poll(() => page.getByTestId('pending').textContent(), { timeout: 20_000 }).toBe('');
		const { data } = await stack.service.from('check_ins').select('participant, confidence').eq('participant', me);
		expect(data?.map((row) => row.confidence).sort()).toEqual([1, 5]);
		const token = await page.evaluate(() => JSON.parse(localStorage.getItem('praxis.auth') ?? '{}').access_token);
		expect(token).not.toBe(firstToken);
		await context.close();
	});
});
