/**
 * Turns the JSON of `team_indicators` into what the indicators page draws and tabulates: one row
 * per task type (including task types with no check-ins), the weekly series with suppressed weeks as
 * gaps, and the workflows in order of use. Suppressed cells stay marked, never become zeros.
 */
import type { Enums, TeamIndicators } from '../data-api/database.ts';

type ErrorKind = Enums<'error_kind'>;

export interface Named {
	id: string;
	title: string;
}

export interface TaskRow {
	task: string;
	title: string;
	suppressed: boolean;
	/** No check-ins at all in the period: where fluency is not developing. */
	unused: boolean;
	checkIns: number | null;
	participants: number | null;
	meanConfidence: number | null;
	confidenceSd: number | null;
	/** recent minus earlier mean confidence, when both are known. */
	confidenceChange: number | null;
	catchRate: number | null;
	caughtBefore: number | null;
	caughtAfter: number | null;
	helpedRate: number | null;
}

export interface WeekPoint {
	week: string;
	/** Seconds since epoch (UTC midnight of the Monday), for time axes. */
	time: number;
	checkIns: number | null;
	participants: number | null;
	suppressed: boolean;
}

export interface WorkflowRow {
	workflow: string;
	title: string;
	checkIns: number | null;
	suppressed: boolean;
}

export interface IndicatorView {
	suppressed: boolean;
	totals: {
		checkIns: number;
		participants: number;
		meanConfidence: number;
		helpedRate: number;
		catchRate: number;
	} | null;
	tasks: TaskRow[];
	weeks: WeekPoint[];
	workflows: WorkflowRow[];
	errorKinds: { kind: ErrorKind | 'unspecified'; checkIns: number | null; suppressed: boolean }[];
	hasData: boolean;
}

const titleOf = (list: Named[], id: string) => list.find((item) => item.id === id)?.title ?? id;

export function indicatorView(data: TeamIndicators, tasks: Named[], workflows: Named[]): IndicatorView {
	const weeks: WeekPoint[] = data.weekly.map((cell) => ({
		week: cell.week,
		time: Date.parse(`${cell.week}T00:00:00Z`) / 1000,
		checkIns: cell.suppressed ? null : cell.checkIns,
		participants: cell.suppressed ? null : cell.participants,
		suppressed: cell.suppressed,
	}));
	if (data.suppressed) {
		return { suppressed: true, totals: null, tasks: [], weeks, workflows: [], errorKinds: [], hasData: false };
	}
	const seen = new Map(data.tasks.map((cell) => [cell.task, cell]));
	const scope = data.task ? tasks.filter((task) => task.id === data.task) : tasks;
	const known = new Set(scope.map((task) => task.id));
	const taskRows: TaskRow[] = [...scope.map((task) => task.id), ...[...seen.keys()].filter((id) => !known.has(id))].map(
		(id) => {
			const cell = seen.get(id);
			const base = { task: id, title: titleOf(tasks, id) };
			if (!cell) {
				return {
					...base,
					suppressed: false,
					unused: true,
					checkIns: 0,
					participants: 0,
					meanConfidence: null,
					confidenceSd: null,
					confidenceChange: null,
					catchRate: null,
					caughtBefore: 0,
					caughtAfter: 0,
					helpedRate: null,
				};
			}
			if (cell.suppressed) {
				return {
					...base,
					suppressed: true,
					unused: false,
					checkIns: null,
					participants: null,
					meanConfidence: null,
					confidenceSd: null,
					confidenceChange: null,
					catchRate: null,
					caughtBefore: null,
					caughtAfter: null,
					helpedRate: null,
				};
			}
			const change =
				cell.recentConfidence !== null && cell.earlierConfidence !== null
					? Math.round((cell.recentConfidence - cell.earlierConfidence) * 100) / 100
					: null;
			return {
				...base,
				suppressed: false,
				unused: false,
				checkIns: cell.checkIns,
				participants: cell.participants,
				meanConfidence: cell.meanConfidence,
				confidenceSd: cell.confidenceSd,
				confidenceChange: change,
				catchRate: cell.catchRate,
				caughtBefore: cell.caughtBefore,
				caughtAfter: cell.caughtAfter,
				helpedRate: cell.helpedRate,
			};
		},
	);
	// Most used first; hidden cells after the visible ones; unused task types last.
	const rank = (row: TaskRow) => (row.unused ? -2 : row.suppressed ? -1 : (row.checkIns ?? 0));
	taskRows.sort((a, b) => rank(b) - rank(a) || a.title.localeCompare(b.title));
	return {
		suppressed: false,
		totals: data.totals,
		tasks: taskRows,
		weeks,
		workflows: data.workflows.map((cell) => ({
			workflow: cell.workflow,
			title: titleOf(workflows, cell.workflow),
			checkIns: cell.suppressed ? null : cell.checkIns,
			suppressed: cell.suppressed,
		})),
		errorKinds: data.errorKinds.map((cell) => ({
			kind: cell.kind,
			checkIns: cell.suppressed ? null : cell.checkIns,
			suppressed: cell.suppressed,
		})),
		hasData: data.totals.checkIns > 0,
	};
}

/** Seconds elapsed as people say it: "just now", "12 s ago", "3 min ago". */
export function ago(seconds: number): string {
	if (seconds < 3) return 'just now';
	if (seconds < 90) return `${Math.round(seconds)} s ago`;
	return `${Math.round(seconds / 60)} min ago`;
}
