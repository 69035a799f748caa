import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Chart } from './Chart.tsx';
import { configProblem, createFeedbackApi } from '../lib/feedback/sender.ts';
import { toCsv, type CsvValue } from '../lib/indicators/csv.ts';
import type { TeamIndicators as Indicators } from '../lib/data-api/database.ts';
import { ago, indicatorView, type Named, type TaskRow } from '../lib/indicators/series.ts';
import { subscribeToTeam, type LiveStatus } from '../lib/indicators/live-updates.ts';

interface Props {
	team: { id: string; name: string };
	/** The task types the team has workflows for (others appear only if someone checks in on them). */
	tasks: Named[];
	workflows: Named[];
	supabaseUrl: string;
	anonKey: string;
	/** How often to fetch again, in seconds (live updates without Realtime). */
	pollSeconds?: number;
}

const PERIODS = [4, 8, 12] as const;
const KIND_LABELS: Record<string, string> = {
	made_up_fact: 'made-up fact or source', wrong_number: 'wrong number', outdated: 'out of date', tone: 'wrong tone',
	leaked_data: 'data that should not be there', other: 'something else', unspecified: 'kind not given',
};
const HIDDEN = 'hidden';
const pct = (rate: number | null) => (rate === null ? '' : `${Math.round(rate * 100)}%`);
const num = (value: number | null, digits = 0) => (value === null ? '' : value.toFixed(digits));

function CsvLink({ name, rows }: { name: string; rows: () => string }) {
	const [href, setHref] = useState<string>();
	useEffect(() => {
		const url = URL.createObjectURL(new Blob([rows()], { type: 'text/csv;charset=utf-8' }));
		setHref(url);
		return () => URL.revokeObjectURL(url);
	}, [rows]);
	return href ? <a className="csv" href={href} download={`${name}.csv`}>Download the numbers (CSV)</a> : null;
}

function Section({ id, title, intro, children }: { id: string; title: string; intro: string; children: ReactNode }) {
	return (
		<section className="indicator" aria-labelledby={id}>
			<h2 id={id}>{title}</h2>
			<p className="muted">{intro}</p>
			{children}
		</section>
	);
}

const cellText = (row: TaskRow, value: string) => (row.suppressed ? HIDDEN : value);

