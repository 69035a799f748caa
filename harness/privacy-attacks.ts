/**
 * The disclosure attacks on the read functions, as an adversary with one identity runs them, and the
 * test that decides whether any of them learned something about fewer than k other people.
 *
 * Two worlds hold the same history except for what must stay secret: every check-in in a group the
 * model hides (a task type in a closed week with fewer than k + 1 people, anything in the current week,
 * anything older than the published weeks) has other answers in the second world (confidence,
 * outcome, error caught and its kind, minutes), and every reflection of a week with fewer than k + 1
 * sharers has other text. The activity (who checked in on what, when) is the same. The attacker runs
 * the same calls in both worlds: period differences (every period and task filter), scope differences
 * (team and all-teams summaries), time differences (before and after a new check-in, before and after
 * someone deletes their rows), and the digest for every period. If any answer differs between the
 * worlds, that answer depends on something the model hides: an attack succeeded.
 */
import { randomUUID } from 'node:crypto';
import type { SqlBackend } from '../endpoint/database.ts';
import { weekStart } from '../src/lib/indicators/weeks.ts';
import { seededRandom } from './seeded-random.ts';

export interface HistoryRow {
	id: string;
	team: string;
	task: string;
	workflow: string;
	participant: string;
	confidence: number;
	outcome: 'helped' | 'no_difference' | 'got_in_the_way';
	error_caught: 'none' | 'before' | 'after';
	error_kind: 'made_up_fact' | 'wrong_number' | 'outdated' | 'tone' | 'leaked_data' | 'other' | null;
	minutes_saved: number | null;
	created_at: string;
}

export interface SharedRow {
	id: string;
	team: string;
	task: string;
	workflow: string;
	participant: string;
	worked: string;
	created_at: string;
}

export interface History {
	teams: { name: string; people: string[] }[];
	tasks: string[];
	workflows: string[];
	attacker: string;
	checkIns: HistoryRow[];
	reflections: SharedRow[];
}

const DAY = 86_400_000;
const OUTCOMES = ['helped', 'no_difference', 'got_in_the_way'] as const;
const KINDS = ['made_up_fact', 'wrong_number', 'outdated', 'tone', 'leaked_data', 'other'] as const;

/** Monday 00:00 UTC of the current week, in milliseconds. */
export const thisMonday = (now = new Date()) => weekStart(now).getTime();

/**
 * A random history over the last 15 weeks and the current one: teams of 2 to 16 people (small ones,
 * where every cell is hidden, and large ones), three task types of two workflows each. The attacker
 * belongs to every team and has rows of their own in some.
 */
export function privacyHistory(seed: number, teamCount: number): History {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
	const uuid = () => {
		const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
	};
	const tasks = ['customer-replies', 'contract-review', 'data-analysis'];
	const workflows = tasks.flatMap((task) => [`${task}-first`, `${task}-second`]);
	const attacker = uuid();
	const monday = thisMonday();
	const teams = Array.from({ length: teamCount }, (_, i) => ({
		name: `team-${seed}-${i}`,
		people: [attacker, ...Array.from({ length: 1 + Math.floor(random() * 15) }, uuid)],
	}));
	const checkIns: HistoryRow[] = [];
	const reflections: SharedRow[] = [];
	for (const team of teams) {
		for (const person of team.people) {
			const active = random();
			for (let weeksAgo = 15; weeksAgo >= 0; weeksAgo--) {
				if (random() > active) continue;
				const uses = 1 + Math.floor(random() * 3);
				for (let u = 0; u < uses; u++) {
					const task = pick(tasks);
					const caught = random() < 0.3 ? pick(['before', 'after'] as const) : 'none';
					// Spread over the week, the current one only up to now.
					const span = weeksAgo === 0 ? Math.max(Date.now() - monday - 60_000, 1) : 7 * DAY;
					const created = monday - weeksAgo * 7 * DAY + Math.floor(random() * span);
					checkIns.push({
						id: uuid(),
						team: team.name,
						task,
						workflow: `${task}-${random() < 0.6 ? 'first' : 'second'}`,
						participant: person,
						confidence: 1 + Math.floor(random() * 5),
						outcome: pick(OUTCOMES),
						error_caught: caught,
						error_kind: caught !== 'none' && random() < 0.8 ? pick(KINDS) : null,
						minutes_saved: random() < 0.5 ? Math.floor(random() * 90) : null,
						created_at: new Date(created).toISOString(),
					});
					if (random() < 0.25) {
						reflections.push({
							id: uuid(),
							team: team.name,
							task,
							workflow: `${task}-first`,
							participant: person,
							worked: `Note ${reflections.length} from ${team.name}`,
							created_at: new Date(created).toISOString(),
						});
					}
				}
			}
		}
	}
	return { teams, tasks, workflows, attacker, checkIns, reflections };
}

