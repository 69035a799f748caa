/**
 * Load generator for the benchmarks: N supabase-js clients inserting check-ins against URL for S
 * seconds, in this process, so the endpoint under test does not share its event loop with them.
 * Prints one JSON line: acknowledged ids count, errors, sorted latencies summary.
 *
 *   node bench/insert-load.ts <url> <clients> <seconds> <people.json>
 *
 * people.json: members made by harness/identities.ts (id, team, token), as many as the run needs.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { LOCAL_ANON_KEY } from '../endpoint/auth.ts';
import type { MintedMember } from '../harness/identities.ts';
import { createFeedbackApi } from '../src/lib/data-api/client.ts';
import { DAILY_LIMITS } from '../src/lib/feedback/model.ts';

const [url = 'http://127.0.0.1:54321', clientsArg = '50', secondsArg = '30', peopleFile] = process.argv.slice(2);
if (!peopleFile) throw new Error('Usage: node bench/insert-load.ts <url> <clients> <seconds> <people.json>');
const clients = Number(clientsArg);
const seconds = Number(secondsArg);
/** Each person adds fewer than their daily limit; then the client goes on as the next person. */
const PER_PERSON = DAILY_LIMITS.checkIns - 5;
const people = JSON.parse(await readFile(peopleFile, 'utf8')) as MintedMember[];

const latencies: number[] = [];
let acknowledged = 0;
let errors = 0;
const deadline = performance.now() + seconds * 1000;
await Promise.all(
	Array.from({ length: clients }, async (_, c) => {
		let person = people.pop();
		let added = 0;
		const api = createFeedbackApi({ url, anonKey: LOCAL_ANON_KEY }, async () => person?.token);
		while (performance.now() < deadline && person) {
			const started = performance.now();
			const { status } = await api.from('check_ins').insert({
				id: randomUUID(),
				workflow: 'escalated-ticket-reply',
				task: 'customer-replies',
				team: person.team,
				confidence: 1 + (c % 5),
				outcome: 'helped',
			});
			latencies.push(performance.now() - started);
			if (status === 201) acknowledged++;
			else errors++;
			if (++added === PER_PERSON) {
				person = people.pop();
				added = 0;
			}
		}
	}),
);
latencies.sort((a, b) => a - b);
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
process.stdout.write(`${JSON.stringify({ acknowledged, errors, p50: at(50), p99: at(99) })}\n`);
