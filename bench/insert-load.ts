/**
 * Load generator for the benchmarks: N supabase-js clients inserting check-ins against URL for S
 * seconds, in this process, so the endpoint under test does not share its event loop with them.
 * Prints one JSON line: acknowledged ids count, errors, sorted latencies summary.
 *
 *   node bench/insert-load.ts <url> <clients> <seconds>
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { LOCAL_ANON_KEY } from '../endpoint/auth.ts';
import type { Database } from '../src/lib/data-api/database.ts';

const [url = 'http://127.0.0.1:54321', clientsArg = '50', secondsArg = '30'] = process.argv.slice(2);
const clients = Number(clientsArg);
const seconds = Number(secondsArg);
const TEAMS = ['support', 'sales', 'engineering', 'legal', 'ops', 'marketing'];

const latencies: number[] = [];
let acknowledged = 0;
let errors = 0;
const deadline = performance.now() + seconds * 1000;
await Promise.all(
	Array.from({ length: clients }, async (_, c) => {
		const client = createClient<Database>(url, LOCAL_ANON_KEY, { auth: { persistSession: false } });
		const participant = randomUUID();
		while (performance.now() < deadline) {
			const started = performance.now();
			const { status } = await client.from('check_ins').insert({
				id: randomUUID(),
				workflow: 'escalated-ticket-reply',
				task: 'customer-replies',
				team: TEAMS[c % TEAMS.length]!,
				participant,
				confidence: 1 + (c % 5),
				outcome: 'helped',
			});
			latencies.push(performance.now() - started);
			if (status === 201) acknowledged++;
			else errors++;
		}
	}),
);
latencies.sort((a, b) => a - b);
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
process.stdout.write(`${JSON.stringify({ acknowledged, errors, p50: at(50), p99: at(99) })}\n`);
