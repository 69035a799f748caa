/**
 * `npm run bench`: every benchmark in turn (each a script of its own, runnable alone), then the
 * table of budgets it wrote at the top of BENCHMARKS.md. Not part of `npm test`: it takes about
 * about an hour and measures this machine, not correctness.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { budgetSummary, projectRoot } from './lib/report.ts';

const steps: [string, string[]][] = [
	['build the site (npm run build) for bench:weight and bench:lighthouse', [join(projectRoot, 'scripts/build.ts')]],
	['bench:weight', [join(projectRoot, 'bench/weight.ts')]],
	['bench:lighthouse', [join(projectRoot, 'bench/lighthouse.ts')]],
	['bench:check', [join(projectRoot, 'bench/check.ts')]],
	['bench:data', [join(projectRoot, 'bench/data.ts')]],
	['bench:site', [join(projectRoot, 'bench/site.ts')]],
	['bench:scale', [join(projectRoot, 'bench/scale.ts')]],
	['bench:peer', [join(projectRoot, 'bench/peer.ts')]],
];
for (const [name, args] of steps) {
	process.stdout.write(`\n== ${name}\n`);
	const result = spawnSync(process.execPath, args, {
		cwd: projectRoot,
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' },
	});
	if (result.status !== 0) {
		process.stderr.write(
			`${name} failed (exit ${result.status ?? result.signal}); the sections already written stay in BENCHMARKS.md.\n`,
		);
		process.exit(1);
	}
}
process.stdout.write(`\n${(await budgetSummary()).replace(/<!-- \/?summary -->\n?/g, '')}\n`);
