/**
 * `npm run bench:data`: measures the feedback data layer and writes the figures into BENCHMARKS.md.
 *
 *  1. Embedded endpoint (PGlite): N concurrent supabase-js clients inserting check-ins for S seconds;
 *     inserts/s, latency percentiles, errors; then RPC latency of the read functions.
 *  2. Read functions at scale on a real PostgreSQL server: 1,000,000 check-ins over 50 teams and
 *     12 weeks; p50/p95 of team_indicators and workflow_summary, and EXPLAIN ANALYZE of the slowest.
 *
 * Options (env): BENCH_CLIENTS (50), BENCH_SECONDS (30), BENCH_ROWS (1000000), BENCH_CALLS (40).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import { LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY } from '../server/auth.ts';
import { openPostgres } from '../server/database.ts';
import { startFromEnv } from '../server/main.ts';
import { migrate } from '../server/migrate.ts';
import type { Database as Schema } from '../src/lib/database.types.ts';
import { findPostgresBinaries, startPostgres } from '../tests/helpers/postgres-server.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 40);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function endpointThroughput() {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-bench-'));
	const endpoint = await startFromEnv({ PRAXIS_DATA_DIR: dataDir, PRAXIS_ENDPOINT_PORT: '0' });
	try {
		// The clients run in their own process, as real browsers would, so the endpoint's event loop
		// and the load generator's do not compete for one core.
		const output = await new Promise<string>((resolve, reject) => {
			execFile(process.execPath, [join(root, 'scripts/insert-load.ts'), endpoint.url, String(CLIENTS), String(SECONDS)], { maxBuffer: 1 << 20 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
		});
		const { acknowledged, errors, p50, p99 } = JSON.parse(output) as { acknowledged: number; errors: number; p50: number; p99: number };
		const service = createClient<Schema>(endpoint.url, LOCAL_SERVICE_ROLE_KEY, { auth: { persistSession: false } });
		const { count } = await service.from('check_ins').select('*', { count: 'exact', head: true });
		const anon = createClient<Schema>(endpoint.url, LOCAL_ANON_KEY, { auth: { persistSession: false } });
		const rpcTimes = async (call: () => PromiseLike<unknown>) => {
			const times: number[] = [];
			for (let i = 0; i < 100; i++) {
				const started = performance.now();
				await call();
				times.push(performance.now() - started);
			}
			return times.sort((a, b) => a - b);
		};
		const summary = await rpcTimes(() => anon.rpc('workflow_summary', { p_workflow: 'escalated-ticket-reply', p_team: 'support' }));
		const indicators = await rpcTimes(() => anon.rpc('team_indicators', { p_team: 'support', p_weeks: 12 }));
		return {
			insertsPerSecond: acknowledged / SECONDS,
			acknowledged,
			stored: count ?? 0,
			errors,
			p50,
			p99,
			rows: count ?? 0,
			summary: { p50: percentile(summary, 50), p95: percentile(summary, 95) },
			indicators: { p50: percentile(indicators, 50), p95: percentile(indicators, 95) },
		};
	} finally {
		await endpoint.close();
		await rm(dataDir, { recursive: true, force: true });
	}
}

async function readFunctionsAtScale(binary: { major: number; bin: string }) {
	const server = await startPostgres(binary);
	const db = await openPostgres(server.url);
	try {
		await migrate(db);
		const loadStarted = performance.now();
		// 50 teams x 40 participants; 200 workflows over 10 task types; spread over 12 weeks.
		await db.admin.exec(`
			insert into public.check_ins (id, workflow, task, team, participant, confidence, outcome, error_caught, error_kind, minutes_saved, created_at)
			select gen_random_uuid(),
			       'workflow-' || (i % 200),
			       'task-' || (i % 200 % 10),
			       'team-' || (i % 50),
			       ('00000000-0000-4000-8000-' || lpad(((i % 50) * 40 + (i / 50) % 40)::text, 12, '0'))::uuid,
			       1 + (i % 5),
			       (array['helped', 'no_difference', 'got_in_the_way'])[1 + i % 3],
			       (array['none', 'none', 'before', 'after'])[1 + i % 4],
			       case when i % 4 >= 2 then 'wrong_number' end,
			       i % 60,
			       now() - make_interval(secs => (i::bigint * 7919 % (84 * 86400))::double precision)
			from generate_series(1, ${ROWS}) as i;
		`);
		// As autovacuum would after a bulk load: statistics and the visibility map for index-only scans.
		await db.admin.exec('vacuum analyze public.check_ins');
		const loadSeconds = (performance.now() - loadStarted) / 1000;
		const time = async (text: string, params: unknown[]) => {
			const times: number[] = [];
			for (let i = 0; i < CALLS; i++) {
				const started = performance.now();
				await db.asRole('anon', {}, (sql) => sql.query(text, params.map((p) => (typeof p === 'function' ? p(i) : p))));
				times.push(performance.now() - started);
			}
			return times.sort((a, b) => a - b);
		};
		const indicators = await time('select public.team_indicators($1, 12)::text', [(i: number) => `team-${i % 50}`]);
		const summary = await time('select public.workflow_summary($1)::text', [(i: number) => `workflow-${i % 200}`]);
		const summaryTeam = await time('select public.workflow_summary($1, $2)::text', [(i: number) => `workflow-${i % 200}`, (i: number) => `team-${i % 50}`]);
		const explain = await db.asRole('service_role', {}, (sql) =>
			sql.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off)
				select c.task, count(*), count(distinct c.participant), avg(c.confidence)
				from public.check_ins c
				where c.team = 'team-7' and c.created_at >= date_trunc('week', now()) - interval '11 weeks'
				group by c.task`));
		return {
			major: binary.major,
			loadSeconds,
			indicators: { p50: percentile(indicators, 50), p95: percentile(indicators, 95), max: indicators.at(-1)! },
			summary: { p50: percentile(summary, 50), p95: percentile(summary, 95), max: summary.at(-1)! },
			summaryTeam: { p50: percentile(summaryTeam, 50), p95: percentile(summaryTeam, 95), max: summaryTeam.at(-1)! },
			explain: explain.rows.map((row) => row['QUERY PLAN']).join('\n'),
		};
	} finally {
		await db.close();
		await server.stop();
	}
}

const endpoint = await endpointThroughput();
process.stdout.write(`Endpoint: ${endpoint.insertsPerSecond.toFixed(0)} inserts/s with ${CLIENTS} clients for ${SECONDS} s (p50 ${ms(endpoint.p50)}, p99 ${ms(endpoint.p99)}, errors ${endpoint.errors}, acknowledged ${endpoint.acknowledged}, stored ${endpoint.stored})\n`);
process.stdout.write(`RPC on ${endpoint.rows} rows: workflow_summary p50 ${ms(endpoint.summary.p50)} p95 ${ms(endpoint.summary.p95)}; team_indicators p50 ${ms(endpoint.indicators.p50)} p95 ${ms(endpoint.indicators.p95)}\n`);
const scales = [];
for (const binary of findPostgresBinaries()) {
	const scale = await readFunctionsAtScale(binary);
	scales.push(scale);
	process.stdout.write(`PostgreSQL ${scale.major}, ${ROWS} check-ins (loaded in ${scale.loadSeconds.toFixed(1)} s): team_indicators p50 ${ms(scale.indicators.p50)} p95 ${ms(scale.indicators.p95)}; workflow_summary p50 ${ms(scale.summary.p50)} p95 ${ms(scale.summary.p95)}; with team p95 ${ms(scale.summaryTeam.p95)}\n`);
}

const section = `<!-- bench:data -->
## Feedback data layer (\`npm run bench:data\`)

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.

**Embedded endpoint (PGlite, persisted to disk)**, ${CLIENTS} concurrent supabase-js clients (in a separate process, \`scripts/insert-load.ts\`) inserting for ${SECONDS} s:

| figure | value |
|---|---|
| inserts/s (acknowledged) | ${endpoint.insertsPerSecond.toFixed(0)} |
| insert latency p50 / p99 | ${ms(endpoint.p50)} / ${ms(endpoint.p99)} |
| errors | ${endpoint.errors} |
| acknowledged = stored | ${endpoint.acknowledged} = ${endpoint.stored} |
| \`workflow_summary\` RPC p50 / p95 (100 calls, ${endpoint.rows} rows) | ${ms(endpoint.summary.p50)} / ${ms(endpoint.summary.p95)} |
| \`team_indicators\` RPC p50 / p95 (100 calls) | ${ms(endpoint.indicators.p50)} / ${ms(endpoint.indicators.p95)} |

${scales.length ? scales.map((scale) => `**Read functions at scale**: PostgreSQL ${scale.major} server, ${ROWS.toLocaleString('en')} check-ins over 50 teams, 200 workflows and 12 weeks (loaded in ${scale.loadSeconds.toFixed(1)} s); ${CALLS} calls each, as anon, in SQL (no HTTP):

| function | p50 | p95 | max | budget p95 |
|---|---|---|---|---|
| \`team_indicators(team, 12)\` | ${ms(scale.indicators.p50)} | ${ms(scale.indicators.p95)} | ${ms(scale.indicators.max)} | 50 ms: ${scale.indicators.p95 <= 50 ? 'holds' : 'does not hold'} |
| \`workflow_summary(workflow)\` | ${ms(scale.summary.p50)} | ${ms(scale.summary.p95)} | ${ms(scale.summary.max)} | 50 ms: ${scale.summary.p95 <= 50 ? 'holds' : 'does not hold'} |
| \`workflow_summary(workflow, team)\` | ${ms(scale.summaryTeam.p50)} | ${ms(scale.summaryTeam.p95)} | ${ms(scale.summaryTeam.max)} | 50 ms: ${scale.summaryTeam.p95 <= 50 ? 'holds' : 'does not hold'} |

The core query of \`team_indicators\` (one team, 12 weeks), \`EXPLAIN ANALYZE\`:

\`\`\`
${scale.explain}
\`\`\`
`).join('\n') : 'No PostgreSQL server binaries found: the at-scale figures were not measured.\n'}
<!-- /bench:data -->`;

const file = join(root, 'BENCHMARKS.md');
const current = await readFile(file, 'utf8').catch(() => '# Benchmarks\n\nFigures from the benchmark scripts; each script rewrites its own section.\n');
const updated = current.includes('<!-- bench:data -->')
	? current.replace(/<!-- bench:data -->[\s\S]*<!-- \/bench:data -->/, section)
	: `${current.trimEnd()}\n\n${section}\n`;
await writeFile(file, updated);
process.stdout.write('BENCHMARKS.md updated.\n');
