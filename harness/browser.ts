import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (or CHROMIUM_PATH): Playwright's own browser download cannot work offline. */
export function chromiumPath(): string {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	try {
		return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
			encoding: 'utf8',
		}).trim();
	} catch {
		throw new Error('Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH.');
	}
}

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath(),
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
			'--disable-sync',
		],
	});
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
	id: string;
	help: string;
	nodes: { target: string[] }[];
}

/** Runs axe-core in the page against WCAG 2.1 AA and best practice; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
	// Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern (a
	// script tag would be refused, as the policy should refuse it).
	await page.evaluate(axeSource);
	return page.evaluate(async () => {
		// axe is a global once the script tag above has run.
		const result = await (
			window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }
		).axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
		});
		return result.violations.map((v) => ({
			id: v.id,
			help: v.help,
			nodes: v.nodes.map((n) => ({ target: n.target })),
		}));
	});
}

export const describeViolations = (violations: AxeViolation[]) =>
	violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
