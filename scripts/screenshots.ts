/**
 * `npm run screenshots`: the README's and the docs' screenshots, made from the built site and seeded
 * data in real Chromium, so they show what the code shows today. Starts a throwaway endpoint on the
 * site's port (54321, which must be free), seeds it, joins Support as a member who checks in and
 * reflects once and follows Support's track, and photographs the home page, a search, a workflow and its
 * feedback section, the team pages (the indicators' first screen too), My practice, the track and
 * maintenance, on a desktop in light and on a phone in dark.
 * Writes docs/screenshots/.
 *
 *   npm run screenshots                 builds first
 *   PRAXIS_SKIP_BUILD=1 npm run screenshots
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser.ts';
import { checkInWith } from '../harness/check-in-ui.ts';
import { seededDemo } from '../harness/seeded-demo.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../', import.meta.url));
const out = join(root, 'docs/screenshots');

if (!process.env.PRAXIS_SKIP_BUILD) {
	await run(process.execPath, ['scripts/build.ts'], { cwd: root });
}

const demo = await seededDemo();
const site = { url: demo.siteUrl };
const joinUrl = demo.joinUrl;
let browser: Browser | undefined;
try {
	browser = await launchChromium();
	await mkdir(out, { recursive: true });
	const shots = [
		{ name: 'desktop-light', options: { viewport: { width: 1280, height: 900 }, colorScheme: 'light' as const } },
		{
			name: 'phone-dark',
			options: { viewport: { width: 390, height: 844 }, colorScheme: 'dark' as const, isMobile: true, hasTouch: true },
		},
	];
	for (const { name, options } of shots) {
		const context = await browser.newContext(options);
		const page = await context.newPage();
		await page.goto(joinUrl);
		await page.getByTestId('joined').waitFor();
		/** A whole page, only the part `only` selects, or (`only` = 'viewport') what shows before scrolling. */
		const shoot = async (file: string, path: string, ready: (page: Page) => Promise<unknown>, only?: string) => {
			await page.goto(`${site.url}${path}`);
			await ready(page);
			await page.waitForTimeout(300);
			const target = join(out, `${file}-${name}.png`);
			if (only === 'viewport') await page.screenshot({ path: target });
			else if (only) await page.locator(only).screenshot({ path: target });
			else await page.screenshot({ path: target, fullPage: true });
			process.stdout.write(`docs/screenshots/${file}-${name}.png\n`);
		};
		await shoot('home', '', (p) => p.locator('h1').waitFor());
		await shoot('search', 'search/?q=review', (p) => p.locator('.search-result-link').first().waitFor());
		await shoot('workflow', 'workflows/escalated-ticket-reply/', async (p) => {
			await p.locator('#feedback').scrollIntoViewIfNeeded();
			await p.getByTestId('summary-numbers').waitFor();
			await p.evaluate(() => window.scrollTo(0, 0));
		});
		const indicatorsReady = (p: Page) => p.locator('.bar-list .bar').nth(2).waitFor({ timeout: 20_000 });
		await shoot('indicators', 'teams/support/indicators/', indicatorsReady);
		// What a lead sees before scrolling.
		await shoot('indicators-first-screen', 'teams/support/indicators/', indicatorsReady, 'viewport');
		await shoot('digest', 'teams/support/digest/', (p) => p.getByTestId('digest-reflection').first().waitFor());
		await shoot(
			'workflow-feedback',
			'workflows/escalated-ticket-reply/',
			async (p) => {
				await p.locator('#feedback').scrollIntoViewIfNeeded();
				await p.getByTestId('summary-numbers').waitFor();
			},
			'#feedback',
		);
		// As a member with a practice of their own: one check-in, a private reflection, a followed track.
		await page.goto(`${site.url}workflows/escalated-ticket-reply/`);
		await page.locator('#feedback').scrollIntoViewIfNeeded();
		await checkInWith(page, 3);
		await page.getByText(/Checked in at/).waitFor();
		await page.getByText('Write a reflection (2 minutes)').click();
		await page
			.getByLabel('What worked this time?')
			.fill("Listing the customer's questions first caught the one I missed.");
		await page.getByLabel(/only me/i).check();
		await page.getByRole('button', { name: 'Save reflection' }).click();
		await page.getByText(/Reflection saved/).waitFor();
		await page.goto(`${site.url}tracks/support-foundations/`);
		await page.getByRole('button', { name: 'Follow this track' }).click();
		await page.getByRole('button', { name: 'Leave this track' }).waitFor();
		await shoot('me', 'me/', (p) => p.getByTestId('me-reflections').waitFor());
		await shoot('track', 'tracks/support-foundations/', (p) => p.getByTestId('track-steps').waitFor());
		await shoot('maintenance', 'maintenance/', (p) =>
			p.locator('[data-testid="revise-list"], [data-testid="revise-none"]').first().waitFor(),
		);
		await context.close();
	}
} finally {
	await browser?.close();
	await demo.close();
}
