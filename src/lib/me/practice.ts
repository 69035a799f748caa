/**
 * A person's own practice, from their own rows (which RLS lets only them read): per task type, how
 * often, how confident and whether that is growing, what errors they caught and when, minutes saved,
 * the workflows they use most; and what to try next. Plain functions, so /me/ and its tests agree.
 */
import type { Enums, Tables } from '../data-api/database.ts';
import { addDays, weekStart } from '../indicators/weeks.ts';

export type MyCheckIn = Pick<
	Tables<'check_ins'>,
	| 'id'
	| 'workflow'
	| 'task'
	| 'team'
	| 'confidence'
	| 'outcome'
	| 'error_caught'
	| 'error_kind'
	| 'minutes_saved'
	| 'created_at'
>;
export type MyReflection = Pick<
	Tables<'reflections'>,
	'id' | 'workflow' | 'task' | 'team' | 'worked' | 'did_not_work' | 'try_next' | 'visibility' | 'created_at'
>;

export interface MyTask {
	task: string;
	checkIns: number;
	meanConfidence: number;
	/** Mean confidence over my last four weeks, and over the four before; null without check-ins there. */
	recentConfidence: number | null;
	earlierConfidence: number | null;
	caughtBefore: number;
	caughtAfter: number;
	helped: number;
	gotInTheWay: number;
	minutesSaved: number;
	/** Check-ins per week, oldest first, over the weeks of `weeklyFrom`. */
	weekly: number[];
}

export interface MyPractice {
	checkIns: number;
	tasks: MyTask[];
	/** Monday of each week in `weekly`, oldest first. */
	weeks: string[];
	kinds: { kind: Enums<'error_kind'> | 'unspecified'; checkIns: number }[];
	workflows: { workflow: string; checkIns: number }[];
	minutesSaved: number;
}

/** Monday (UTC) of a time's week, YYYY-MM-DD. */
const mondayOf = (date: Date) => weekStart(date).toISOString().slice(0, 10);
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** My figures from my check-ins, as of `now`, with weekly counts over the last `weeks` weeks. */
export function myPractice(rows: MyCheckIn[], now: Date, weeks = 12): MyPractice {
	const thisWeek = mondayOf(now);
	const weekList = Array.from({ length: weeks }, (_, i) => addDays(thisWeek, -7 * (weeks - 1 - i)));
	const recentFrom = addDays(thisWeek, -21);
	const earlierFrom = addDays(thisWeek, -49);
	const byTask = new Map<string, MyCheckIn[]>();
	for (const row of rows) byTask.set(row.task, [...(byTask.get(row.task) ?? []), row]);
	const tasks = [...byTask].map(([task, mine]): MyTask => {
		const week = (row: MyCheckIn) => mondayOf(new Date(row.created_at));
		const recent = mine.filter((r) => week(r) >= recentFrom).map((r) => r.confidence);
		const earlier = mine.filter((r) => week(r) >= earlierFrom && week(r) < recentFrom).map((r) => r.confidence);
		return {
			task,
			checkIns: mine.length,
			meanConfidence: round2(mean(mine.map((r) => r.confidence))) ?? 0,
			recentConfidence: round2(mean(recent)),
			earlierConfidence: round2(mean(earlier)),
			caughtBefore: mine.filter((r) => r.error_caught === 'before').length,
			caughtAfter: mine.filter((r) => r.error_caught === 'after').length,
			helped: mine.filter((r) => r.outcome === 'helped').length,
			gotInTheWay: mine.filter((r) => r.outcome === 'got_in_the_way').length,
			minutesSaved: mine.reduce((sum, r) => sum + (r.minutes_saved ?? 0), 0),
			weekly: weekList.map((monday) => mine.filter((r) => week(r) === monday).length),
		};
	});
	tasks.sort((a, b) => b.checkIns - a.checkIns || a.task.localeCompare(b.task));
	const count = <K extends string>(keys: K[]) => {
		const counts = new Map<K, number>();
		for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
		return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	};
	return {
		checkIns: rows.length,
		tasks,
		weeks: weekList,
		kinds: count(rows.filter((r) => r.error_caught !== 'none').map((r) => r.error_kind ?? 'unspecified')).map(
			([kind, checkIns]) => ({ kind, checkIns }),
		),
		workflows: count(rows.map((r) => r.workflow)).map(([workflow, checkIns]) => ({ workflow, checkIns })),
		minutesSaved: rows.reduce((sum, r) => sum + (r.minutes_saved ?? 0), 0),
	};
}

export interface TrackSteps {
	id: string;
	title: string;
	steps: string[];
}

/** The first step of a track that I have not checked in on, or undefined when every step is done. */
export function nextStep(track: TrackSteps, rows: Pick<MyCheckIn, 'workflow'>[]): string | undefined {
	const done = new Set(rows.map((r) => r.workflow));
	return track.steps.find((step) => !done.has(step));
}

/** Task types my team works on where I have not checked in yet. */
export function untriedTasks(teamTasks: string[], rows: Pick<MyCheckIn, 'task'>[]): string[] {
	const tried = new Set(rows.map((r) => r.task));
	return teamTasks.filter((task) => !tried.has(task));
}
