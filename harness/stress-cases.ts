/**
 * The stress cases of `npm run stress`, sized by their callers: the script runs them big, `npm test`
 * runs each small (tests/api/stress.test.ts). Each returns what it tried and what was lost; the
 * budget for loss is zero.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_ROLE_KEY } from '../endpoint/auth.ts';
import { openPglite, type SqlBackend } from '../endpoint/database.ts';
import { type Endpoint, startEndpoint } from '../endpoint/endpoint.ts';
import { migrate } from '../endpoint/migrate.ts';
import { createFeedbackApi } from '../src/lib/data-api/client.ts';
import type { Database as Schema } from '../src/lib/data-api/database.ts';
import { DAILY_LIMITS } from '../src/lib/feedback/model.ts';
import { type KeyValueStore, Outbox } from '../src/lib/feedback/outbox.ts';
import { checkInSchema, reflectionSchema } from '../src/lib/feedback/schema.ts';
import { createSender } from '../src/lib/feedback/sender.ts';
import { type HostileRequest, hostileRequests } from './hostile-requests.ts';
import { type MintedMember, mintMembers, tokenFor } from './identities.ts';
import { attackAnswers, differences, privacyHistory, secretTwin, storeHistory } from './privacy-attacks.ts';
import { seededRandom } from './seeded-random.ts';

// biome-ignore lint/suspicious/noExplicitAny: read-function JSON, checked field by field
type Json = Record<string, any>;

const TEAMS = ['support', 'sales', 'engineering', 'legal', 'ops', 'marketing'];
const options = { auth: { persistSession: false } };

const row = (overrides: Record<string, unknown> = {}) => ({
	id: randomUUID(),
	workflow: 'escalated-ticket-reply',
	task: 'customer-replies',
	team: 'support',
	participant: randomUUID(),
	confidence: 3,
	outcome: 'helped',
	...overrides,
});

async function withEndpoint<T>(
	dataDir: string | undefined,
	run: (endpoint: Endpoint, db: SqlBackend) => Promise<T>,
	port = 0,
): Promise<T> {
	const db = await openPglite(dataDir);
	await migrate(db);
	const endpoint = await startEndpoint({ db, port });
	try {
		return await run(endpoint, db);
	} finally {
		await endpoint.close();
		await db.close();
	}
}

async function storedIds(url: string): Promise<string[]> {
	const service = createClient<Schema>(url, LOCAL_SERVICE_ROLE_KEY, options);
	const { data, error } = await service.from('check_ins').select('id');
	if (error) throw new Error(error.message);
	return (data ?? []).map((r) => r.id);
}

/** Check-ins one person adds in a load run before the next person takes over (under the daily limit). */
const PER_PERSON = DAILY_LIMITS.checkIns - 5;

/** Load: N clients insert for S seconds; every acknowledged check-in must be stored, once. */
export async function loadCase({ clients, seconds }: { clients: number; seconds: number }) {
	return withEndpoint(undefined, async (endpoint, db) => {
		// Far more people than a run uses: each client signs in as the next one after PER_PERSON rows.
		const pool = await mintMembers(
			db,
			Array.from({ length: Math.ceil((clients * seconds * 150) / PER_PERSON) }, (_, i) => TEAMS[i % TEAMS.length]!),
		);
		const acknowledged: string[] = [];
		let sent = 0;
		let errors = 0;
		const deadline = performance.now() + seconds * 1000;
		await Promise.all(
			Array.from({ length: clients }, async () => {
				let person = pool.pop()!;
				let mine = 0;
				const api = createFeedbackApi({ url: endpoint.url, anonKey: LOCAL_ANON_KEY }, async () => person.token);
				while (performance.now() < deadline) {
					if (mine === PER_PERSON) {
						person = pool.pop()!;
						mine = 0;
					}
					const { participant: _server_sets_it, ...r } = row({ team: person.team });
					sent++;
					mine++;
					const { status } = await api.from('check_ins').insert(r as never);
					if (status === 201) acknowledged.push(r.id);
					else errors++;
				}
			}),
		);
		const stored = await storedIds(endpoint.url);
		const storedSet = new Set(stored);
		return {
			sent,
			acknowledged: acknowledged.length,
			errors,
			stored: stored.length,
			lost: acknowledged.filter((id) => !storedSet.has(id)).length,
			duplicates: stored.length - storedSet.size,
		};
	});
}