const weekOf = (iso: string) => {
	const time = Date.parse(iso);
	const day = Math.floor(time / DAY) * DAY;
	return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
};

/**
 * The second world: the same history with every hidden answer changed. Hidden: a check-in of the
 * current week, of a week older than the twelve published ones, or of a task type that had fewer than
 * `minPeople` people in its week (the attacker's own rows stay: they know them anyway). A reflection of
 * a week where fewer than `minPeople` people shared, or of the current week, gets other text.
 */
export function secretTwin(history: History, minPeople: number): History {
	const monday = thisMonday();
	const oldest = monday - 12 * 7 * DAY;
	const cellPeople = new Map<string, Set<string>>();
	const cellOf = (row: HistoryRow) => `${row.team}|${weekOf(row.created_at)}|${row.task}`;
	for (const row of history.checkIns) {
		const set = cellPeople.get(cellOf(row)) ?? new Set();
		set.add(row.participant);
		cellPeople.set(cellOf(row), set);
	}
	const hidden = (row: HistoryRow) => {
		const week = weekOf(row.created_at);
		return week >= monday || week < oldest || (cellPeople.get(cellOf(row))?.size ?? 0) < minPeople;
	};
	const checkIns = history.checkIns.map((row) => {
		if (row.participant === history.attacker || !hidden(row)) return row;
		const caught = row.error_caught === 'none' ? 'after' : row.error_caught === 'after' ? 'before' : 'none';
		return {
			...row,
			confidence: 6 - row.confidence === row.confidence ? (row.confidence % 5) + 1 : 6 - row.confidence,
			outcome: OUTCOMES[(OUTCOMES.indexOf(row.outcome) + 1) % 3]!,
			error_caught: caught,
			error_kind: caught === 'none' ? null : 'leaked_data',
			minutes_saved: (row.minutes_saved ?? 0) + 17,
		} satisfies HistoryRow;
	});
	const sharers = new Map<string, Set<string>>();
	for (const row of history.reflections) {
		const key = `${row.team}|${weekOf(row.created_at)}`;
		sharers.set(key, (sharers.get(key) ?? new Set()).add(row.participant));
	}
	const reflections = history.reflections.map((row) => {
		const week = weekOf(row.created_at);
		const few = (sharers.get(`${row.team}|${week}`)?.size ?? 0) < minPeople;
		return week >= monday || few ? { ...row, worked: `${row.worked} (other words)` } : row;
	});
	return { ...history, checkIns, reflections };
}

