/** The team lead's weekly view: which tasks, how often, confidence, errors caught. Updates live. */
import { useMemo, useState } from 'react';
import { INDICATOR_PERIODS, type IndicatorPeriod } from '../lib/data-api/database.ts';
import { indicatorCsv } from '../lib/indicators/indicator-csv.ts';
import type { TaskSupport } from '../lib/indicators/progress.ts';
import { ago, indicatorView, type Named } from '../lib/indicators/series.ts';
import { ConfidenceSection } from './indicators/ConfidenceSection.tsx';
import { taskCharts } from './indicators/charts.ts';
import { ErrorsSection } from './indicators/ErrorsSection.tsx';
import { LeadSummary } from './indicators/LeadSummary.tsx';
import { TaskUseSection } from './indicators/TaskUseSection.tsx';
import { useTeamIndicators } from './indicators/useTeamIndicators.ts';
import { WeeklyTrendSection } from './indicators/WeeklyTrendSection.tsx';
import { WorkflowUseSection } from './indicators/WorkflowUseSection.tsx';
import { Loading } from './Loading.tsx';
import { MembersOnly } from './MembersOnly.tsx';

interface Props {
	team: { id: string; name: string };
	/** The task types the team has workflows for (others appear only if someone checks in on them). */
	tasks: Named[];
	workflows: Named[];
	/** Experts and workflows per task type, for the task types that are not growing. */
	support: TaskSupport[];
	supabaseUrl: string;
	anonKey: string;
	/** How often to fetch again, in seconds (live updates without Realtime). */
	pollSeconds?: number;
}

const isPeriod = (value: number): value is IndicatorPeriod => (INDICATOR_PERIODS as readonly number[]).includes(value);

export default function TeamIndicators({
	team,
	tasks,
	workflows,
	support,
	supabaseUrl,
	anonKey,
	pollSeconds = 10,
}: Props) {
	const [weeks, setWeeks] = useState<IndicatorPeriod>(12);
	const [task, setTask] = useState('');
	const { problem, data, error, age, live, runtime, notMember, joined } = useTeamIndicators({
		team: team.id,
		weeks,
		task,
		supabaseUrl,
		anonKey,
		pollSeconds,
	});

	const view = useMemo(() => (data ? indicatorView(data, tasks, workflows) : undefined), [data, tasks, workflows]);
	const usedTasks = useMemo(() => view?.tasks.filter((row) => !row.unused) ?? [], [view]);
	const charts = useMemo(() => taskCharts(usedTasks), [usedTasks]);
	const csv = useMemo(
		() => ({
			tasks: indicatorCsv.tasks(view),
			weeks: indicatorCsv.weeks(view),
			workflows: indicatorCsv.workflows(view),
		}),
		[view],
	);

	if (problem) {
		return (
			<p className="feedback-problem" role="alert">
				Indicators are switched off on this site: {problem}
			</p>
		);
	}

	// Until the page's scripts run there is no runtime, and nothing to show but that it is loading.
	if (!runtime) return <Loading />;
	if (notMember) {
		return <MembersOnly runtime={runtime} team={team} what="its indicators" onJoined={joined} />;
	}

	const minPeople = data?.minPeople ?? 4;
	return (
		<div className="indicators">
			<form className="filters" onSubmit={(event) => event.preventDefault()}>
				<label>
					Period{' '}
					<select
						value={weeks}
						onChange={(event) => {
							const value = Number(event.target.value);
							if (isPeriod(value)) setWeeks(value);
						}}
					>
						{INDICATOR_PERIODS.map((n) => (
							<option key={n} value={n}>
								last {n} weeks
							</option>
						))}
					</select>
				</label>
				<label>
					Task type{' '}
					<select value={task} onChange={(event) => setTask(event.target.value)}>
						<option value="">All task types</option>
						{tasks.map((t) => (
							<option key={t.id} value={t.id}>
								{t.title}
							</option>
						))}
					</select>
				</label>
				<span className="updated" role="status" aria-live="off" data-testid="updated">
					{age === undefined ? 'Loading…' : `Updated ${ago(age)}`}
					{' · '}
					{live === 'live' ? 'live' : `refreshing every ${pollSeconds} s`}
				</span>
			</form>

			{error && (
				<p role="alert" className="feedback-problem">
					{error}
				</p>
			)}

			{view?.suppressed && (
				<p className="suppressed-all" data-testid="team-suppressed">
					No closed week of this period had {minPeople} or more people in one task type, so confidence, outcomes and
					errors are held back; how often people check in is shown below.
				</p>
			)}

			{view && (
				<>
					<LeadSummary view={view} support={support} thisWeekPeople={view.thisWeek.people} />
					<p className="rule muted">
						Reporting rule: how often people check in is shown as it happens. Confidence, outcomes and errors are shown
						per closed week (Monday to Sunday), only where at least {minPeople} people are behind a number, so that no
						one can work out a teammate’s answers; the rest reads “hidden”. See the privacy page for why.
					</p>
					<TaskUseSection view={view} charts={charts} csv={csv.tasks} csvName={`${team.id}-tasks`} />
					<WeeklyTrendSection view={view} csv={csv.weeks} csvName={`${team.id}-weeks`} />
				</>
			)}
			{view && !view.suppressed && (
				<>
					<ConfidenceSection rows={usedTasks} charts={charts} csv={csv.tasks} csvName={`${team.id}-confidence`} />
					<ErrorsSection view={view} rows={usedTasks} charts={charts} csv={csv.tasks} csvName={`${team.id}-errors`} />
					<WorkflowUseSection view={view} csv={csv.workflows} csvName={`${team.id}-workflows`} />
				</>
			)}
		</div>
	);
}