/** Fault: the endpoint restarts mid-run; clients send through the islands' outbox; nothing is lost or doubled. */
export async function faultCase({ clients, seconds, port }: { clients: number; seconds: number; port: number }) {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-stress-'));
	const url = `http://127.0.0.1:${port}`;
	const memory = (): KeyValueStore => {
		const data = new Map<string, string>();
		return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
	};
	// The people: made before the run, in the data folder the endpoint will use.
	const setup = await openPglite(dataDir);
	await migrate(setup);
	const perClient = Math.ceil((seconds * 1000) / 25 / PER_PERSON) + 1;
	const pool = await mintMembers(
		setup,
		Array.from({ length: clients * perClient }, () => 'support'),
	);
	await setup.close();
	/** Each person's browser: an outbox that sends as them. */
	const browser = (person: MintedMember) => {
		const session = { accessToken: async () => person.token };
		const api = createFeedbackApi({ url, anonKey: LOCAL_ANON_KEY }, session.accessToken);
		return new Outbox({ store: memory(), send: createSender(api, session), baseDelayMs: 100, maxDelayMs: 1000 });
	};
	const outboxes: Outbox[] = [];
	const current = Array.from({ length: clients }, () => {
		const outbox = browser(pool.pop()!);
		outboxes.push(outbox);
		return { outbox, added: 0 };
	});
	const made: string[] = [];
	try {
		let restarted = false;
		const producing = (async () => {
			const deadline = performance.now() + seconds * 1000;
			while (performance.now() < deadline) {
				for (const client of current) {
					if (client.added === PER_PERSON) {
						client.outbox = browser(pool.pop()!);
						client.added = 0;
						outboxes.push(client.outbox);
					}
					const item = checkInSchema.parse({ error_caught: 'none', error_kind: null, minutes_saved: null, ...row() });
					made.push(item.id);
					client.outbox.add('check_in', item);
					client.added++;
				}
				await new Promise((r) => setTimeout(r, 25));
			}
		})();
		await withEndpoint(
			dataDir,
			async () => {
				await new Promise((r) => setTimeout(r, (seconds * 1000) / 2));
			},
			port,
		);
		restarted = true;
		const rejected = await withEndpoint(
			dataDir,
			async () => {
				await producing;
				const deadline = Date.now() + 60_000;
				while (outboxes.some((o) => o.state().pending > 0) && Date.now() < deadline) {
					await Promise.all(outboxes.map((o) => o.flush(true)));
					await new Promise((r) => setTimeout(r, 50));
				}
				const stored = await storedIds(url);
				const storedSet = new Set(stored);
				return {
					pending: outboxes.reduce((n, o) => n + o.state().pending, 0),
					rejected: outboxes.reduce((n, o) => n + o.state().rejected.length, 0),
					stored: stored.length,
					duplicates: stored.length - storedSet.size,
					lost: made.filter((id) => !storedSet.has(id)).length,
				};
			},
			port,
		);
		return { restarted, made: made.length, ...rejected };
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
}

/** Sends one generated request (raw bytes on a socket for raw-http) and resolves to its status, 0 for none. */
function sendHostile(url: string, hostile: HostileRequest): Promise<number> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve) => {
		const raw = hostile.raw;
		if (raw !== undefined) {
			const socket = connect(Number(port), hostname, () => socket.end(raw));
			let answer = '';
			socket.on('data', (chunk) => (answer += chunk));
			socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
			socket.on('error', () => resolve(0));
			return;
		}
		const req = httpRequest(
			{ host: hostname, port, method: hostile.method, path: hostile.target, headers: hostile.headers },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', () => resolve(0));
			},
		);
		// A body the endpoint refuses early (413) may close the socket before it is all written.
		req.on('error', () => resolve(0));
		req.end(hostile.body);
	});
}

/**
 * Bad input: N generated malformed or hostile requests of every class in harness/hostile-requests.ts;
 * no 5xx and no request left unanswered, no invalid row, nothing readable or changed by anon.
 */
