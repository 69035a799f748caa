/**
 * `npm run bench:peer`: Praxis against Starlight at 1,000 workflows (BENCH_PEER_SIZE) on two corpora,
 * the bench corpus and a second one of other shapes (`harness/workflow-corpus.ts`, `mixed`: short and
 * long bodies, tables, code blocks, long lists), so the ratio does not depend on one corpus. Cold builds
 * including the search index, BENCH_RUNS runs (3), Praxis and Starlight interleaved. Writes its section
 * of BENCHMARKS.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyOfProject } from '../harness/project-copy.ts';
import { type CorpusShape, workflowCorpus } from '../harness/workflow-corpus.ts';
import { clearBuildCaches, siteBuild, writePraxisCorpus } from './lib/astro-build.ts';
import type { MeasuredRun } from './lib/measured-run.ts';
import {
	type Budget,
	budgetTable,
	machine,
	now,
	projectRoot,
	showSpread,
	spread,
	tableRow,
	writeSection,
} from './lib/report.ts';
import { installStarlight, writeStarlightPages } from './lib/starlight-peer.ts';

const SIZE = Number(process.env.BENCH_PEER_SIZE ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BUDGET = 0.3;
const SHAPES: [CorpusShape, string][] = [
	['notes', 'bench corpus (seed workflows with a paragraph of notes each)'],
	['mixed', 'second corpus (bodies of other shapes: a sentence, long sections, tables, code blocks, lists)'],
];
const log = (line: string) => process.stdout.write(`${line}\n`);

const praxisDir = await copyOfProject();
const starlightDir = await mkdtemp(join(tmpdir(), 'praxis-starlight-peer-'));
try {
	const versions = await installStarlight(starlightDir);
	log(`Starlight ${versions.starlight} on Astro ${versions.astro}`);
	const rows: string[] = [];
	const budgets: Budget[] = [];
	for (const [shape, description] of SHAPES) {
		const corpus = await workflowCorpus(join(projectRoot, 'content/workflows'), SIZE, shape);
		await writePraxisCorpus(praxisDir, corpus);
		await writeStarlightPages(starlightDir, corpus);
		const praxis: MeasuredRun[] = [];
		const starlight: MeasuredRun[] = [];
		for (let run = 1; run <= RUNS; run++) {
			for (const [name, dir, runs] of [
				['Praxis', praxisDir, praxis],
				['Starlight', starlightDir, starlight],
			] as const) {
				await clearBuildCaches(dir);
				const measured = await siteBuild(name, dir);
				runs.push(measured);
				log(`${shape}, ${name}, run ${run}: ${measured.seconds.toFixed(1)} s`);
			}
		}
		const p = spread(praxis.map((r) => r.seconds));
		const s = spread(starlight.map((r) => r.seconds));
		const ratio = p.median / s.median;
		rows.push(tableRow(description, showSpread(p, 's'), showSpread(s, 's'), ratio.toFixed(2)));
		budgets.push({
			figure:
				`Praxis ÷ Starlight build time, ${SIZE.toLocaleString('en')} workflows, ` +
				`${shape === 'notes' ? 'bench' : 'second'} corpus (medians)`,
			measured: ratio.toFixed(2),
			budget: `≤ ${BUDGET}`,
			holds: ratio <= BUDGET,
		});
	}
	await writeSection(
		'bench:peer',
		`## Versus Starlight on two corpora (\`npm run bench:peer\`)

Measured ${now()} on ${machine()}. ${SIZE.toLocaleString('en')} workflows, ${RUNS} cold builds of each site
(search index included), Praxis and Starlight ${versions.starlight} (on the same Astro ${versions.astro})
interleaved; Starlight gets the same text as one MDX page per workflow, with its default sidebar.

| corpus | Praxis (min / median / max) | Starlight | Praxis ÷ Starlight (medians) |
|---|---|---|---|
${rows.join('\n')}

${budgetTable(budgets)}
`,
		budgets,
	);
} finally {
	await rm(praxisDir, { recursive: true, force: true });
	await rm(starlightDir, { recursive: true, force: true });
}
