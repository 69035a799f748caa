/**
 * On a track's page: follow or leave it, which steps I have done (a check-in on the step's workflow,
 * read from my own rows), and for my team how the step has gone, from the team's published figures.
 */
import { useCallback, useEffect, useState } from 'react';
import type { TeamIndicators } from '../lib/data-api/database.ts';
import { nextStep } from '../lib/me/practice.ts';
import { readProgress, rememberDone, rememberFollowed } from '../lib/me/progress-cache.ts';
import { useFeedbackRuntime, useTeams } from './feedback-runtime.ts';
import { Loading } from './Loading.tsx';

interface Props {
	track: { id: string; title: string; teams: string[]; steps: { workflow: string; title: string }[] };
	supabaseUrl: string;
	anonKey: string;
}

const stepFigures = (cell: { checkIns: number; personWeeks: number; meanConfidence: number }) =>
	`${cell.checkIns} check-ins, ${cell.personWeeks} person-weeks, confidence ${cell.meanConfidence.toFixed(1)}`;

export default function TrackProgress({ track, supabaseUrl, anonKey }: Props) {
	const { problem, runtime } = useFeedbackRuntime(supabaseUrl, anonKey);
	const [teams] = useTeams(runtime);
	const api = runtime?.api;
	const signedIn = Boolean(runtime?.session.userId());
	const [done, setDone] = useState<Set<string>>();
	const [following, setFollowing] = useState(false);
	const [team, setTeam] = useState<TeamIndicators>();
	const [error, setError] = useState('');
	const [busy, setBusy] = useState(false);
	const myTeam =
		teams?.joined.find((id) => id === teams.team && track.teams.includes(id)) ??
		teams?.joined.find((id) => track.teams.includes(id));

	const load = useCallback(async () => {
		if (!api || !signedIn) return;
		const workflows = track.steps.map((step) => step.workflow);
		const [mine, follow] = await Promise.all([
			api.from('check_ins').select('workflow').in('workflow', workflows),
			api.from('track_follows').select('track').eq('track', track.id),
		]);
		if (mine.error || follow.error) {
			setError(mine.status === 0 ? 'Cannot reach the feedback service right now.' : 'Your progress is unavailable.');
			return;
		}
		setError('');
		setDone(new Set((mine.data ?? []).map((row) => row.workflow)));
		const follows = (follow.data ?? []).length > 0;
		setFollowing(follows);
		const others = readProgress(window.localStorage).followed.filter((id) => id !== track.id);
		rememberFollowed(window.localStorage, follows ? [...others, track.id] : others);
		rememberDone(
			window.localStorage,
			(mine.data ?? []).map((row) => row.workflow),
		);
	}, [api, signedIn, track]);

	useEffect(() => {
		void load();
		// A check-in made on another page of this browser shows when the person comes back.
		const again = () => document.visibilityState === 'visible' && void load();
		document.addEventListener('visibilitychange', again);
		return () => document.removeEventListener('visibilitychange', again);
	}, [load]);

	useEffect(() => {
		if (!api || !myTeam) return;
		void api
			.rpc('team_indicators', { p_team: myTeam, p_weeks: 12 })
			.then((result) => setTeam(result.data ?? undefined));
	}, [api, myTeam]);

	if (problem) return null;
	if (!runtime) return <Loading text="Loading your progress…" />;
	if (!signedIn) {
		return <p data-testid="track-join">Join your team (with its link) to follow this track and see your progress.</p>;
	}

	const toggle = async () => {
		setBusy(true);
		const result = following
			? await runtime.api.from('track_follows').delete().eq('track', track.id)
			: await runtime.api.from('track_follows').insert({ track: track.id });
		setBusy(false);
		if (result.error && result.error.code !== '23505') setError(`Could not change it: ${result.error.message}`);
		await load();
	};
	const next = done
		? nextStep(
				{ ...track, steps: track.steps.map((s) => s.workflow) },
				[...done].map((workflow) => ({ workflow })),
			)
		: undefined;

	return (
		<section className="track-progress" aria-labelledby="track-progress">
			<h2 id="track-progress">Your progress</h2>
			{error && (
				<p role="alert" className="feedback-problem">
					{error}
				</p>
			)}
			<p>
				<button
					type="button"
					className={following ? 'secondary' : undefined}
					disabled={busy}
					onClick={() => void toggle()}
				>
					{following ? 'Leave this track' : 'Follow this track'}
				</button>{' '}
				<span role="status" data-testid="track-following">
					{following ? 'You follow this track: your next step shows on the home page and on My practice.' : ''}
				</span>
			</p>
			{done && (
				<table data-testid="track-steps">
					<caption>Steps you have done, and how each has gone for {myTeam ?? 'your team'}</caption>
					<thead>
						<tr>
							<th scope="col">Step</th>
							<th scope="col">You</th>
							<th scope="col">Your team (closed weeks with 4+ people)</th>
						</tr>
					</thead>
					<tbody>
						{track.steps.map((step) => {
							const cell = team?.workflows.find((w) => w.workflow === step.workflow);
							return (
								<tr key={step.workflow}>
									<th scope="row">{step.title}</th>
									<td>{done.has(step.workflow) ? 'done' : step.workflow === next ? 'next' : 'not yet'}</td>
									<td>{!myTeam ? 'join a team this track is for' : cell ? stepFigures(cell) : 'not published yet'}</td>
								</tr>
							);
						})}
					</tbody>
				</table>
			)}
		</section>
	);
}