/** The team lead's weekly view: which tasks, how often, confidence, errors caught. Polls for updates. */
export default function TeamIndicators({ team, tasks, workflows, supabaseUrl, anonKey, pollSeconds = 10 }: Props) {
	const problem = configProblem({ url: supabaseUrl, anonKey });
	const api = useMemo(() => (problem ? undefined : createFeedbackApi({ url: supabaseUrl, anonKey })), [problem, supabaseUrl, anonKey]);
	const [weeks, setWeeks] = useState<number>(12);
	const [task, setTask] = useState('');
	const [data, setData] = useState<Indicators>();
	const [error, setError] = useState('');
	const [updatedAt, setUpdatedAt] = useState<number>();
	const [now, setNow] = useState(Date.now());
	const [live, setLive] = useState<LiveStatus>('connecting');

	const load = useCallback(async () => {
		if (!api) return;
		const result = await api.rpc('team_indicators', { p_team: team.id, p_weeks: weeks, ...(task ? { p_task: task } : {}) });
		if (result.error || !result.data) {
			setError(result.status === 0 ? 'Cannot reach the feedback service; showing the last numbers received.' : `Indicators unavailable: ${result.error?.message}`);
			return;
		}
		setError('');
		setData(result.data);
		setUpdatedAt(Date.now());
	}, [api, team.id, weeks, task]);

	useEffect(() => {
		void load();
		const poll = setInterval(() => void load(), pollSeconds * 1000);
		const tick = setInterval(() => setNow(Date.now()), 1000);
		return () => {
			clearInterval(poll);
			clearInterval(tick);
		};
	}, [load, pollSeconds]);

	// Realtime pings make a check-in show within a second or two; polling stays as the fallback.
	useEffect(() => {
		if (problem) return;
		return subscribeToTeam({ url: supabaseUrl, anonKey, team: team.id, onPing: () => void load(), onStatus: setLive });
	}, [problem, supabaseUrl, anonKey, team.id, load]);

	const view = useMemo(() => (data ? indicatorView(data, tasks, workflows) : undefined), [data, tasks, workflows]);
	const visibleTasks = useMemo(() => view?.tasks.filter((row) => !row.unused) ?? [], [view]);
	const taskChart = useMemo(() => ({
		x: visibleTasks.map((_, i) => i),
		categories: visibleTasks.map((row) => row.title),
		checkIns: [{ label: 'Check-ins', values: visibleTasks.map((row) => row.checkIns), colorVar: '--accent', bars: true }],
		confidence: [{ label: 'Mean confidence', values: visibleTasks.map((row) => row.meanConfidence), colorVar: '--accent', bars: true }],
		catches: [{ label: 'Check-ins with an AI error caught', values: visibleTasks.map((row) => (row.catchRate === null ? null : Math.round(row.catchRate * 100))), colorVar: '--danger-text', bars: true }],
	}), [visibleTasks]);
	const weekChart = useMemo(() => ({
		x: view?.weeks.map((w) => w.time) ?? [],
		series: [
			{ label: 'Check-ins', values: view?.weeks.map((w) => w.checkIns) ?? [], colorVar: '--accent' },
			{ label: 'Active people', values: view?.weeks.map((w) => w.participants) ?? [], colorVar: '--ok-text' },
		],
	}), [view]);

	const csv = {
		tasks: useCallback(() => toCsv(view?.tasks ?? [], [
			{ header: 'task type', value: (r) => r.title },
			{ header: 'check-ins', value: (r) => (r.suppressed ? HIDDEN : r.checkIns) },
			{ header: 'people', value: (r) => (r.suppressed ? HIDDEN : r.participants) },
			{ header: 'mean confidence', value: (r) => (r.suppressed ? HIDDEN : r.meanConfidence) },
			{ header: 'confidence sd', value: (r) => (r.suppressed ? HIDDEN : r.confidenceSd) },
			{ header: 'confidence change vs 4 weeks earlier', value: (r) => (r.suppressed ? HIDDEN : r.confidenceChange) },
			{ header: 'error catch rate', value: (r) => (r.suppressed ? HIDDEN : r.catchRate) },
			{ header: 'caught before', value: (r) => (r.suppressed ? HIDDEN : r.caughtBefore) },
			{ header: 'caught after', value: (r) => (r.suppressed ? HIDDEN : r.caughtAfter) },
		]), [view]),
		weeks: useCallback(() => toCsv(view?.weeks ?? [], [
			{ header: 'week starting', value: (w) => w.week },
			{ header: 'check-ins', value: (w): CsvValue => (w.suppressed ? HIDDEN : w.checkIns) },
			{ header: 'active people', value: (w): CsvValue => (w.suppressed ? HIDDEN : w.participants) },
		]), [view]),
		workflows: useCallback(() => toCsv(view?.workflows ?? [], [
			{ header: 'workflow', value: (w) => w.title },
			{ header: 'check-ins', value: (w): CsvValue => (w.suppressed ? HIDDEN : w.checkIns) },
		]), [view]),
	};

	if (problem) return <p className="feedback-problem" role="alert">Indicators are switched off on this site: {problem}</p>;

	return (
		<div className="indicators">
			<form className="filters" onSubmit={(event) => event.preventDefault()}>
				<label>Period{' '}
					<select value={weeks} onChange={(event) => setWeeks(Number(event.target.value))}>
						{PERIODS.map((n) => <option key={n} value={n}>last {n} weeks</option>)}
					</select>
				</label>
				<label>Task type{' '}
					<select value={task} onChange={(event) => setTask(event.target.value)}>
						<option value="">All task types</option>
						{tasks.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
					</select>
				</label>
				<span className="updated" role="status" aria-live="off" data-testid="updated">
					{updatedAt ? `Updated ${ago((now - updatedAt) / 1000)}` : 'Loading…'}
					{' · '}{live === 'live' ? 'live' : `refreshing every ${pollSeconds} s`}
				</span>
			</form>
			<p className="rule muted">
				Reporting rule: a number is shown only when at least {data?.k ?? 3} different people are behind it; smaller groups, and
				any group whose number could be worked out from the others, show “hidden”.
			</p>
			{error && <p role="alert" className="feedback-problem">{error}</p>}

			{view?.suppressed && (
				<p className="suppressed-all" data-testid="team-suppressed">
					Too few people have checked in during this period to show anything without identifying someone. Numbers appear once
					{' '}{data?.k ?? 3} teammates have checked in.
				</p>
			)}

			{view && !view.suppressed && (
				<>
					<dl className="headline facts" data-testid="headline">
						<dt>Check-ins</dt><dd data-testid="total-check-ins">{view.totals?.checkIns}</dd>
						<dt>People</dt><dd data-testid="total-people">{view.totals?.participants}</dd>
						<dt>Mean confidence</dt><dd>{view.totals?.meanConfidence.toFixed(1)} of 5</dd>
						<dt>AI errors caught</dt><dd>in {pct(view.totals?.catchRate ?? null)} of uses</dd>
					</dl>

					<Section id="tasks" title="Which tasks the team uses AI for" intro="Check-ins and distinct people per task type.">
						<Chart title="Check-ins per task type" x={taskChart.x} categories={taskChart.categories} series={taskChart.checkIns} />
						<table data-testid="tasks-table">
							<caption>Use per task type</caption>
							<thead><tr><th scope="col">Task type</th><th scope="col">Check-ins</th><th scope="col">People</th></tr></thead>
							<tbody>
								{view.tasks.filter((r) => !r.unused).map((row) => (
									<tr key={row.task}><th scope="row">{row.title}</th><td>{cellText(row, num(row.checkIns))}</td><td>{cellText(row, num(row.participants))}</td></tr>
								))}
							</tbody>
						</table>
						<CsvLink name={`${team.id}-tasks`} rows={csv.tasks} />
						<h3>Where fluency is not developing</h3>
						{view.tasks.some((r) => r.unused)
							? <ul data-testid="unused-tasks">{view.tasks.filter((r) => r.unused).map((row) => <li key={row.task}>{row.title}: no check-ins in this period</li>)}</ul>
							: <p>Every task type has check-ins in this period.</p>}
					</Section>

					<Section id="trend" title="Weekly trend" intro="Check-ins and active people per week (weeks start on Monday).">
						<Chart title="Check-ins and active people per week" x={weekChart.x} series={weekChart.series} />
						<table data-testid="weeks-table">
							<caption>Check-ins and active people per week</caption>
							<thead><tr><th scope="col">Week starting</th><th scope="col">Check-ins</th><th scope="col">Active people</th></tr></thead>
							<tbody>
								{view.weeks.map((w) => <tr key={w.week}><th scope="row">{w.week}</th><td>{w.suppressed ? HIDDEN : w.checkIns}</td><td>{w.suppressed ? HIDDEN : w.participants}</td></tr>)}
							</tbody>
						</table>
						<CsvLink name={`${team.id}-weeks`} rows={csv.weeks} />
					</Section>

					<Section id="confidence" title="Confidence per task type" intro="Mean confidence (1 to 5) and its spread, and the change of the last four weeks against the four before.">
						<Chart title="Mean confidence per task type" x={taskChart.x} categories={taskChart.categories} series={taskChart.confidence} yMax={5} />
						<table>
							<caption>Confidence per task type</caption>
							<thead><tr><th scope="col">Task type</th><th scope="col">Mean</th><th scope="col">Spread (sd)</th><th scope="col">Change vs 4 weeks earlier</th></tr></thead>
							<tbody>
								{visibleTasks.map((row) => (
									<tr key={row.task}>
										<th scope="row">{row.title}</th>
										<td>{cellText(row, num(row.meanConfidence, 2))}</td>
										<td>{cellText(row, num(row.confidenceSd, 2))}</td>
										<td>{cellText(row, row.confidenceChange === null ? 'not enough people' : `${row.confidenceChange > 0 ? '+' : ''}${row.confidenceChange.toFixed(2)}`)}</td>
									</tr>
								))}
							</tbody>
						</table>
						<CsvLink name={`${team.id}-confidence`} rows={csv.tasks} />
					</Section>

					<Section id="errors" title="AI errors caught" intro="Share of check-ins where someone caught an AI error, and whether before or after it went anywhere.">
						<Chart title="Percent of check-ins with an AI error caught, per task type" x={taskChart.x} categories={taskChart.categories} series={taskChart.catches} yMax={100} />
						<table>
							<caption>AI errors caught per task type</caption>
							<thead><tr><th scope="col">Task type</th><th scope="col">Catch rate</th><th scope="col">Caught before</th><th scope="col">Caught after</th></tr></thead>
							<tbody>
								{visibleTasks.map((row) => (
									<tr key={row.task}><th scope="row">{row.title}</th><td>{cellText(row, pct(row.catchRate))}</td><td>{cellText(row, num(row.caughtBefore))}</td><td>{cellText(row, num(row.caughtAfter))}</td></tr>
								))}
							</tbody>
						</table>
						<h3>Kinds of error</h3>
						{task ? <p>Kinds of error are shown for all task types together (a per-task breakdown could single people out).</p> : view.errorKinds.length === 0 ? <p>No errors caught in this period.</p> : (
							<ul>{view.errorKinds.map((k) => <li key={k.kind}>{KIND_LABELS[k.kind] ?? k.kind}: {k.suppressed ? HIDDEN : k.checkIns}</li>)}</ul>
						)}
						<CsvLink name={`${team.id}-errors`} rows={csv.tasks} />
					</Section>

					<Section id="workflows" title="Most and least used workflows" intro={task ? 'Shown for all task types together: choose “All task types”.' : 'Check-ins per workflow in this period, most used first.'}>
						<table data-testid="workflows-table">
							<caption>Check-ins per workflow</caption>
							<thead><tr><th scope="col">Workflow</th><th scope="col">Check-ins</th></tr></thead>
							<tbody>
								{view.workflows.map((w) => <tr key={w.workflow}><th scope="row">{w.title}</th><td>{w.suppressed ? HIDDEN : w.checkIns}</td></tr>)}
							</tbody>
						</table>
						<CsvLink name={`${team.id}-workflows`} rows={csv.workflows} />
					</Section>
				</>
			)}
		</div>
	);
}
