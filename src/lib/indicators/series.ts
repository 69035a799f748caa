/**
 * Turns the JSON of `team_indicators` into what the indicators page draws and tabulates: one row
 * per task type (including task types with no check-ins), the weekly series, and the workflows in
 * order of use. Activity (check-ins, people) is always there; a measure held back stays null and
 * marked, never becomes a zero.
 */
import type { Enums, TeamIndicators } from '../data-api/database.ts';

type ErrorKind = Enums<'error_kind'>;

export interface Named {
	id: string;
	title: string;
}

/** The measures of shown cells, null where they are held back. */
export interface Measures {
	meanConfidence: number | null;
	confidenceSd: number | null;
	catchRate: number | null;
	caughtBefore: number | null;
	caughtAfter: number | null;
	helpedRate: number | null;
	gotInTheWayRate: number | null;
}

const NO_MEASURES: Measures = {
	meanConfidence: null,
	confidenceSd: null,
	catchRate: null,
	caughtBefore: null,
	caughtAfter: null,
	helpedRate: null,
	gotInTheWayRate: null,
};

const measuresOf = (cell: Measures): Measures => ({
	meanConfidence: cell.meanConfidence,
	confidenceSd: cell.confidenceSd,
	catchRate: cell.catchRate,
	caughtBefore: cell.caughtBefore,
	caughtAfter: cell.caughtAfter,
	helpedRate: cell.helpedRate,
	gotInTheWayRate: cell.gotInTheWayRate,
});

export interface TaskRow extends Measures {
	task: string;
	title: string;
	/** Measures held back: no closed week of this task type had enough people. */
	suppressed: boolean;
	/** No check-ins at all in the period: where fluency is not developing. */
	unused: boolean;
	/** All check-ins in the period. */
	checkIns: number;
	/** People per week, on average over the period. */
	peoplePerWeek: number;
	/** Check-ins behind the measures (closed weeks with enough people). */
	shownCheckIns: number | null;
	/** recent minus earlier mean confidence, when both are known. */
	confidenceChange: number | null;
}

export interface WeekPoint extends Measures {
	week: string;
	/** Seconds since epoch (UTC midnight of the Monday), for time axes. */
	time: number;
	/** The current week: activity only, so far. */
	current: boolean;
	checkIns: number;
	people: number;
	/** Measures held back for this week. */
	suppressed: boolean;
}

export interface WorkflowRow extends Measures {
	workflow: string;
	title: string;
	checkIns: number;
}

export interface IndicatorView {
	/** No measure at all can be shown for the period. */
	suppressed: boolean;
	totals: { checkIns: number; shownCheckIns: number | null } & Measures;
	thisWeek: { checkIns: number; people: number };
	tasks: TaskRow[];
	weeks: WeekPoint[];
	workflows: WorkflowRow[];
	/** Check-ins of workflows whose cells are held back: the gap between the table and the total. */
	heldWorkflowCheckIns: number;
	errorKinds: { kind: ErrorKind | 'unspecified'; checkIns: number }[];
	hasData: boolean;
	/** People a cell needs (k others besides whoever looks). */
	minPeople: number;
}

const titleOf = (list: Named[], id: string) => list.find((item) => item.id === id)?.title ?? id;

export function indicatorView(data: TeamIndicators, tasks: Named[], workflows: Named[]): IndicatorView {
	const weeks: WeekPoint[] = data.weekly.map((cell) => ({
		week: cell.week,
		time: Date.parse(`${cell.week}T00:00:00Z`) / 1000,
		current: !cell.closed,
		checkIns: cell.checkIns,
		people: cell.people,
		suppressed: !cell.shown,
		...(cell.shown ? measuresOf(cell) : NO_MEASURES),
	}));
	const seen = new Map(data.tasks.map((cell) => [cell.task, cell]));
	const scope = data.task ? tasks.filter((task) => task.id === data.task) : tasks;
	const known = new Set(scope.map((task) => task.id));
	const ids = [...scope.map((task) => task.id), ...[...seen.keys()].filter((id) => !known.has(id))];
	const taskRows: TaskRow[] = ids.map((id) => {
		const cell = seen.get(id);
		const base = { task: id, title: titleOf(tasks, id) };
		if (!cell) {
			return {
				...base,
				...NO_MEASURES,
				suppressed: false,
				unused: true,
				checkIns: 0,
				peoplePerWeek: 0,
				shownCheckIns: null,
				confidenceChange: null,
			};
		}
		const change =
			cell.recentConfidence !== null && cell.earlierConfidence !== null
				? Math.round((cell.recentConfidence - cell.earlierConfidence) * 100) / 100
				: null;
		return {
			...base,
			...(cell.shown ? measuresOf(cell) : NO_MEASURES),
			suppressed: !cell.shown,
			unused: cell.checkIns === 0,
			checkIns: cell.checkIns,
			peoplePerWeek: Math.round((cell.personWeeks / data.weeks) * 10) / 10,
			shownCheckIns: cell.shown ? cell.shownCheckIns : null,
			confidenceChange: change,
		};
	});
	// Most used first; unused task types last.
	taskRows.sort((a, b) => b.checkIns - a.checkIns || a.title.localeCompare(b.title));
	const workflowRows = data.workflows.map((cell) => ({
		workflow: cell.workflow,
		title: titleOf(workflows, cell.workflow),
		checkIns: cell.checkIns,
		...measuresOf(cell),
	}));
	const closedCheckIns = weeks.filter((w) => !w.current).reduce((sum, w) => sum + w.checkIns, 0);
	return {
		suppressed: !data.totals.shown,
		totals: {
			checkIns: data.totals.checkIns,
			...(data.totals.shown
				? { shownCheckIns: data.totals.shownCheckIns, ...measuresOf(data.totals) }
				: { shownCheckIns: null, ...NO_MEASURES }),
		},
		thisWeek: { checkIns: data.thisWeekActivity.checkIns, people: data.thisWeekActivity.people },
		tasks: taskRows,
		weeks,
		workflows: workflowRows,
		heldWorkflowCheckIns: Math.max(0, closedCheckIns - workflowRows.reduce((sum, w) => sum + w.checkIns, 0)),
		errorKinds: data.errorKinds.map((cell) => ({ kind: cell.kind, checkIns: cell.checkIns })),
		hasData: data.totals.checkIns > 0,
		minPeople: data.minPeople,
	};
}

/** Seconds elapsed as people say it: "just now", "12 s ago", "3 min ago". */
export function ago(seconds: number): string {
	if (seconds < 3) return 'just now';
	if (seconds < 90) return `${Math.round(seconds)} s ago`;
	return `${Math.round(seconds / 60)} min ago`;
}
