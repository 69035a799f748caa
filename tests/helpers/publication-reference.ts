/**
 * The publication model written a second time, in TypeScript, from the raw rows: which cells of a
 * closed week are shown, and the sums they hold. Tests compare the database's week_cells and read
 * functions with it, and the privacy suite uses it to know which groups must stay hidden.
 *
 * @see supabase/migrations/20261124000400_publication.sql
 */
import type { SqlBackend } from '../../endpoint/database.ts';

export interface RawCheckIn {
	team: string;
	task: string;
	workflow: string;
	participant: string;
	confidence: number;
	outcome: string;
	error_caught: string;
	error_kind: string | null;
	minutes_saved: number | null;
	/** Monday of the row's week (UTC), YYYY-MM-DD. */
	week: string;
}

export type Level = 'task' | 'workflow' | 'kind';

export interface ReferenceCell {
	team: string;
	week: string;
	level: Level;
	task: string;
	key: string;
	people: Set<string>;
	checkIns: number;
	shown: boolean;
	/** Sums over people of each person's own mean in the cell. */
	confidence: number;
	confidenceSq: number;
	helped: number;
	before: number;
	after: number;
	beforeN: number;
	afterN: number;
	minutes: number;
}

const keyOf = (level: Level, row: RawCheckIn) =>
	level === 'task' ? row.task : level === 'workflow' ? row.workflow : (row.error_kind ?? 'unspecified');

export async function rawCheckIns(db: SqlBackend): Promise<RawCheckIn[]> {
	const { rows } = await db.admin.query<RawCheckIn>(
		`select team, task, workflow, participant::text as participant, confidence, outcome::text as outcome,
		        error_caught::text as error_caught, error_kind::text as error_kind, minutes_saved,
		        to_char(date_trunc('week', created_at at time zone 'utc'), 'YYYY-MM-DD') as week
		 from public.check_ins`,
	);
	return rows;
}

/** Every cell of the given closed weeks, with the shown flags the model prescribes. */
export function referenceCells(rows: RawCheckIn[], weeks: Set<string>, minPeople: number): ReferenceCell[] {
	const cells = new Map<string, ReferenceCell>();
	const perPerson = new Map<string, { cell: ReferenceCell; rows: RawCheckIn[] }>();
	for (const row of rows) {
		if (!weeks.has(row.week)) continue;
		for (const level of ['task', 'workflow', 'kind'] as const) {
			if (level === 'kind' && row.error_caught === 'none') continue;
			const key = keyOf(level, row);
			const id = [row.team, row.week, level, row.task, key].join('|');
			let cell = cells.get(id);
			if (!cell) {
				cell = {
					team: row.team,
					week: row.week,
					level,
					task: row.task,
					key,
					people: new Set(),
					checkIns: 0,
					shown: false,
					confidence: 0,
					confidenceSq: 0,
					helped: 0,
					before: 0,
					after: 0,
					beforeN: 0,
					afterN: 0,
					minutes: 0,
				};
				cells.set(id, cell);
			}
			cell.people.add(row.participant);
			cell.checkIns++;
			const personId = `${id}|${row.participant}`;
			const entry = perPerson.get(personId) ?? { cell, rows: [] };
			entry.rows.push(row);
			perPerson.set(personId, entry);
		}
	}
	for (const { cell, rows: mine } of perPerson.values()) {
		const mean = (f: (r: RawCheckIn) => number) => mine.reduce((sum, r) => sum + f(r), 0) / mine.length;
		const confidence = mean((r) => r.confidence);
		cell.confidence += confidence;
		cell.confidenceSq += confidence * confidence;
		cell.helped += mean((r) => Number(r.outcome === 'helped'));
		cell.before += mean((r) => Number(r.error_caught === 'before'));
		cell.after += mean((r) => Number(r.error_caught === 'after'));
		cell.beforeN += mine.filter((r) => r.error_caught === 'before').length;
		cell.afterN += mine.filter((r) => r.error_caught === 'after').length;
		cell.minutes += mine.reduce((sum, r) => sum + (r.minutes_saved ?? 0), 0);
	}
	const all = [...cells.values()];
	for (const cell of all) cell.shown = cell.people.size >= minPeople;
	const partsOf = (parent: ReferenceCell, level: Level) =>
		all.filter((c) => c.level === level && c.team === parent.team && c.week === parent.week && c.task === parent.task);
	for (const parent of all.filter((c) => c.level === 'task')) {
		for (const level of ['workflow', 'kind'] as const) {
			const parts = partsOf(parent, level);
			if (!parent.shown) {
				for (const part of parts) part.shown = false;
				continue;
			}
			for (;;) {
				const hidden = new Set(parts.filter((p) => !p.shown).flatMap((p) => [...p.people]));
				if (hidden.size === 0 || hidden.size >= minPeople) break;
				const next = parts
					.filter((p) => p.shown)
					.sort((a, b) => a.people.size - b.people.size || a.checkIns - b.checkIns || (a.key < b.key ? -1 : 1))[0];
				if (!next) break;
				next.shown = false;
			}
		}
	}
	return all;
}

/** The closed weeks the database has published, YYYY-MM-DD. */
export async function publishedWeeks(db: SqlBackend): Promise<Set<string>> {
	const { rows } = await db.admin.query<{ week: string }>(
		`select to_char(week, 'YYYY-MM-DD') as week from praxis_private.published_weeks`,
	);
	return new Set(rows.map((r) => r.week));
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The figures the read functions derive from a set of shown cells. */
export function figuresOf(cells: ReferenceCell[]) {
	const people = cells.reduce((sum, c) => sum + c.people.size, 0);
	const sum = (f: (c: ReferenceCell) => number) => cells.reduce((total, c) => total + f(c), 0);
	const mean = sum((c) => c.confidence) / people;
	return {
		checkIns: sum((c) => c.checkIns),
		personWeeks: people,
		meanConfidence: round(mean, 2),
		confidenceSd: round(Math.sqrt(Math.max(sum((c) => c.confidenceSq) / people - mean * mean, 0)), 2),
		helpedRate: round(sum((c) => c.helped) / people, 3),
		catchRate: round((sum((c) => c.before) + sum((c) => c.after)) / people, 3),
		caughtBefore: sum((c) => c.beforeN),
		caughtAfter: sum((c) => c.afterN),
		minutesSaved: sum((c) => c.minutes),
	};
}
