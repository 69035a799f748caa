/**
 * `npm run stress`: load, fault, bad input and privacy cases at full size (not part of `npm test`,
 * which runs each small in tests/api/stress.test.ts). Prints what each tried and what was lost, and
 * exits 1 if anything was. Sizes: STRESS_CLIENTS (50), STRESS_SECONDS (30), STRESS_REQUESTS (2400),
 * STRESS_TEAMS (40).
 */
import { badInputCase, faultCase, loadCase, privacyCase } from '../harness/stress-cases.ts';

const clients = Number(process.env.STRESS_CLIENTS ?? 50);
const seconds = Number(process.env.STRESS_SECONDS ?? 30);
let failed = false;
const report = (name: string, result: Record<string, unknown>, losses: number) => {
	failed ||= losses > 0;
	process.stdout.write(`${losses > 0 ? 'FAIL' : 'ok  '} ${name}: ${JSON.stringify(result)}\n`);
};

const load = await loadCase({ clients, seconds });
report(`load, ${clients} clients × ${seconds} s`, load, load.lost + load.duplicates);
const fault = await faultCase({ clients, seconds, port: 54398 });
report(
	'fault, endpoint restarted mid-run, clients through the outbox',
	fault,
	fault.lost + fault.duplicates + fault.pending + fault.rejected,
);
// A seed of its own: the tests run the same generator with the default seed.
const bad = await badInputCase({ requests: Number(process.env.STRESS_REQUESTS ?? 2400), seed: 2026 });
report('bad input', bad, bad.serverErrors + bad.invalidRows + bad.anonReadable + bad.anonChanged);
const privacy = await privacyCase({ teams: Number(process.env.STRESS_TEAMS ?? 40) });
report('privacy, attacks on twin histories', privacy, privacy.differing);
process.exit(failed ? 1 : 0);
