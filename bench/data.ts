/**
 * `npm run bench:data`: measures the feedback data layer and writes the figures into BENCHMARKS.md.
 *
 *  1. Embedded endpoint (PGlite): N concurrent supabase-js clients inserting check-ins for S seconds;
 *     inserts/s, latency percentiles, errors; then RPC latency of the read functions. The same load
 *     on the endpoint over a PostgreSQL server (DATABASE_URL), reported beside it.
 *  2. Read functions at scale on a real PostgreSQL server: 1,000,000 check-ins over 50 teams and
 *     12 weeks; p50/p95 of team_indicators and workflow_summary, and EXPLAIN ANALYZE of the slowest.
 *
 * Each is run BENCH_RUNS times (3) and reported as min / median / max over the runs.
 * Options (env): BENCH_CLIENTS (50), BENCH_SECONDS (30), BENCH_ROWS (1000000), BENCH_CALLS (40), BENCH_RUNS (3).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY } from '../endpoint/auth.ts';
import { openPglite, openPostgres } from '../endpoint/database.ts';
import { startEndpoint } from '../endpoint/endpoint.ts';
import { migrate } from '../endpoint/migrate.ts';
import { mintMembers } from '../harness/identities.ts';
import { findPostgresBinaries, startPostgres } from '../harness/postgres-server.ts';
import { createFeedbackApi } from '../src/lib/data-api/client.ts';
import type { Database as Schema } from '../src/lib/data-api/database.ts';
import { DAILY_LIMITS } from '../src/lib/feedback/model.ts';
import { explainSlowestStatement } from './lib/explain-slowest.ts';
import {
	type Budget,
	machine,
	now,
	percentile,
	projectRoot as root,
	type Spread,
	showSpread,
	spread,
	tableRow,
	verdict,
	writeSection,
} from './lib/report.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const ms = (s: Spread) => showSpread(s, 'ms');

/** The embedded endpoint under insert load: on PGlite, or on the PostgreSQL server at `databaseUrl`. */
async function endpointThroughput(databaseUrl?: string) {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-bench-'));
	const db = databaseUrl ? await openPostgres(databaseUrl) : await openPglite(join(dataDir, 'pglite'));
	await migrate(db);
	const endpoint = await startEndpoint({ db, port: 0 });
	try {
		// Members for the load: each adds fewer check-ins than the daily limit, then the next one goes on.
		const people = await mintMembers(
			db,
			Array.from(
				{ length: Math.ceil((CLIENTS * SECONDS * 120) / (DAILY_LIMITS.checkIns - 5)) },
				(_, i) => ['support', 'sales', 'engineering', 'legal', 'ops', 'marketing'][i % 6]!,
			),
		);
		const peopleFile = join(dataDir, 'people.json');
		await writeFile(peopleFile, JSON.stringify(people));
		const [reader] = await mintMembers(db, ['support']);
		// The clients run in their own process, as real browsers would, so the endpoint's event loop
		// and the load generator's do not compete for one core.
		const output = await new Promise<string>((resolve, reject) => {
			execFile(
				process.execPath,
				[join(root, 'bench/insert-load.ts'), endpoint.url, String(CLIENTS), String(SECONDS), peopleFile],
				{ maxBuffer: 1 << 20 },
				(error, stdout) => (error ? reject(error) : resolve(stdout)),
			);
		});
		const { acknowledged, errors, p50, p99 } = JSON.parse(output) as {
			acknowledged: number;
			errors: number;
			p50: number;
			p99: number;
		};
		const service = createClient<Schema>(endpoint.url, LOCAL_SERVICE_ROLE_KEY, { auth: { persistSession: false } });
		const { count } = await service.from('check_ins').select('*', { count: 'exact', head: true });
		// The read functions as a member of the team reads them.
		const member = createFeedbackApi({ url: endpoint.url, anonKey: LOCAL_ANON_KEY }, async () => reader!.token);
		const rpcTimes = async (call: () => PromiseLike<unknown>) => {
			const times: number[] = [];
			for (let i = 0; i < 100; i++) {
				const started = performance.now();
				await call();
				times.push(performance.now() - started);
			}
			return times;
		};
		const summary = await rpcTimes(() =>
			member.rpc('workflow_summary', { p_workflow: 'escalated-ticket-reply', p_team: 'support' }),
		);
		const indicators = await rpcTimes(() => member.rpc('team_indicators', { p_team: 'support', p_weeks: 12 }));
		return {
			insertsPerSecond: acknowledged / SECONDS,
			acknowledged,
			stored: count ?? 0,
			errors,
			p50,
			p99,
			summaryP95: percentile(summary, 95),
			indicatorsP95: percentile(indicators, 95),
		};
	} finally {
		await endpoint.close();
		await db.close();
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
			insert into public.check_ins (id, workflow, task, team, participant, confidence, outcome, error_caught,
error_kind, minutes_saved, created_at)
			select gen_random_uuid(),
			       'workflow-' || (i % 200),
			       'task-' || (i % 200 % 10),
			       'team-' || (i % 50),
			       ('00000000-0000-4000-8000-' || lpad(((i % 50) * 40 + (i / 50) % 40)::text, 12, '0'))::uuid,
			       1 + (i % 5),
			       (array['helped', 'no_difference', 'got_in_the_way'])[1 + i % 3]::public.outcome,
			       (array['none', 'none', 'before', 'after'])[1 + i % 4]::public.error_caught,
			       case when i % 4 >= 2 then 'wrong_number'::public.error_kind end,
			       i % 60,
			       now() - make_interval(secs => (i::bigint * 7919 % (84 * 86400))::double precision)
			from generate_series(1, ${ROWS}) as i;
		`);
		// As autovacuum would after a bulk load: statistics and the visibility map for index-only scans.
		await db.admin.exec('vacuum analyze public.check_ins');
		const loadSeconds = (performance.now() - loadStarted) / 1000;
		// The calls are made as a member of every team, as a team's own page makes them.
		const [reader] = await mintMembers(db, ['team-0']);
		await db.admin.query(
			`insert into public.team_members (team, user_id) select 'team-' || t, $1 from generate_series(1, 49) as t`,
			[reader!.id],
		);
		const claims = { sub: reader!.id, role: 'authenticated' };
		// The first read after weeks close publishes them, for every team at once; on a fresh database, twelve.
		const publishStarted = performance.now();
		await db.admin.query('select praxis_private.publish_closed_weeks()');
		const publishSeconds = (performance.now() - publishStarted) / 1000;
		const { rows: cellRows } = await db.admin.query<{ n: number }>(
			'select count(*)::integer as n from praxis_private.week_cells',
		);
		// Each run is CALLS calls over different teams and workflows; p50 and p95 per run.
		const time = async (text: string, params: ((i: number) => string)[]) => {
			const p50: number[] = [];
			const p95: number[] = [];
			for (let run = 0; run < RUNS; run++) {
				const times: number[] = [];
				for (let i = 0; i < CALLS; i++) {
					const started = performance.now();
					await db.asRole('authenticated', claims, (sql) =>
						sql.query(
							text,
							params.map((p) => p(run * CALLS + i)),
						),
					);
					times.push(performance.now() - started);
				}
				p50.push(percentile(times, 50));
				p95.push(percentile(times, 95));
			}
			return { p50: spread(p50), p95: spread(p95) };
		};
		const indicators = await time('select public.team_indicators($1, 12)::text', [(i) => `team-${(i * 7) % 50}`]);
		const summary = await time('select public.workflow_summary($1)::text', [(i) => `workflow-${(i * 13) % 200}`]);
		const summaryTeam = await time('select public.workflow_summary($1, $2)::text', [
			(i) => `workflow-${(i * 13) % 200}`,
			(i) => `team-${((i * 13) % 200) % 50}`,
		]);
		// The slowest function by its median p95, and within it the statement that took longest.
		const calls = [
			{
				name: '`team_indicators(team, 12)`',
				text: 'select public.team_indicators($1, 12)::text',
				params: ['team-7'],
				figures: indicators,
			},
			{
				name: '`workflow_summary(workflow)`',
				text: 'select public.workflow_summary($1)::text',
				params: ['workflow-13'],
				figures: summary,
			},
			{
				name: '`workflow_summary(workflow, team)`',
				text: 'select public.workflow_summary($1, $2)::text',
				params: ['workflow-13', 'team-13'],
				figures: summaryTeam,
			},
		];
		const slowest = calls.reduce((a, b) => (b.figures.p95.median > a.figures.p95.median ? b : a));
		const explain = await explainSlowestStatement(server.url, slowest.text, slowest.params, claims);
		return {
			major: binary.major,
			loadSeconds,
			publishSeconds,
			cells: cellRows[0]!.n,
			indicators,
			summary,
			summaryTeam,
			slowest: slowest.name,
			explain,
		};
	} finally {
		await db.close();
		await server.stop();
	}
}

const endpointRuns: Awaited<ReturnType<typeof endpointThroughput>>[] = [];
for (let run = 1; run <= RUNS; run++) {
	const r = await endpointThroughput();
	endpointRuns.push(r);
	process.stdout.write(
		`Endpoint run ${run}: ${r.insertsPerSecond.toFixed(0)} inserts/s with ${CLIENTS} clients for ${SECONDS} s (p50 ` +
			`${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}, acknowledged ${r.acknowledged}, ` +
			`stored ${r.stored})\n`,
	);
}
const over = (pick: (r: (typeof endpointRuns)[number]) => number) => spread(endpointRuns.map(pick));
const throughput = over((r) => r.insertsPerSecond);
const errors = endpointRuns.reduce((sum, r) => sum + r.errors, 0);
const lost = endpointRuns.reduce((sum, r) => sum + Math.abs(r.acknowledged - r.stored), 0);

// The same endpoint over a PostgreSQL server (DATABASE_URL), on the same machine: what a team that
// outgrows PGlite's one-statement-at-a-time gets. A fresh server per run.
const serverRuns: Awaited<ReturnType<typeof endpointThroughput>>[] = [];
const newest = findPostgresBinaries()[0];
if (newest) {
	for (let run = 1; run <= RUNS; run++) {
		const server = await startPostgres(newest);
		try {
			const r = await endpointThroughput(server.url);
			serverRuns.push(r);
			process.stdout.write(
				`Endpoint on PostgreSQL ${newest.major}, run ${run}: ${r.insertsPerSecond.toFixed(0)} inserts/s (p50 ` +
					`${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}, acknowledged ${r.acknowledged}, ` +
					`stored ${r.stored})\n`,
			);
		} finally {
			await server.stop();
		}
	}
}
const serverThroughput = serverRuns.length ? spread(serverRuns.map((r) => r.insertsPerSecond)) : undefined;

const scales = [];
for (const binary of findPostgresBinaries()) {
	const scale = await readFunctionsAtScale(binary);
	scales.push(scale);
	process.stdout.write(
		`PostgreSQL ${scale.major}, ${ROWS} check-ins (loaded in ${scale.loadSeconds.toFixed(1)} s), p95 over ${RUNS} ` +
			`runs of ${CALLS} calls: team_indicators ${ms(scale.indicators.p95)}; workflow_summary ` +
			`${ms(scale.summary.p95)}; with team ${ms(scale.summaryTeam.p95)}; publishing 12 closed weeks ` +
			`${scale.publishSeconds.toFixed(1)} s once (${scale.cells} cells)\n`,
	);
}

const budgets: Budget[] = [
	{
		figure: `embedded endpoint, inserts/s, ${CLIENTS} supabase-js clients for ${SECONDS} s (${RUNS} runs)`,
		measured: showSpread(throughput, '/s', 0),
		budget: '≥ 1,500/s (median)',
		holds: throughput.median >= 1500,
	},
	{
		figure: 'embedded endpoint, errors; acknowledged but not stored',
		measured: `${errors}; ${lost}`,
		budget: '0; 0',
		holds: errors === 0 && lost === 0,
	},
	{
		figure: 'embedded endpoint, insert latency p50 / p99 (medians of the runs)',
		measured: `${over((r) => r.p50).median.toFixed(1)} ms / ${over((r) => r.p99).median.toFixed(1)} ms`,
		budget: 'reported',
	},
];
if (serverThroughput) {
	budgets.push({
		figure: `the same endpoint on a PostgreSQL ${newest!.major} server (\`DATABASE_URL\`), inserts/s`,
		measured: showSpread(serverThroughput, '/s', 0),
		budget: 'reported',
	});
}
for (const scale of scales) {
	budgets.push(
		{
			figure: `\`team_indicators(team, 12)\` p95, 1M check-ins, PostgreSQL ${scale.major}`,
			measured: ms(scale.indicators.p95),
			budget: '≤ 50 ms (median)',
			holds: scale.indicators.p95.median <= 50,
		},
		{
			figure: `\`workflow_summary(workflow)\` p95, 1M check-ins, PostgreSQL ${scale.major}`,
			measured: ms(scale.summary.p95),
			budget: '≤ 50 ms (median)',
			holds: scale.summary.p95.median <= 50,
		},
		{
			figure: `\`workflow_summary(workflow, team)\` p95, 1M check-ins, PostgreSQL ${scale.major}`,
			measured: ms(scale.summaryTeam.p95),
			budget: '≤ 50 ms (median)',
			holds: scale.summaryTeam.p95.median <= 50,
		},
		{
			figure: `publishing 12 closed weeks of 1M check-ins, once, PostgreSQL ${scale.major}`,
			measured: `${scale.publishSeconds.toFixed(1)} s, ${scale.cells} cells`,
			budget: 'reported',
		},
	);
}

