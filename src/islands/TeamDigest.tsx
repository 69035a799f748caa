import { useEffect, useState } from 'react';
import type { ReflectionWeek, SharedReflection, TeamIndicators } from '../lib/data-api/database.ts';
import type { Named } from '../lib/indicators/series.ts';
import { formatDay } from '../lib/site/dates.ts';
import { useFeedbackRuntime } from './feedback-runtime.ts';
import { Loading } from './Loading.tsx';
import { MembersOnly } from './MembersOnly.tsx';
import { ReflectionText } from './ReflectionText.tsx';

interface Props {
	team: { id: string; name: string };
	workflows: Named[];
	tasks: Named[];
	supabaseUrl: string;
	anonKey: string;
}

/** A closed week's shared reflections grouped by workflow, with the week's headline numbers. */
export default function TeamDigest({ team, workflows, tasks, supabaseUrl, anonKey }: Props) {
	const { problem, runtime } = useFeedbackRuntime(supabaseUrl, anonKey);
	const api = runtime?.api;
	const [notMember, setNotMember] = useState(false);
	const [joins, setJoins] = useState(0);
	const [weeks, setWeeks] = useState<ReflectionWeek[]>();
	const [week, setWeek] = useState('');
	const [headline, setHeadline] = useState<TeamIndicators>();
	const [error, setError] = useState('');

	// biome-ignore lint/correctness/useExhaustiveDependencies: a join (joins) is a reason to load again
	useEffect(() => {
		if (!api) return;
		let current = true;
		void (async () => {
			const [shared, indicators] = await Promise.all([
				api.rpc('team_reflections', { p_team: team.id, p_weeks: 12 }),
				// Twelve weeks, so every week the picker offers has its own numbers.
				api.rpc('team_indicators', { p_team: team.id, p_weeks: 12 }),
			]);
			if (!current) return;
			setNotMember(shared.status === 401 || shared.status === 403);
			if (shared.error || !shared.data) {
				setError(
					shared.status === 0
						? 'Cannot reach the feedback service right now.'
						: `The digest is unavailable: ${shared.error?.message}`,
				);
				return;
			}
			setError('');
			setWeeks(shared.data);
			setWeek((chosen) => chosen || (shared.data[0]?.week ?? ''));
			setHeadline(indicators.data ?? undefined);
		})();
		return () => {
			current = false;
		};
	}, [api, team.id, joins]);

	if (problem)
		return (
			<p className="feedback-problem" role="alert">
				The digest is switched off on this site: {problem}
			</p>
		);

	// Until the page's scripts run there is no runtime, and nothing to show but that it is loading.
	if (!runtime) return <Loading />;
	if (notMember) {
		return (
			<MembersOnly
				runtime={runtime}
				team={team}
				what="its reflections and digest"
				onJoined={() => setJoins((n) => n + 1)}
			/>
		);
	}

	const chosen = weeks?.find((w) => w.week === week);
	const groups = new Map<string, SharedReflection[]>();
	for (const reflection of chosen?.reflections ?? [])
		groups.set(reflection.workflow, [...(groups.get(reflection.workflow) ?? []), reflection]);
	const title = (id: string, list: Named[]) => list.find((item) => item.id === id)?.title ?? id;
	const weekCell = headline?.weekly.find((cell) => cell.week === week);
	const changes = headline?.tasks.filter((cell) => cell.recentConfidence !== null && cell.earlierConfidence !== null);
	const minPeople = headline?.minPeople ?? 4;

	return (
		<div className="digest">
			<p className="no-print">
				<label>
					Week{' '}
					<select value={week} onChange={(event) => setWeek(event.target.value)}>
						{(weeks ?? []).map((w) => (
							<option key={w.week} value={w.week}>
								Week of {formatDay(w.week)}
							</option>
						))}
					</select>
				</label>{' '}
				<button type="button" className="secondary" onClick={() => window.print()}>
					Print
				</button>
			</p>
			<p className="muted">
				The digest covers closed weeks (Monday to Sunday): this week's reflections appear once it ends.
			</p>
			{/* Always there, so the sections below do not move when the week is known. */}
			<h2>Week of {week ? formatDay(week) : '…'}</h2>
			{error && (
				<p role="alert" className="feedback-problem">
					{error}
				</p>
			)}

			<section aria-labelledby="headlines" className="digest-headlines">
				<h3 id="headlines">Headlines</h3>
				{!headline ? (
					<Loading />
				) : (
					<ul data-testid="digest-headlines">
						<li>
							That week:{' '}
							{weekCell
								? `${weekCell.checkIns} check-ins by ${weekCell.people} people` +
									(weekCell.shown
										? `; mean confidence ${weekCell.meanConfidence.toFixed(1)} of 5`
										: '; confidence held back (too few people per task type)')
								: 'no data'}
							.
						</li>
						<li>
							Last twelve weeks: {headline.totals.checkIns} check-ins
							{headline.totals.shown
								? `; it helped in ${Math.round(headline.totals.helpedRate * 100)}% of uses; an AI error was caught ` +
									`in ${Math.round(headline.totals.catchRate * 100)}%.`
								: '.'}
						</li>
						{changes?.map((cell) => (
							<li key={cell.task}>
								{title(cell.task, tasks)}: confidence {cell.earlierConfidence?.toFixed(1)} →{' '}
								{cell.recentConfidence?.toFixed(1)} (four closed weeks before the last four, then the last four)
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="reflections">
				<h3 id="reflections">What people shared</h3>
				{weeks === undefined && !error && <Loading />}
				{chosen && !chosen.shown && (
					<p data-testid="digest-held">
						Fewer than {minPeople} people shared a reflection that week, so none is shown: a few could be told apart. A
						good prompt for the meeting: what did you try with AI this week, and what happened?
					</p>
				)}
				{[...groups].map(([workflow, list]) => (
					<article key={workflow} className="digest-workflow">
						<h4>{title(workflow, workflows)}</h4>
						<ul>
							{list.map((reflection, i) => (
								// No ids are published: the position in this answer is the key.
								// biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
								<li key={i} data-testid="digest-reflection">
									<ReflectionText reflection={reflection} />
								</li>
							))}
						</ul>
					</article>
				))}
			</section>
		</div>
	);
}