/** Stores a history: its people as auth users and members, its rows as the service role would. */
export async function storeHistory(db: SqlBackend, history: History): Promise<void> {
	const people = [...new Set(history.teams.flatMap((t) => t.people))];
	await db.admin.query(
		`insert into auth.users (id, aud, role, is_anonymous)
		 select id, 'authenticated', 'authenticated', true from unnest($1::uuid[]) as id on conflict do nothing`,
		[people],
	);
	const memberships = history.teams.flatMap((t) => t.people.map((person) => [t.name, person] as const));
	await db.admin.query(
		`insert into public.team_members (team, user_id)
		 select * from unnest($1::text[], $2::uuid[]) on conflict do nothing`,
		[memberships.map((m) => m[0]), memberships.map((m) => m[1])],
	);
	await db.admin.query(
		`insert into public.check_ins select * from json_populate_recordset(null::public.check_ins, $1::json)`,
		[JSON.stringify(history.checkIns)],
	);
	await db.admin.query(
		`insert into public.reflections (id, team, task, workflow, participant, worked, created_at)
		 select id, team, task, workflow, participant, worked, created_at
		 from json_populate_recordset(null::public.reflections, $1::json)`,
		[JSON.stringify(history.reflections)],
	);
}

/** A read function called as someone: their identity, and the function's arguments. */
export type Call = (fn: 'team_indicators' | 'workflow_summary' | 'team_reflections', args: object) => Promise<unknown>;

/** Calls as a person through SQL, as the endpoint runs an RPC: their role and claims, RLS in force. */
export const sqlCaller =
	(db: SqlBackend, person: string): Call =>
	async (fn, args) => {
		const entries = Object.entries(args);
		const named = entries.map(([name], i) => `${name} => $${i + 1}`).join(', ');
		const claims = { sub: person, role: 'authenticated', aud: 'authenticated', is_anonymous: true };
		const { rows } = await db.asRole('authenticated', claims, (sql) =>
			sql.query<{ body: string }>(
				`select public.${fn}(${named})::text as body`,
				entries.map(([, value]) => value),
			),
		);
		return JSON.parse(rows[0]!.body) as unknown;
	};

/** Only what an answer says: not when it was made, and a digest week's reflections in a fixed order. */
function normalized(fn: string, answer: unknown): unknown {
	if (fn === 'team_indicators') return { ...(answer as object), generatedAt: null };
	if (fn === 'team_reflections') {
		return (answer as { reflections: unknown[] }[]).map((week) => ({
			...week,
			reflections: week.reflections.map((r) => JSON.stringify(r)).sort(),
		}));
	}
	return answer;
}

/** Every call the attacker can make about the history's teams, answered. */
export async function attackAnswers(call: Call, history: History): Promise<Map<string, unknown>> {
	const answers = new Map<string, unknown>();
	const ask = async (fn: Parameters<Call>[0], args: Record<string, unknown>) =>
		answers.set(`${fn}(${JSON.stringify(args)})`, normalized(fn, await call(fn, args)));
	for (const team of history.teams) {
		for (const weeks of [4, 8, 12]) {
			await ask('team_indicators', { p_team: team.name, p_weeks: weeks });
			for (const task of history.tasks)
				await ask('team_indicators', { p_team: team.name, p_weeks: weeks, p_task: task });
		}
		for (const workflow of history.workflows) {
			await ask('workflow_summary', { p_workflow: workflow, p_team: team.name });
		}
		for (let weeks = 1; weeks <= 12; weeks++) await ask('team_reflections', { p_team: team.name, p_weeks: weeks });
	}
	for (const workflow of history.workflows) await ask('workflow_summary', { p_workflow: workflow });
	return answers;
}

/** The calls whose answers differ between the two worlds: each is an attack that worked. */
export function differences(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
	return [...a.keys()].filter((key) => JSON.stringify(a.get(key)) !== JSON.stringify(b.get(key)));
}

/** A new check-in now, by `person`, with answers that differ between the worlds. */
export async function checkInNow(db: SqlBackend, person: string, team: string, task: string, variant: 0 | 1) {
	await db.admin.query(
		`insert into public.check_ins (id, team, task, workflow, participant, confidence, outcome, error_caught, error_kind)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		[
			randomUUID(),
			team,
			task,
			`${task}-first`,
			person,
			variant ? 5 : 1,
			variant ? 'helped' : 'got_in_the_way',
			variant ? 'none' : 'after',
			variant ? null : 'leaked_data',
		],
	);
}
