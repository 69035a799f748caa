/**
 * What every benchmark script shares: min/median/max of repeated runs, the line that says where and
 * when a figure was measured, and rewriting one script's own section of BENCHMARKS.md.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { projectRoot } from '../../harness/paths.ts';
import type { Spread } from '../../harness/statistics.ts';

export { percentile, type Spread, spread } from '../../harness/statistics.ts';
export { projectRoot };

const benchmarksFile = `${projectRoot}BENCHMARKS.md`;

export const showSpread = (s: Spread, unit: string, digits = 1) =>
	`${s.min.toFixed(digits)} / ${s.median.toFixed(digits)} / ${s.max.toFixed(digits)} ${unit}`;

/** A Markdown table row from its cells. */
export const tableRow = (...cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The budget column: whether the figure stays within its budget. */
export const verdict = (holds: boolean) => (holds ? 'holds' : '**does not hold**');

export function machine(): string {
	const cpu = cpus();
	return (
		`${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ` +
		`${process.version}`
	);
}

export const now = () => `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** One line of the budget summary at the top of BENCHMARKS.md. */
export interface Budget {
	figure: string;
	measured: string;
	budget: string;
	/** Undefined for figures that are reported, not held to a number. */
	holds?: boolean;
}

/** A section's budgets as a Markdown table: figure, measured, budget, and whether it holds (blank if reported). */
export const budgetTable = (budgets: Budget[]) =>
	[
		'| figure | measured | budget | |',
		'|---|---|---|---|',
		...budgets.map((b) => tableRow(b.figure, b.measured, b.budget, b.holds === undefined ? '' : verdict(b.holds))),
	].join('\n');

function summary(document: string): string {
	const rows: string[] = [];
	for (const match of document.matchAll(/<!-- (bench:[\w-]+) -->\n<!-- budgets (.*) -->/g)) {
		const budgets = JSON.parse(match[2]!) as Budget[];
		for (const b of budgets)
			rows.push(
				`| ${b.figure} | ${b.measured} | ${b.budget} | ${b.holds === undefined ? 'reported' : verdict(b.holds)} | ` +
					`\`npm run ${match[1]}\` |`,
			);
	}
	return `<!-- summary -->
## Budgets at a glance

Every figure with a budget, from the sections below (each says when and on what it was measured). \`npm run bench\` runs
them all.

| figure | measured | budget | | from |
|---|---|---|---|---|
${rows.join('\n')}
<!-- /summary -->`;
}

/**
 * Replaces the text between \`<!-- name -->\` and \`<!-- /name -->\` in BENCHMARKS.md (or appends it),
 * keeps its budgets beside it, and rewrites the summary table from the budgets of every section.
 */
export async function writeSection(name: string, body: string, budgets: Budget[]): Promise<void> {
	const section = `<!-- ${name} -->\n<!-- budgets ${JSON.stringify(budgets)} -->\n${body.trim()}\n<!-- /${name} -->`;
	const current = await readFile(benchmarksFile, 'utf8').catch(() => '# Benchmarks\n');
	const marker = new RegExp(`<!-- ${name} -->[\\s\\S]*<!-- /${name} -->`);
	let document = marker.test(current) ? current.replace(marker, () => section) : `${current.trimEnd()}\n\n${section}\n`;
	const table = summary(document);
	document = /<!-- summary -->[\s\S]*<!-- \/summary -->/.test(document)
		? document.replace(/<!-- summary -->[\s\S]*<!-- \/summary -->/, () => table)
		: document.replace(/\n/, () => `\n\n${table}\n`);
	await writeFile(benchmarksFile, document);
}

/** The summary table as plain text, for the end of \`npm run bench\`. */
export async function budgetSummary(): Promise<string> {
	return summary(await readFile(benchmarksFile, 'utf8'));
}
