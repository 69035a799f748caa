/**
 * `npm run bench:weight`: JavaScript a page really loads, measured in Chromium against the built
 * site (`dist/`, run `npm run build` first): what a workflow page fetches before the feedback section
 * is visible, after its islands hydrate, and what an indicators page fetches. Sizes are gzip -9 of
 * each file as served, plus inline scripts. Three runs, each in a fresh browser context. Writes its
 * section of BENCHMARKS.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClient } from '@supabase/supabase-js';
import { LOCAL_SERVICE_ROLE_KEY } from '../endpoint/auth.ts';
import { startEndpointForSite } from '../endpoint/main.ts';
import { launchChromium } from '../harness/browser.ts';
import { checkInReady, checkInWith } from '../harness/check-in-ui.ts';
import { createInvite } from '../scripts/invites.ts';
import { serveStaticSite } from '../scripts/static-site.ts';
import type { Database } from '../src/lib/data-api/database.ts';
import { joinLink } from '../src/lib/identity/membership.ts';
import {
	type Budget,
	kb,
	machine,
	now,
	projectRoot as root,
	showSpread,
	spread,
	tableRow,
	verdict,
	writeSection,
} from './lib/report.ts';

const RUNS = 3;

// The indicators page loads its charts once there are numbers, so give it some (last week: measures are
// published for closed weeks): start a throwaway endpoint (unless one already runs on the site's port,
// which is then used as it is).
const dataDir = await mkdtemp(join(tmpdir(), 'praxis-weight-'));
const endpoint = await startEndpointForSite({ ...process.env, PRAXIS_DATA_DIR: dataDir });
const service = createClient<Database>(endpoint.url, LOCAL_SERVICE_ROLE_KEY, { auth: { persistSession: false } });
if (endpoint.description !== 'already running, reused') {
	const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString();
	for (let i = 0; i < 4; i++) {
		await service.from('check_ins').insert({
			created_at: lastWeek,
			id: crypto.randomUUID(),
			workflow: 'escalated-ticket-reply',
			task: 'customer-replies',
			team: 'support',
			participant: crypto.randomUUID(),
			confidence: 3,
			outcome: 'helped',
		});
	}
}
const { server, url } = await serveStaticSite({ root: `${root}dist` });
const browser = await launchChromium();
/** A browser whose person has joined Support, as a returning member's browser is. */
async function memberContext() {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(joinLink(url, (await createInvite(service, 'support', 1, 1, url)).code));
	await page.getByTestId('joined').waitFor();
	await page.close();
	return context;
}
try {
	const measure = async (
		path: string,
		act?: (page: import('playwright-core').Page) => Promise<void>,
		context?: import('playwright-core').BrowserContext,
	) => {
		const page = context ? await context.newPage() : await browser.newPage({ viewport: { width: 1280, height: 800 } });
		const scripts = new Map<string, number>();
		page.on('response', async (response) => {
			if (response.request().resourceType() !== 'script') return;
			const body = await response.body().catch(() => Buffer.alloc(0));
			scripts.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
		});
		await page.goto(url + path, { waitUntil: 'networkidle' });
		const inline = await page.evaluate(() =>
			[...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'),
		);
		const before = new Map(scripts);
		if (act) {
			await act(page);
			await page.waitForLoadState('networkidle');
		}
		await page.close();
		const total = (files: Map<string, number>) => [...files.values()].reduce((a, b) => a + b, 0);
		return {
			before: total(before),
			after: total(scripts),
			files: [...scripts],
			inline: gzipSync(inline, { level: 9 }).length,
		};
	};
	type Measured = Awaited<ReturnType<typeof measure>>;
	const runs: {
		workflow: Measured;
		firstJoin: Measured;
		afterCheckIn: Measured;
		indicators: Measured;
		home: Measured;
	}[] = [];
	for (let run = 0; run < RUNS; run++) {
		const member = await memberContext();
		// A returning member: the check-in form and the team summary, with the session from storage.
		const workflow = await measure(
			'workflows/escalated-ticket-reply/',
			async (page) => {
				await page.locator('#feedback').scrollIntoViewIfNeeded();
				await checkInReady(page);
				await page.locator('[data-testid="summary-numbers"], [data-testid="summary-suppressed"]').first().waitFor();
			},
			member,
		);
		const afterCheckIn = await measure(
			'workflows/escalated-ticket-reply/',
			async (page) => {
				await page.locator('#feedback').scrollIntoViewIfNeeded();
				await checkInWith(page, 4);
				await page.getByText(/Checked in at/).waitFor();
			},
			member,
		);
		// A first-time visitor joins on the workflow page: the sign-in client loads then, not before.
		const firstJoin = await measure('workflows/escalated-ticket-reply/', async (page) => {
			await page.locator('#feedback').scrollIntoViewIfNeeded();
			await page
				.getByLabel("Your team's join link")
				.fill(joinLink(url, (await createInvite(service, 'support', 1, 1, url)).code));
			await page.getByRole('button', { name: 'Join' }).click();
			await checkInReady(page);
		});
		const indicators = await measure(
			'teams/support/indicators/',
			async (page) => {
				await page.locator('.chart canvas, [data-testid="team-suppressed"]').first().waitFor();
			},
			member,
		);
		const home = await measure('');
		await member.close();
		runs.push({ workflow, firstJoin, afterCheckIn, indicators, home });
	}
	const sizes = (pick: (run: (typeof runs)[number]) => number) => {
		const s = spread(runs.map(pick));
		// Bytes rarely differ between runs; one figure reads better than three equal ones.
		return s.min === s.max
			? `${kb(s.min)} (all ${RUNS} runs)`
			: showSpread({ min: s.min / 1024, median: s.median / 1024, max: s.max / 1024 }, 'KB');
	};
	const chartFile = /uPlot/i;
	const chartElsewhere = runs.some((r) =>
		[r.workflow, r.firstJoin, r.afterCheckIn, r.home].some((m) => m.files.some(([file]) => chartFile.test(file))),
	);
	const hydrated = Math.max(...runs.map((r) => r.workflow.after));
	const before = Math.max(...runs.map((r) => r.workflow.before));
	const budgets: Budget[] = [
		{
			figure: 'workflow page, script files loaded before the feedback section is visible (gzip)',
			measured: sizes((r) => r.workflow.before),
			budget: '0 KB',
			holds: before === 0,
		},
		{
			figure: 'workflow page, script files with all islands hydrated, as a member (gzip)',
			measured: sizes((r) => r.workflow.after),
			budget: '≤ 90 KB',
			holds: hydrated <= 90 * 1024,
		},
		{
			figure: 'workflow page, a first-time visitor joining there (the sign-in client loads on joining)',
			measured: sizes((r) => r.firstJoin.after),
			budget: 'reported',
		},
		{
			figure: 'workflow page, after a first check-in (the payload schemas load on submit)',
			measured: sizes((r) => r.afterCheckIn.after),
			budget: 'reported',
		},
		{ figure: 'indicators page, charts drawn (gzip)', measured: sizes((r) => r.indicators.after), budget: 'reported' },
		{
			figure: 'chart library loaded on the workflow or home page',
			measured: chartElsewhere ? 'yes' : 'no',
			budget: 'no',
			holds: !chartElsewhere,
		},
	];
	for (const b of budgets) process.stdout.write(`${b.figure}: ${b.measured}\n`);

	const last = runs.at(-1)!;
	await writeSection(
		'bench:weight',
		`## Page weight (\`npm run build && npm run bench:weight\`)

Measured ${now()} on ${machine()}, in Chromium against \`dist/\`, ${RUNS} runs; gzip -9 of each script as served, and of
the page's inline scripts.

| page | script files | inline scripts | budget | |
|---|---|---|---|---|
${[
	tableRow(
		'workflow page, before the feedback section is visible',
		sizes((r) => r.workflow.before),
		kb(last.workflow.inline),
		'0 KB of files',
		verdict(before === 0),
	),
	tableRow(
		'workflow page, islands hydrated, as a member',
		sizes((r) => r.workflow.after),
		kb(last.workflow.inline),
		'≤ 90 KB',
		verdict(hydrated <= 90 * 1024),
	),
	tableRow(
		'workflow page, a first-time visitor joining there (sign-in client loads on joining)',
		sizes((r) => r.firstJoin.after),
		kb(last.firstJoin.inline),
		'reported',
		'',
	),
	tableRow(
		'workflow page, after a check-in (schemas load on submit)',
		sizes((r) => r.afterCheckIn.after),
		kb(last.afterCheckIn.inline),
		'reported',
		'',
	),
	tableRow(
		'indicators page (charts loaded once data arrives)',
		sizes((r) => r.indicators.after),
		kb(last.indicators.inline),
		'reported',
		'',
	),
	tableRow(
		'home page',
		sizes((r) => r.home.after),
		kb(last.home.inline),
		'0 KB of files',
		verdict(Math.max(...runs.map((r) => r.home.after)) === 0),
	),
].join('\n')}

Files a first-time visitor's workflow page loads by the time they have joined: ${last.firstJoin.files
			.filter(([file]) => !last.workflow.files.some(([seen]) => seen === file))
			.map(([file, size]) => `\`${file.split('/').pop()}\` ${kb(size)}`)
			.join(', ')} on top of the member's.
Files of a hydrated workflow page:
${last.workflow.files.map(([file, size]) => `\`${file.split('/').pop()}\` ${kb(size)}`).join(', ')}.
The indicators page adds the chart library only after the numbers arrive: ${
			last.indicators.files
				.filter(([file]) => chartFile.test(file))
				.map(([file, size]) => `\`${file.split('/').pop()}\` ${kb(size)}`)
				.join(', ') || '(not loaded: no data to chart)'
		}; no other page loads it.`,
		budgets,
	);
	process.stdout.write('BENCHMARKS.md updated.\n');
} finally {
	await browser.close();
	server.close();
	await endpoint.close();
	await rm(dataDir, { recursive: true, force: true });
}