await writeSection(
	'bench:data',
	`## Feedback data layer (\`npm run bench:data\`)

Measured ${now()} on ${machine()}. Every figure is min / median / max over ${RUNS} runs.

**Embedded endpoint (PGlite, persisted to disk)**, a fresh endpoint per run, ${CLIENTS} concurrent supabase-js clients
(in a separate process, \`bench/insert-load.ts\`) inserting for ${SECONDS} s:

| figure | min / median / max | budget | |
|---|---|---|---|
| inserts/s (acknowledged) | ${showSpread(throughput, '/s', 0)} | ≥ 1,500/s | ${verdict(throughput.median >= 1500)} |
| insert latency p50 | ${ms(over((r) => r.p50))} | | |
| insert latency p99 | ${ms(over((r) => r.p99))} | | |
| errors, all runs | ${errors} | 0 | ${verdict(errors === 0)} |
${tableRow(
	'acknowledged, stored (per run)',
	endpointRuns.map((r) => `${r.acknowledged}, ${r.stored}`).join('; '),
	'equal',
	verdict(lost === 0),
)}
| \`workflow_summary\` RPC p95 over HTTP (100 calls after the load) | ${ms(over((r) => r.summaryP95))} | | |
| \`team_indicators\` RPC p95 over HTTP (100 calls after the load) | ${ms(over((r) => r.indicatorsP95))} | | |
${
	serverThroughput
		? `
The same endpoint on a PostgreSQL ${newest!.major} server on this machine (\`DATABASE_URL\`, a fresh server per run),
the same load: ${showSpread(serverThroughput, '/s', 0)} inserts/s, p50 ${ms(spread(serverRuns.map((r) => r.p50)))}, p99
${ms(spread(serverRuns.map((r) => r.p99)))}, errors ${serverRuns.reduce((n, r) => n + r.errors, 0)}, acknowledged and
stored ${serverRuns.map((r) => `${r.acknowledged}, ${r.stored}`).join('; ')}. PGlite runs one statement at a time on one
core; a server uses both.
`
		: ''
}
${
	scales.length
		? scales
				.map(
					(
						scale,
					) => `**Read functions at scale**: PostgreSQL ${scale.major} server, ${ROWS.toLocaleString('en')} check-ins
over 50 teams, 200 workflows and 12 weeks (loaded in ${scale.loadSeconds.toFixed(1)} s); ${RUNS} runs of ${CALLS}
calls each, as a member of the teams, in SQL (no HTTP):

| function | p50 | p95 | budget p95 | |
|---|---|---|---|---|
${(
	[
		['`team_indicators(team, 12)`', scale.indicators],
		['`workflow_summary(workflow)`', scale.summary],
		['`workflow_summary(workflow, team)`', scale.summaryTeam],
	] as const
)
	.map(([name, times]) => tableRow(name, ms(times.p50), ms(times.p95), '≤ 50 ms', verdict(times.p95.median <= 50)))
	.join('\n')}

The calls read published cells: the first read after weeks close publishes them for every team at once. On this fresh
database that was twelve weeks, ${scale.publishSeconds.toFixed(1)} s once (${scale.cells.toLocaleString('en')} cells);
a week later it is one week.

The slowest here, ${scale.slowest}: \`EXPLAIN ANALYZE\` of the statement inside it that took longest
(${scale.explain.ms.toFixed(1)} ms), as PostgreSQL's auto_explain reported it:

\`\`\`
${scale.explain.plan}
\`\`\`
`,
				)
				.join('\n')
		: 'No PostgreSQL server binaries found: the at-scale figures were not measured.\n'
}`,
	budgets,
);
process.stdout.write('BENCHMARKS.md updated.\n');
