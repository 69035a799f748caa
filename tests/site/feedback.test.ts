import type { SupabaseClient } from '@supabase/supabase-js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../../harness/browser.ts';
import { checkInReady, checkInWith, levelButton } from '../../harness/check-in-ui.ts';
import type { Database as Schema } from '../../src/lib/data-api/database.ts';
import { type FeedbackStack, startFeedbackStack } from '../helpers/feedback-stack.ts';
import { checkIn, reflection } from '../helpers/rows.ts';
import { inWeek } from '../helpers/weeks.ts';

let stack: FeedbackStack;
let browser: Browser;
let context: BrowserContext;
let siteUrl = '';
let service: SupabaseClient<Schema>;

const WORKFLOW = 'nda-first-pass-review';

beforeAll(async () => {
	stack = await startFeedbackStack();
	({ browser, siteUrl, service } = stack);
	context = await browser.newContext();
});
afterAll(async () => stack?.stop());

const stored = async (table: 'check_ins' | 'reflections') => {
	const { count, error } = await service
		.from(table)
		.select('*', { count: 'exact', head: true })
		.eq('workflow', WORKFLOW);
	if (error) throw new Error(error.message);
	return count ?? 0;
};

/** Who wrote the workflow's latest check-ins, newest first. */
const latestParticipants = async (n: number) => {
	const { data, error } = await service
		.from('check_ins')
		.select('participant')
		.eq('workflow', WORKFLOW)
		.order('created_at', { ascending: false })
		.limit(n);
	if (error) throw new Error(error.message);
	return data.map((row) => row.participant);
};

async function openWorkflow(page: Page) {
	await page.goto(`${siteUrl}workflows/${WORKFLOW}/`);
	await page.locator('#feedback').scrollIntoViewIfNeeded();
}

