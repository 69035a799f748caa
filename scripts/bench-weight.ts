/**
 * `npm run bench:weight`: JavaScript a page really loads, measured in Chromium against the built
 * site (`dist/`, run `npm run build` first): what a workflow page fetches before the feedback section
 * is visible, after its islands hydrate, and what an indicators page fetches. Sizes are gzip -9 of
 * each file as served, plus inline scripts. Writes its section of BENCHMARKS.md.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { LOCAL_ANON_KEY } from '../server/auth.ts';
import { startEndpointForSite } from '../server/main.ts';
import { serveStaticSite } from '../server/static-site.ts';
import { launchChromium } from '../tests/helpers/browser.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// The indicators page loads its charts once there are numbers, so give it some: start a throwaway
// endpoint (unless one already runs on the site's port, which is then used as it is).
const dataDir = await mkdtemp(join(tmpdir(), 'praxis-weight-'));
const endpoint = await startEndpointForSite({ ...process.env, PRAXIS_DATA_DIR: dataDir });
if (endpoint.description !== 'already running, reused') {
	const anon = createClient(endpoint.url, LOCAL_ANON_KEY, { auth: { persistSession: false } });
	for (let i = 0; i < 4; i++) {
		await anon.from('check_ins').insert({ id: crypto.randomUUID(), workflow: 'escalated-ticket-reply', task: 'customer-replies', team: 'support', participant: crypto.randomUUID(), confidence: 3, outcome: 'helped' });
	}
}
const { server, url } = await serveStaticSite({ root: `${root}dist` });
const browser = await launchChromium();
try {
	const measure = async (path: string, act?: (page: import('playwright-core').Page) => Promise<void>) => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		const scripts = new Map<string, number>();
		page.on('response', async (response) => {
			if (response.request().resourceType() !== 'script') return;
			const body = await response.body().catch(() => Buffer.alloc(0));
			scripts.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
		});
		await page.goto(url + path, { waitUntil: 'networkidle' });
		const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'));
		const before = new Map(scripts);
		if (act) {
			await act(page);
			await page.waitForLoadState('networkidle');
		}
		await page.close();
		const total = (files: Map<string, number>) => [...files.values()].reduce((a, b) => a + b, 0);
		return { before: total(before), after: total(scripts), files: [...scripts], inline: gzipSync(inline, { level: 9 }).length };
	};
	const workflow = await measure('workflows/escalated-ticket-reply/', async (page) => {
		await page.locator('#feedback').scrollIntoViewIfNeeded();
		await page.getByText(/First, which team|Check in|Check-ins are switched off/).first().waitFor();
	});
	const afterCheckIn = await measure('workflows/escalated-ticket-reply/', async (page) => {
		await page.locator('#feedback').scrollIntoViewIfNeeded();
		await page.getByLabel('First, which team are you on?').selectOption('support');
		await page.getByRole('button', { name: 'Save' }).click();
		await page.getByRole('button', { name: 'I used this' }).click();
		await page.getByText(/Checked in at/).waitFor();
	});
	const indicators = await measure('teams/support/indicators/', async (page) => {
		await page.locator('.chart canvas, [data-testid="team-suppressed"]').first().waitFor();
	});
	const home = await measure('');

	const rows = [
		['workflow page, before the feedback section is visible', workflow.before, workflow.inline, '0 KB of files'],
		['workflow page, islands hydrated', workflow.after, workflow.inline, '≤ 90 KB'],
		['workflow page, after a first check-in (schemas load on submit)', afterCheckIn.after, afterCheckIn.inline, 'reported'],
		['indicators page (charts loaded once data arrives)', indicators.after, indicators.inline, 'reported'],
		['home page', home.after, home.inline, '0 KB of files'],
	] as const;
	for (const [name, files, inline] of rows) process.stdout.write(`${name}: ${kb(files)} of script files + ${kb(inline)} inline (gzip)\n`);

	const section = `<!-- bench:weight -->
## Page weight (\`npm run build && npm run bench:weight\`)

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in Chromium against \`dist/\`; gzip -9 of each script as served.

| page | script files | inline scripts | budget |
|---|---|---|---|
${rows.map(([name, files, inline, budget]) => `| ${name} | ${kb(files)} | ${kb(inline)} | ${budget} |`).join('\n')}

Files of a hydrated workflow page: ${workflow.files.map(([file, size]) => `\`${file.split('/').pop()}\` ${kb(size)}`).join(', ')}.
The indicators page adds the chart library only after the numbers arrive: ${indicators.files.filter(([file]) => /uPlot/i.test(file)).map(([file, size]) => `\`${file.split('/').pop()}\` ${kb(size)}`).join(', ') || '(not loaded: no data to chart)'}.
<!-- /bench:weight -->`;
	const file = `${root}BENCHMARKS.md`;
	const current = await readFile(file, 'utf8').catch(() => '# Benchmarks\n\nFigures from the benchmark scripts; each script rewrites its own section.\n');
	await writeFile(file, current.includes('<!-- bench:weight -->')
		? current.replace(/<!-- bench:weight -->[\s\S]*<!-- \/bench:weight -->/, section)
		: `${current.trimEnd()}\n\n${section}\n`);
	process.stdout.write('BENCHMARKS.md updated.\n');
} finally {
	await browser.close();
	server.close();
	await endpoint.close();
	await rm(dataDir, { recursive: true, force: true });
}
