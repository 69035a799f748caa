/**
 * `npm run bench:check`: how long `npm run check` takes (whole command, Node start included) on the
 * seed content and on N generated workflows (default 1,000). Min/median/max of 5 runs; writes its
 * section of BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workflowCorpus } from '../harness/workflow-corpus.ts';
import { machine, now, projectRoot as root, showSpread, spread, writeSection } from './lib/report.ts';

const N = Number(process.env.BENCH_WORKFLOWS ?? 1000);
const RUNS = 5;

function time(dir: string) {
	const runs: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const started = performance.now();
		execFileSync(process.execPath, [join(root, 'scripts/check-content.ts'), dir], { stdio: 'pipe' });
		runs.push((performance.now() - started) / 1000);
	}
	return spread(runs);
}

const dir = await mkdtemp(join(tmpdir(), 'praxis-check-'));
try {
	await cp(join(root, 'content'), join(dir, 'content'), { recursive: true });
	const seedCount = (await readdir(join(dir, 'content/workflows'))).length;
	const seed = time(dir);
	for (const entry of await workflowCorpus(join(root, 'content/workflows'), N)) {
		await writeFile(join(dir, 'content/workflows', `${entry.slug}.mdx`), entry.praxis);
	}
	const large = time(dir);
	const s = (r: ReturnType<typeof spread>) => showSpread(r, 's', 2);
	process.stdout.write(
		`npm run check: ${seedCount} workflows ${s(seed)}; ${N} workflows ${s(large)} (min / median / max)\n`,
	);
	const rows = [
		{ figure: `\`npm run check\`, seed playbook (${seedCount} workflows)`, measured: s(seed), budget: 'reported' },
		{ figure: `\`npm run check\`, ${N.toLocaleString('en')} workflows`, measured: s(large), budget: 'reported' },
	];
	await writeSection(
		'bench:check',
		`## Content check (\`npm run bench:check\`)

\`node scripts/check-content.ts\` as a whole command (Node start included), min / median / max of ${RUNS} runs, on
${machine()}, ${now()}.

| content | min / median / max |
|---|---|
| seed playbook (${seedCount} workflows, every content file) | ${s(seed)} |
| ${N.toLocaleString('en')} workflows (the seed playbook and variants of it, as in \`bench:site\`) | ${s(large)} |`,
		rows,
	);
} finally {
	await rm(dir, { recursive: true, force: true });
}
