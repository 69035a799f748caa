/**
 * The check-in form as a person uses it, for browser tests, screenshots and benchmarks: say how it
 * went, then tap a confidence level (which records the check-in); "Check in again" brings the form back.
 */
import type { Page } from 'playwright-core';

/** The confidence level button, e.g. "3 somewhat". */
export const levelButton = (page: Page, level: number) => page.getByRole('button', { name: new RegExp(`^${level} `) });

/** Resolves once the check-in form is on the page and ready to take a tap. */
export const checkInReady = (page: Page) => levelButton(page, 1).waitFor();

export async function checkInWith(page: Page, level: number, outcome = 'It helped'): Promise<void> {
	if ((await page.getByRole('button', { name: 'Check in again' }).count()) > 0) {
		await page.getByRole('button', { name: 'Check in again' }).first().click();
	}
	await page.getByRole('radio', { name: outcome, exact: true }).check();
	await levelButton(page, level).click();
	// Settled: the confirmation took the form's place, or the form says what is wrong.
	await page.locator('[data-testid=checked-in], .check-in .field-error').first().waitFor();
}
