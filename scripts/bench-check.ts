/**
 * `npm run bench:check`: how long `npm run check` takes (whole command, Node start included) on the
 * seed content and on N generated workflows (default 1,000). Min/median/max of 5 runs; writes its
 * section of BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const N = Number(process.env.BENCH_WORKFLOWS ?? 1000);
const RUNS = 5;

function time(dir: string) {
	const runs: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const started = performance.now();
		execFileSync(process.execPath, [join(root, 'scripts/check-content.ts'), dir], { stdio: 'pipe' });
		runs.push((performance.now() - started) / 1000);
	}
	runs.sort((a, b) => a - b);
	return { min: runs[0]!, median: runs[Math.floor(RUNS / 2)]!, max: runs.at(-1)! };
}

const dir = await mkdtemp(join(tmpdir(), 'praxis-check-'));
try {
	await cp(join(root, 'content'), join(dir, 'content'), { recursive: true });
	const seedCount = (await readdir(join(dir, 'content/workflows'))).length;
	const seed = time(dir);
	const templates = await Promise.all((await readdir(join(dir, 'content/workflows'))).map((f) => readFile(join(dir, 'content/workflows', f), 'utf8')));
	for (let i = 0; i < N - seedCount; i++) {
		const text = templates[i % templates.length]!.replace(/^title: (.*)$/m, `title: $1 (variant ${i})`).replace(/^related: .*$/m, 'related: []');
		await writeFile(join(dir, 'content/workflows', `generated-${i}.mdx`), text);
	}
	const large = time(dir);
	const s = (r: { min: number; median: number; max: number }) => `${r.min.toFixed(2)} / ${r.median.toFixed(2)} / ${r.max.toFixed(2)} s`;
	process.stdout.write(`npm run check: ${seedCount} workflows ${s(seed)}; ${N} workflows ${s(large)} (min / median / max)\n`);

	const section = `<!-- bench:check -->
## Content check (\`npm run bench:check\`)

\`node scripts/check-content.ts\` as a whole command (Node start included), ${RUNS} runs, on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.

| content | min / median / max |
|---|---|
| seed playbook (${seedCount} workflows, 47 files in all) | ${s(seed)} |
| ${N.toLocaleString('en')} workflows (seed files repeated with new titles) | ${s(large)} |
<!-- /bench:check -->`;
	const file = join(root, 'BENCHMARKS.md');
	const current = await readFile(file, 'utf8');
	await writeFile(file, current.includes('<!-- bench:check -->')
		? current.replace(/<!-- bench:check -->[\s\S]*<!-- \/bench:check -->/, section)
		: `${current.trimEnd()}\n\n${section}\n`);
} finally {
	await rm(dir, { recursive: true, force: true });
}
