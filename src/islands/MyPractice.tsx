/**
 * /me/: a person's own practice, read through RLS from their own rows only, beside their team's
 * published figures; their reflections, which they can share, hide or delete; what to try next;
 * and their data, to download or delete.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TeamIndicators } from '../lib/data-api/database.ts';
import { errorKindLabel } from '../lib/feedback/model.ts';
import type { Named } from '../lib/indicators/series.ts';
import { myData, myDataCsv } from '../lib/me/export.ts';
import {
	type MyCheckIn,
	type MyReflection,
	myPractice,
	nextStep,
	type TrackSteps,
	untriedTasks,
} from '../lib/me/practice.ts';
import { rememberDone, rememberFollowed } from '../lib/me/progress-cache.ts';
import { formatDay, formatDayOf } from '../lib/site/dates.ts';
import { useFeedbackRuntime, useTeams } from './feedback-runtime.ts';
import { CsvLink, DownloadLink } from './indicators/parts.tsx';
import { Loading } from './Loading.tsx';

interface Props {
	tasks: Named[];
	workflows: Named[];
	teamTasks: { id: string; name: string; tasks: string[] }[];
	tracks: TrackSteps[];
	supabaseUrl: string;
	anonKey: string;
}

const CHECK_IN_COLUMNS =
	'id, workflow, task, team, confidence, outcome, error_caught, error_kind, minutes_saved, created_at';
const REFLECTION_COLUMNS = 'id, workflow, task, team, worked, did_not_work, try_next, visibility, created_at';
const trend = (recent: number | null, earlier: number | null) =>
	recent === null || earlier === null
		? ''
		: ` (${recent > earlier ? 'up' : recent < earlier ? 'down' : 'level'} from ${earlier.toFixed(1)})`;

export default function MyPractice({ tasks, workflows, teamTasks, tracks, supabaseUrl, anonKey }: Props) {
	const { problem, runtime } = useFeedbackRuntime(supabaseUrl, anonKey);
	const [teams] = useTeams(runtime);
	const api = runtime?.api;
	const [checkIns, setCheckIns] = useState<MyCheckIn[]>();
	const [reflections, setReflections] = useState<MyReflection[]>([]);
	const [follows, setFollows] = useState<string[]>([]);
	const [team, setTeam] = useState<TeamIndicators>();
	const [error, setError] = useState('');
	const [deleted, setDeleted] = useState('');
	const [confirming, setConfirming] = useState(false);
	const signedIn = Boolean(runtime?.session.userId());

	const load = useCallback(async () => {
		if (!api || !signedIn) return;
		const [mine, written, followed] = await Promise.all([
			api.from('check_ins').select(CHECK_IN_COLUMNS).order('created_at', { ascending: false }),
			api.from('reflections').select(REFLECTION_COLUMNS).order('created_at', { ascending: false }),
			api.from('track_follows').select('track'),
		]);
		const failed = mine.error ?? written.error ?? followed.error;
		if (failed) {
			setError(mine.status === 0 ? 'Cannot reach the feedback service right now.' : `Unavailable: ${failed.message}`);
			return;
		}
		setError('');
		setCheckIns(mine.data ?? []);
		setReflections(written.data ?? []);
		setFollows((followed.data ?? []).map((row) => row.track));
		rememberFollowed(
			window.localStorage,
			(followed.data ?? []).map((row) => row.track),
		);
		rememberDone(
			window.localStorage,
			(mine.data ?? []).map((row) => row.workflow),
			true,
		);
	}, [api, signedIn]);

	useEffect(() => {
		void load();
	}, [load]);

	// The team's published figures, for the same task types: only what the team page shows.
	useEffect(() => {
		if (!api || !teams?.team) return;
		void api.rpc('team_indicators', { p_team: teams.team, p_weeks: 12 }).then((result) => {
			setTeam(result.data ?? undefined);
		});
	}, [api, teams?.team]);

	const practice = useMemo(() => (checkIns ? myPractice(checkIns, new Date()) : undefined), [checkIns]);
	const title = (list: Named[], id: string) => list.find((item) => item.id === id)?.title ?? id;

	if (problem) {
		return (
			<p className="feedback-problem" role="alert">
				Your practice is not available on this site: {problem}
			</p>
		);
	}
	if (!runtime) return <Loading />;
	if (!signedIn) {
		return (
			<p data-testid="me-empty">
				This browser has no Praxis identity yet. Join your team with the link your team lead shares, check in on a
				workflow, and your practice appears here.
			</p>
		);
	}
	// Everything at once: sections filling in one by one would push each other down the page.
	if (!practice && !error) return <Loading />;

	const setVisibility = async (id: string, visibility: 'team' | 'private') => {
		const { error: failed } = await runtime.api.from('reflections').update({ visibility }).eq('id', id);
		if (failed) setError(`Could not change it: ${failed.message}`);
		await load();
	};
	const remove = async (id: string) => {
		const { error: failed } = await runtime.api.from('reflections').delete().eq('id', id);
		if (failed) setError(`Could not delete it: ${failed.message}`);
		await load();
	};
	const deleteAll = async () => {
		const { data, error: failed } = await runtime.api.rpc('delete_my_data');
		setConfirming(false);
		if (failed || !data) {
			setError(`Nothing was deleted: ${failed?.message ?? 'no answer'}`);
			return;
		}
		setDeleted(
			`Deleted ${data.checkIns} check-ins, ${data.reflections} reflections and ${data.trackFollows} followed tracks.`,
		);
		await load();
	};

	const teamTask = (task: string) => team?.tasks.find((cell) => cell.task === task);
	const myTeams = teamTasks.filter((t) => teams?.joined.includes(t.id));
	const untried = untriedTasks([...new Set(myTeams.flatMap((t) => t.tasks))], checkIns ?? []);
	const followed = tracks.filter((track) => follows.includes(track.id));
	const data = myData(checkIns ?? [], reflections, follows);

	return (
		<div className="my-practice">
			{error && (
				<p role="alert" className="feedback-problem">
					{error}
				</p>
			)}
			{deleted && (
				<p role="status" data-testid="me-deleted">
					{deleted}
				</p>
			)}
			<section aria-labelledby="me-summary">
				<h2 id="me-summary">Your check-ins</h2>
				{!practice ? (
					<Loading />
				) : practice.checkIns === 0 ? (
					<p data-testid="me-none">No check-ins from this browser yet.</p>
				) : (
					<>
						<dl className="facts" data-testid="me-facts">
							<dt>Check-ins</dt>
							<dd data-testid="me-check-ins">{practice.checkIns}</dd>
							<dt>Minutes saved</dt>
							<dd>{practice.minutesSaved}</dd>
							<dt>AI errors you caught</dt>
							<dd>
								{practice.tasks.reduce((n, t) => n + t.caughtBefore, 0)} before they went anywhere,{' '}
								{practice.tasks.reduce((n, t) => n + t.caughtAfter, 0)} after
							</dd>
						</dl>
						<div className="table-scroll">
							<table data-testid="me-tasks">
								<caption>Your confidence per task type, beside your team's published figure</caption>
								<thead>
									<tr>
										<th scope="col">Task type</th>
										<th scope="col">Check-ins</th>
										<th scope="col">Your confidence</th>
										<th scope="col">Team</th>
										<th scope="col">Errors caught (before / after)</th>
									</tr>
								</thead>
								<tbody>
									{practice.tasks.map((row) => {
										const cell = teamTask(row.task);
										return (
											<tr key={row.task}>
												<th scope="row">{title(tasks, row.task)}</th>
												<td>{row.checkIns}</td>
												<td>
													{row.meanConfidence.toFixed(1)}
													{trend(row.recentConfidence, row.earlierConfidence)}
												</td>
												<td>{cell?.shown ? cell.meanConfidence.toFixed(1) : 'not published'}</td>
												<td>
													{row.caughtBefore} / {row.caughtAfter}
												</td>
											</tr>
										);
									})}
								</tbody>
							</table>
						</div>
						<p className="muted">
							"Team" is the figure your team's indicators page shows ({teams?.team ?? 'no team'}, closed weeks with at
							least four people); where it shows none, neither does this page.
						</p>
						<table data-testid="me-weeks">
							<caption>Your check-ins per week</caption>
							<thead>
								<tr>
									<th scope="col">Week starting</th>
									<th scope="col">Check-ins</th>
								</tr>
							</thead>
							<tbody>
								{practice.weeks.map((week, i) => (
									<tr key={week}>
										<th scope="row">{formatDay(week)}</th>
										<td>{practice.tasks.reduce((n, t) => n + (t.weekly[i] ?? 0), 0)}</td>
									</tr>
								))}
							</tbody>
						</table>
						<h3>Workflows you used most</h3>
						<ol>
							{practice.workflows.slice(0, 5).map((w) => (
								<li key={w.workflow}>
									<a href={`../workflows/${w.workflow}/`}>{title(workflows, w.workflow)}</a>: {w.checkIns}
								</li>
							))}
						</ol>
						{practice.kinds.length > 0 && (
							<>
								<h3>Kinds of error you caught</h3>
								<ul>
									{practice.kinds.map((k) => (
										<li key={k.kind}>
											{errorKindLabel(k.kind)}: {k.checkIns}
										</li>
									))}
								</ul>
							</>
						)}
					</>
				)}
			</section>

			<section aria-labelledby="me-next">
				<h2 id="me-next">Next for you</h2>
				<ul data-testid="me-next-list">
					{untried.map((task) => (
						<li key={task}>
							Try a workflow for <a href={`../tasks/${task}/`}>{title(tasks, task)}</a>: your team uses it and you have
							not checked in on it yet.
						</li>
					))}
					{followed.map((track) => {
						const step = nextStep(track, checkIns ?? []);
						return (
							<li key={track.id}>
								<a href={`../tracks/${track.id}/`}>{track.title}</a>:{' '}
								{step ? (
									<>
										next step <a href={`../workflows/${step}/`}>{title(workflows, step)}</a>
									</>
								) : (
									'every step done'
								)}
							</li>
						);
					})}
					{untried.length === 0 && followed.length === 0 && (
						<li>Follow a track from its page to see your next step here.</li>
					)}
				</ul>
			</section>

			<section aria-labelledby="me-reflections">
				<h2 id="me-reflections">Your reflections</h2>
				{reflections.length === 0 ? (
					<p>No reflections yet.</p>
				) : (
					<ul className="my-reflections" data-testid="me-reflections">
						{reflections.map((r) => (
							<li key={r.id}>
								<p>
									<a href={`../workflows/${r.workflow}/`}>{title(workflows, r.workflow)}</a>,{' '}
									<time dateTime={r.created_at}>{formatDayOf(r.created_at)}</time>
								</p>
								{r.worked && <p>Worked: {r.worked}</p>}
								{r.did_not_work && <p>Did not work: {r.did_not_work}</p>}
								{r.try_next && <p>Next time: {r.try_next}</p>}
								<p>
									<label>
										Who sees it{' '}
										<select
											value={r.visibility}
											onChange={(event) => void setVisibility(r.id, event.target.value as 'team' | 'private')}
										>
											<option value="team">My team (in the digest)</option>
											<option value="private">Only me</option>
										</select>
									</label>{' '}
									<button type="button" className="secondary" onClick={() => void remove(r.id)}>
										Delete this reflection
									</button>
								</p>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="me-data">
				<h2 id="me-data">Your data</h2>
				<p>
					Everything you wrote from this browser: {data.checkIns.length} check-ins, {data.reflections.length}{' '}
					reflections, {data.trackFollows.length} followed tracks.
				</p>
				<p>
					<CsvLink name="my-check-ins" csv={myDataCsv.checkIns(data)} label="Your check-ins (CSV)" />
					{' · '}
					<CsvLink name="my-reflections" csv={myDataCsv.reflections(data)} label="Your reflections (CSV)" />
					{' · '}
					<DownloadLink
						file="my-praxis-data.json"
						text={JSON.stringify(data, null, 2)}
						type="application/json"
						label="Download all of it (JSON)"
					/>
				</p>
				{confirming ? (
					<p>
						Delete all of it? It cannot be undone. Weeks already published keep their totals, which never show you.{' '}
						<button type="button" onClick={() => void deleteAll()}>
							Yes, delete everything
						</button>{' '}
						<button type="button" className="secondary" onClick={() => setConfirming(false)}>
							Keep it
						</button>
					</p>
				) : (
					<button type="button" className="secondary" onClick={() => setConfirming(true)}>
						Delete all my data
					</button>
				)}
			</section>
		</div>
	);
}
