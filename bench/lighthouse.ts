/**
 * `npm run bench:lighthouse`: Lighthouse (its default mobile profile: a mid-range phone, slow 4G,
 * 4× CPU slowdown) on every page type of the built site (`dist/`, run `npm run build` first) with the
 * seeded demo behind it, as a Support member (the team pages and /me/ show their data, not a join
 * form). Three runs of each page, each in a fresh Chromium on the same profile. Budgets: 100 in each
 * category, CLS ≤ 0.01. Writes its section of BENCHMARKS.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../harness/browser.ts';
import { seededDemo } from '../harness/seeded-demo.ts';
import { type Budget, budgetTable, machine, now, showSpread, spread, tableRow, writeSection } from './lib/report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const CLS_BUDGET = 0.01;

/** Page types, as a reader reaches them. */
const PAGES: [name: string, path: string][] = [
	['home', ''],
	['workflow', 'workflows/escalated-ticket-reply/'],
	['search with a query', 'search/?q=review'],
	['task', 'tasks/customer-replies/'],
	['team', 'teams/support/'],
	['indicators', 'teams/support/indicators/'],
	['digest', 'teams/support/digest/'],
	['contribute', 'contribute/'],
	['my practice', 'me/'],
];

interface Result {
	scores: Record<(typeof CATEGORIES)[number], number>;
	cls: number;
	lcp: number;
	tbt: number;
	failing: string[];
}

const log = (line: string) => process.stdout.write(`${line}\n`);

const demo = await seededDemo();
const profile = await mkdtemp(join(tmpdir(), 'praxis-lighthouse-profile-'));
try {
	// The reader is a Support member: join once in this profile; Lighthouse keeps its storage.
	const joining = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath(),
		args: ['--headless', '--no-sandbox'],
	});
	const page = joining.pages()[0] ?? (await joining.newPage());
	await page.goto(demo.joinUrl);
	await page.getByTestId('joined').waitFor();
	await joining.close();

	const results = new Map<string, Result[]>();
	for (let run = 0; run < RUNS; run++) {
		for (const [name, path] of PAGES) {
			const chrome = await chromeLauncher.launch({
				chromePath: chromiumPath(),
				userDataDir: profile,
				chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
			});
			try {
				const answer = await lighthouse(demo.siteUrl + path, {
					port: chrome.port,
					output: 'json',
					logLevel: 'error',
					onlyCategories: [...CATEGORIES],
					disableStorageReset: true,
				});
				const lhr = answer?.lhr;
				if (!lhr) throw new Error(`Lighthouse gave no result for /${path}`);
				const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
				const result: Result = {
					scores: Object.fromEntries(
						CATEGORIES.map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)]),
					) as Result['scores'],
					cls: numeric('cumulative-layout-shift'),
					lcp: numeric('largest-contentful-paint'),
					tbt: numeric('total-blocking-time'),
					failing: Object.values(lhr.audits)
						.filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative')
						.map((audit) => audit.id),
				};
				results.set(name, [...(results.get(name) ?? []), result]);
				log(
					`${name} (run ${run + 1}): ${CATEGORIES.map((c) => result.scores[c]).join(' / ')}, CLS ` +
						`${result.cls.toFixed(3)}, LCP ${Math.round(result.lcp)} ms, TBT ${Math.round(result.tbt)} ms` +
						(result.failing.length ? `; below 90: ${result.failing.join(', ')}` : ''),
				);
			} finally {
				chrome.kill();
			}
		}
	}

	const rows: string[] = [];
	const budgets: Budget[] = [];
	for (const [name, path] of PAGES) {
		const runs = results.get(name)!;
		const score = (category: (typeof CATEGORIES)[number]) => spread(runs.map((r) => r.scores[category]));
		const cls = spread(runs.map((r) => r.cls));
		const allHundred = CATEGORIES.every((category) => score(category).median === 100);
		const failing = [...new Set(runs.flatMap((r) => r.failing))];
		rows.push(
			tableRow(
				`${name} (\`/${path}\`)`,
				...CATEGORIES.map((category) => showSpread(score(category), '', 0)),
				showSpread(cls, '', 3),
				showSpread(spread(runs.map((r) => r.lcp)), ' ms', 0),
				showSpread(spread(runs.map((r) => r.tbt)), ' ms', 0),
				failing.join(', ') || '–',
			),
		);
		budgets.push({
			figure: `Lighthouse, mobile, ${name}: performance / accessibility / best practices / SEO (medians)`,
			measured: CATEGORIES.map((category) => score(category).median).join(' / '),
			budget: '100 each',
			holds: allHundred,
		});
		budgets.push({
			figure: `Lighthouse, mobile, ${name}: CLS (median)`,
			measured: cls.median.toFixed(3),
			budget: `≤ ${CLS_BUDGET}`,
			holds: cls.median <= CLS_BUDGET,
		});
	}
	const held = budgets.filter((b) => b.holds).length;
	await writeSection(
		'bench:lighthouse',
		`## Lighthouse (\`npm run build && npm run bench:lighthouse\`)

Measured ${now()} on ${machine()}. Lighthouse 12.8 in its default mobile profile (emulated mid-range
phone, slow 4G, 4× CPU slowdown) on Debian's Chromium, ${RUNS} runs of each page, against the built site
served from 127.0.0.1 with the seeded demo (\`npm run seed\`) behind it, as a Support member. Each cell is
min / median / max; the last column names the audits that scored below 90 in any run.

| page | performance | accessibility | best practices | SEO | CLS | LCP | TBT | audits below 90 |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

${held} of ${budgets.length} budgets hold.

${budgetTable(budgets)}
`,
		budgets,
	);
} finally {
	await demo.close();
	await rm(profile, { recursive: true, force: true });
}