describe('feedback on a workflow page', () => {
	it('a first-time visitor joins from a link, then checks in as themselves and sees the team summary', async () => {
		// Four teammates checked in last week; the summary can show numbers.
		for (let i = 0; i < 4; i++) {
			await service.from('check_ins').insert(checkIn({ workflow: WORKFLOW, team: 'legal', created_at: inWeek(1) }));
		}
		const page = await context.newPage();
		// Before joining, the workflow page asks for the join link and sends nothing.
		await openWorkflow(page);
		await expect.poll(() => page.getByText('To check in, first join your team.').count()).toBe(1);
		expect(await levelButton(page, 1).count()).toBe(0);

		const link = await stack.joinLink('legal');
		await page.goto(link);
		await expect.poll(() => page.getByTestId('joined').textContent()).toMatch(/You are in Legal/);
		// The code leaves the address bar, so it is not kept in the history or copied on.
		expect(page.url()).not.toContain('#');
		expect(await page.locator('[data-team-name]').textContent()).toBe('Legal');

		await openWorkflow(page);
		await expect.poll(() => page.getByTestId('summary-check-ins').textContent()).toBe('4');
		const before = await stored('check_ins');
		await checkInWith(page, 4);
		await expect.poll(() => page.getByText(/Checked in at/).count()).toBe(1);
		expect(await stored('check_ins')).toBe(before + 1);
		// The summary is of closed weeks: this week's check-in counts once the week ends.
		await page.waitForTimeout(500);
		expect(await page.getByTestId('summary-check-ins').textContent()).toBe('4');
		expect(await page.getByText("this week's check-ins count once it ends").count()).toBe(1);
		// The row is this browser's person: the id from its session, set by the database.
		const me = await page.evaluate(() => JSON.parse(localStorage.getItem('praxis.auth') ?? '{}').user?.id as string);
		expect(await latestParticipants(1)).toEqual([me]);
		expect(JSON.stringify(await page.evaluate(() => ({ ...localStorage })))).not.toMatch(/@/);
		await page.close();
	});

	it('a second browser is a different person, and a used-up or made-up link says why', async () => {
		const other = await browser.newContext();
		const page = await other.newPage();
		const link = await stack.joinLink('legal', 1);
		await page.goto(link);
		await page.getByTestId('joined').waitFor();
		await openWorkflow(page);
		const before = await stored('check_ins');
		await checkInWith(page, 3);
		await expect.poll(() => stored('check_ins')).toBe(before + 1);
		expect(new Set(await latestParticipants(2)).size).toBe(2);

		const third = await browser.newContext();
		const late = await third.newPage();
		await late.goto(link);
		await expect.poll(() => late.getByRole('alert').textContent()).toMatch(/no seats left/);
		await late.goto(`${siteUrl}join/`);
		await late.getByLabel("Your team's join link").fill('https://example.com/join/#code=nonsense');
		await late.getByRole('button', { name: 'Join' }).click();
		await expect.poll(() => late.getByRole('alert').textContent()).toMatch(/That is not a join link/);
		await third.close();
		await other.close();
	});

	it('records nothing nobody chose: nothing preselected, a check-in needs an outcome and a level', async () => {
		const page = await context.newPage();
		await openWorkflow(page);
		await checkInReady(page);
		const before = await stored('check_ins');
		expect(await page.getByRole('group', { name: 'Did it help?' }).locator('input:checked').count()).toBe(0);
		// A level without an outcome: the person is asked, nothing is stored.
		await levelButton(page, 4).click();
		await expect.poll(() => page.getByText('Say how it went first, then tap your confidence.').count()).toBe(1);
		// Enter in a field sends nothing either; the form says what does.
		await page.getByText('Add detail: errors caught, minutes saved').click();
		await page.getByLabel('Minutes saved (optional)').fill('10');
		await page.getByLabel('Minutes saved (optional)').press('Enter');
		await expect.poll(() => page.getByText('Tap a confidence level to check in.').count()).toBe(1);
		await page.waitForTimeout(500);
		expect(await stored('check_ins')).toBe(before);

		await page.getByRole('radio', { name: 'It got in the way', exact: true }).check();
		await levelButton(page, 2).click();
		// The confirmation takes the form's place: no level to tap again by accident.
		await expect
			.poll(() => page.getByTestId('checked-in').textContent())
			.toMatch(/Checked in at .+: It got in the way, confidence 2 \(a little\)/);
		expect(await levelButton(page, 2).count()).toBe(0);
		await expect.poll(() => stored('check_ins')).toBe(before + 1);
		await expect.poll(() => page.getByTestId('check-in-delivery').textContent()).toBe('Sent to your team.');
		const { data } = await stack.service
			.from('check_ins')
			.select('outcome, confidence, minutes_saved')
			.eq('workflow', WORKFLOW)
			.order('created_at', { ascending: false })
			.limit(1);
		expect(data).toEqual([{ outcome: 'got_in_the_way', confidence: 2, minutes_saved: 10 }]);

		// Undo takes a delivered check-in back from the server.
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(() => page.getByText('Check-in taken back: nothing of it is kept.').count()).toBe(1);
		expect(await stored('check_ins')).toBe(before);
		// And one still waiting in the browser never leaves it.
		await page.getByRole('button', { name: 'Check in again' }).click();
		await page.route('**/rest/v1/check_ins*', (route) => route.abort('internetdisconnected'));
		await checkInWith(page, 5);
		await expect.poll(() => page.getByTestId('check-in-delivery').textContent()).toMatch(/^Saved in this browser/);
		await page.getByRole('button', { name: 'Undo' }).click();
		await page.getByText('Check-in taken back: nothing of it is kept.').waitFor();
		await page.unroute('**/rest/v1/check_ins*');
		await page.waitForTimeout(1500);
		expect(await stored('check_ins')).toBe(before);
		expect(await page.getByTestId('pending').textContent()).toBe('');
		await page.close();
	});

	it('shows field errors from the shared schema and sends nothing', async () => {
		const page = await context.newPage();
		await openWorkflow(page);
		const before = await stored('check_ins');
		await page.getByText('Add detail: errors caught, minutes saved').click();
		await page.getByLabel('Minutes saved (optional)').fill('900');
		await checkInWith(page, 3);
		await expect.poll(() => page.getByText('At most 480 minutes (a working day)').count()).toBe(1);
		expect(await stored('check_ins')).toBe(before);
		await page.close();
	});

	it('stores a reflection with HTML in it and shows it back as inert text', async () => {
		const page = await context.newPage();
		let dialogs = 0;
		page.on('dialog', (dialog) => {
			dialogs++;
			void dialog.dismiss();
		});
		await openWorkflow(page);
		const hostile =
			'<script>alert("x")</script><img src=x onerror=alert(1)><b>Quoting exactly</b> caught a reworded clause.';
		await page.getByText('Write a reflection (2 minutes)').click();
		await page.getByLabel('What worked this time?').fill(hostile);
		await expect.poll(() => page.getByText(`${hostile.length} / 1000`).count()).toBe(1);
		await page.getByRole('button', { name: 'Save reflection' }).click();
		await expect.poll(() => page.getByText('Reflection saved and shared with your team.').count()).toBe(1);
		await expect.poll(() => stored('reflections')).toBe(1);
		const { data } = await service.from('reflections').select('worked').eq('workflow', WORKFLOW);
		expect(data?.[0]?.worked).toBe(hostile);

		// Teammates see it once the week is over and four people shared that week.
		await stack.db.admin.query('update public.reflections set created_at = $1 where workflow = $2', [
			inWeek(1),
			WORKFLOW,
		]);
		const others = [1, 2, 3].map((n) =>
			reflection({ workflow: WORKFLOW, worked: `Teammate note ${n}.`, created_at: inWeek(1) }),
		);
		await service.from('reflections').insert(others);
		await page.reload();
		await page.locator('#feedback').scrollIntoViewIfNeeded();
		const shown = page.locator('.shared-reflections li', { hasText: 'Quoting exactly' });
		await expect.poll(() => shown.textContent()).toContain('<script>alert("x")</script>');
		expect(await shown.locator('script, img, b').count()).toBe(0);
		expect(dialogs).toBe(0);
		await page.close();
	});

	it(
		'keeps check-ins made while the endpoint is unreachable, across a reload, and delivers each exactly ' + 'once',
		async () => {
			const page = await context.newPage();
			await openWorkflow(page);
			await checkInReady(page);
			const before = await stored('check_ins');
			await page.route('**/rest/v1/check_ins*', (route) => route.abort('internetdisconnected'));
			await checkInWith(page, 2);
			await checkInWith(page, 5);
			await expect.poll(() => page.getByTestId('pending').textContent()).toMatch(/^2 check-ins waiting to send/);

			await page.reload();
			await page.locator('#feedback').scrollIntoViewIfNeeded();
			await expect.poll(() => page.getByTestId('pending').textContent()).toMatch(/^2 check-ins waiting to send/);
			expect(await stored('check_ins')).toBe(before);

			await page.unroute('**/rest/v1/check_ins*');
			await context.setOffline(true);
			await context.setOffline(false); // the browser's "online" event: the outbox retries at once
			await expect.poll(() => page.getByTestId('pending').textContent(), { timeout: 20_000 }).toBe('');
			expect(await stored('check_ins')).toBe(before + 2);
			const { data } = await service
				.from('check_ins')
				.select('confidence')
				.eq('workflow', WORKFLOW)
				.order('created_at', { ascending: false })
				.limit(2);
			expect(data?.map((row) => row.confidence).sort()).toEqual([2, 5]);
			await page.close();
		},
	);

	it('says so when the feedback service cannot be reached, instead of an empty box', async () => {
		const page = await context.newPage();
		await page.route('**/rest/v1/rpc/**', (route) => route.abort('connectionrefused'));
		await openWorkflow(page);
		await expect.poll(() => page.getByText('Cannot reach the feedback service right now.').count()).toBe(1);
		await page.close();
	});

	it('has no axe violations with the islands open, in both themes', async () => {
		for (const colorScheme of ['light', 'dark'] as const) {
			const themed = await browser.newContext({ colorScheme });
			const page = await themed.newPage();
			await openWorkflow(page);
			await page.getByText('To check in, first join your team.').waitFor();
			const before = await axeViolations(page);
			expect(before, describeViolations(before)).toEqual([]);
			await page.goto(await stack.joinLink('legal'));
			await page.getByTestId('joined').waitFor();
			await openWorkflow(page);
			await page.getByTestId('summary-check-ins').waitFor();
			await page.getByText('Add detail: errors caught, minutes saved').click();
			await page.getByLabel('Yes, before it went anywhere').check();
			await page.getByText('Write a reflection (2 minutes)').click();
			await page.locator('.team-setting summary').click();
			const violations = await axeViolations(page);
			expect(violations, describeViolations(violations)).toEqual([]);
			await themed.close();
		}
	});
});