export async function badInputCase({ requests, seed = 7 }: { requests: number; seed?: number }) {
	const random = seededRandom(seed);
	const forged = await new SignJWT({ role: 'service_role' })
		.setProtectedHeader({ alg: 'HS256' })
		.sign(new TextEncoder().encode('x'.repeat(40)));
	const expired = await new SignJWT({ role: 'anon' })
		.setProtectedHeader({ alg: 'HS256' })
		.setExpirationTime(1)
		.sign(new TextEncoder().encode(LOCAL_JWT_SECRET));
	const roleless = await new SignJWT({ aud: 'x' })
		.setProtectedHeader({ alg: 'HS256' })
		.sign(new TextEncoder().encode(LOCAL_JWT_SECRET));
	const keys = [
		LOCAL_ANON_KEY,
		LOCAL_ANON_KEY,
		LOCAL_ANON_KEY,
		forged,
		expired,
		'garbage',
		'',
		`${LOCAL_ANON_KEY.slice(0, -3)}abc`,
	];

	return withEndpoint(undefined, async (endpoint, db) => {
		// A signed-in member of legal sends hostile requests too: RLS and the CHECKs must hold for them.
		const [insider] = await mintMembers(db, ['legal']);
		keys.push(insider!.token, insider!.token);
		const next = hostileRequests(random, { keys, anonKey: LOCAL_ANON_KEY, roleless });
		// Some rows anon must not be able to read or change.
		await db.admin.query(
			`insert into public.check_ins (id, workflow, task, team, participant, confidence, outcome) values ` +
				`(gen_random_uuid(), 'a', 'b', 'legal', gen_random_uuid(), 3, 'helped')`,
		);
		const snapshot = async () =>
			(
				await db.admin.query<{ h: string }>(
					`select md5(string_agg(c::text, ',' order by id)) as h from public.check_ins c`,
				)
			).rows[0]!.h;
		const byStatus = new Map<number, number>();
		const byClass: Record<string, { requests: number; serverErrors: number }> = {};
		let anonWrites = 0;
		for (let i = 0; i < requests; i++) {
			const hostile = next();
			const anonMutation =
				['PATCH', 'DELETE', 'POST'].includes(hostile.method) &&
				hostile.headers.authorization === `Bearer ${LOCAL_ANON_KEY}`;
			const before = anonMutation ? await snapshot() : undefined;
			const status = await sendHostile(endpoint.url, hostile);
			byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
			const tally = byClass[hostile.kind] ?? { requests: 0, serverErrors: 0 };
			byClass[hostile.kind] = tally;
			tally.requests++;
			if (status >= 500 || status === 0) tally.serverErrors++;
			if (before !== undefined && (await snapshot()) !== before) anonWrites++;
		}
		const anon = createClient<Schema>(endpoint.url, LOCAL_ANON_KEY, options);
		const readable = (await anon.from('check_ins').select('*')).data?.length ?? 0;
		const { rows } = await db.admin.query<Record<string, unknown>>('select * from public.check_ins');
		const { rows: reflections } = await db.admin.query<Record<string, unknown>>('select * from public.reflections');
		const strip = ({ created_at: _c, ...rest }: Record<string, unknown>) => rest;
		const invalid =
			rows.filter((r) => !checkInSchema.safeParse(strip(r)).success).length +
			reflections.filter((r) => !reflectionSchema.safeParse(strip(r)).success).length;
		const serverErrors = Object.values(byClass).reduce((n, tally) => n + tally.serverErrors, 0);
		return {
			requests,
			seed,
			byStatus: Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)),
			byClass,
			serverErrors,
			invalidRows: invalid,
			anonReadable: readable,
			anonChanged: anonWrites,
		};
	});
}

/**
 * Privacy: the attacks of harness/privacy-attacks.ts over HTTP, as the site's client makes them, on
 * random histories of `teams` teams: two endpoints whose databases differ only in what the model hides.
 * Every call whose answer differs between them is an attack that worked. Budget: none.
 */
export async function privacyCase({ teams, seed = 11 }: { teams: number; seed?: number }) {
	const history = privacyHistory(seed, teams);
	const twin = secretTwin(history, 4);
	return withEndpoint(undefined, (first, firstDb) =>
		withEndpoint(undefined, async (second, secondDb) => {
			const token = await tokenFor(history.attacker);
			const answers = [];
			for (const [endpoint, db, world] of [
				[first, firstDb, history],
				[second, secondDb, twin],
			] as const) {
				await storeHistory(db, world);
				const api = createFeedbackApi({ url: endpoint.url, anonKey: LOCAL_ANON_KEY }, async () => token);
				answers.push(
					await attackAnswers(async (fn, args) => {
						const { data, error } = await api.rpc(fn, args as never);
						if (error) throw new Error(`${fn} failed: ${error.message}`);
						return data;
					}, history),
				);
			}
			const shown = [...answers[0]!.entries()].filter(
				([key, value]) => key.startsWith('team_indicators') && (value as Json).totals.shown,
			).length;
			return {
				teams,
				checkIns: history.checkIns.length,
				calls: answers[0]!.size,
				viewsWithFigures: shown,
				differing: differences(answers[0]!, answers[1]!).length,
			};
		}),
	);
}
