import { useEffect, useMemo, useState } from 'react';
import type { SharedReflection, TeamIndicators } from '../lib/data-api/database.ts';
import type { Named } from '../lib/indicators/series.ts';
import { addDays, recentWeeks } from '../lib/indicators/weeks.ts';
import { useFeedbackRuntime } from './feedback-runtime.ts';
import { MembersOnly } from './MembersOnly.tsx';
import { ReflectionText } from './ReflectionText.tsx';

interface Props {
	team: { id: string; name: string };
	workflows: Named[];
	tasks: Named[];
	supabaseUrl: string;
	anonKey: string;
}

const formatWeek = (monday: string) =>
	new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
		new Date(`${monday}T00:00:00Z`),
	);

/** The week's shared reflections grouped by workflow, with the week's headline numbers. */
export default function TeamDigest({ team, workflows, tasks, supabaseUrl, anonKey }: Props) {
	const { problem, runtime } = useFeedbackRuntime(supabaseUrl, anonKey);
	const api = runtime?.api;
	const [notMember, setNotMember] = useState(false);
	const [joins, setJoins] = useState(0);
	const weeks = useMemo(() => recentWeeks(new Date(), 12), []);
	const [week, setWeek] = useState(weeks[0]!);
	const [reflections, setReflections] = useState<SharedReflection[]>();
	const [headline, setHeadline] = useState<TeamIndicators>();
	const [error, setError] = useState('');

	// biome-ignore lint/correctness/useExhaustiveDependencies: a join (joins) is a reason to load again
	useEffect(() => {
		if (!api) return;
		let current = true;
		setReflections(undefined);
		void (async () => {
			const [shared, indicators] = await Promise.all([
				api.rpc('team_reflections', {
					p_team: team.id,
					p_since: `${week}T00:00:00Z`,
					p_until: `${addDays(week, 7)}T00:00:00Z`,
				}),
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
			setReflections(shared.data);
			setHeadline(indicators.data ?? undefined);
		})();
		return () => {
			current = false;
		};
	}, [api, team.id, week, joins]);

	if (problem)
		return (
			<p className="feedback-problem" role="alert">
				The digest is switched off on this site: {problem}
			</p>
		);

	if (notMember && runtime) {
		return (
			<MembersOnly
				runtime={runtime}
				team={team}
				what="its reflections and digest"
				onJoined={() => setJoins((n) => n + 1)}
			/>
		);
	}

	const groups = new Map<string, SharedReflection[]>();
	for (const reflection of reflections ?? [])
		groups.set(reflection.workflow, [...(groups.get(reflection.workflow) ?? []), reflection]);
	const title = (id: string, list: Named[]) => list.find((item) => item.id === id)?.title ?? id;
	const weekCell = headline && !headline.suppressed ? headline.weekly.find((cell) => cell.week === week) : undefined;
	const rising =
		headline && !headline.suppressed
			? headline.tasks.filter(
					(cell) => !cell.suppressed && cell.recentConfidence !== null && cell.earlierConfidence !== null,
				)
			: [];

	return (
		<div className="digest">
			<p className="no-print">
				<label>
					Week{' '}
					<select value={week} onChange={(event) => setWeek(event.target.value)}>
						{weeks.map((monday, i) => (
							<option key={monday} value={monday}>
								{i === 0 ? 'This week' : `Week of ${formatWeek(monday)}`}
							</option>
						))}
					</select>
				</label>{' '}
				<button type="button" className="secondary" onClick={() => window.print()}>
					Print
				</button>
			</p>
			<h2>Week of {formatWeek(week)}</h2>
			{error && (
				<p role="alert" className="feedback-problem">
					{error}
				</p>
			)}

			<section aria-labelledby="headlines">
				<h3 id="headlines">Headlines</h3>
				{!headline ? (
					<p className="muted">Loading…</p>
				) : headline.suppressed ? (
					<p>Too few people checked in over the last twelve weeks to show numbers for {team.name}.</p>
				) : (
					<ul data-testid="digest-headlines">
						<li>
							{week === weeks[0] ? 'This week' : 'That week'}:{' '}
							{weekCell
								? weekCell.suppressed
									? 'hidden (too few people)'
									: `${weekCell.checkIns} check-ins by ${weekCell.participants} people`
								: 'no data'}
							.
						</li>
						<li>
							Last twelve weeks: {headline.totals.checkIns} check-ins by {headline.totals.participants} people; it
							helped in {Math.round(headline.totals.helpedRate * 100)}% of uses; an AI error was caught in{' '}
							{Math.round(headline.totals.catchRate * 100)}%.
						</li>
						{rising.map(
							(cell) =>
								!cell.suppressed && (
									<li key={cell.task}>
										{title(cell.task, tasks)}: confidence {cell.earlierConfidence!.toFixed(1)} →{' '}
										{cell.recentConfidence!.toFixed(1)} (four weeks before the last four, then the last four)
									</li>
								),
						)}
					</ul>
				)}
			</section>

			<section aria-labelledby="reflections">
				<h3 id="reflections">What people shared</h3>
				{reflections === undefined && !error && <p className="muted">Loading…</p>}
				{reflections?.length === 0 && (
					<p>
						No shared reflections this week. A good prompt for the meeting: what did you try with AI this week, and what
						happened?
					</p>
				)}
				{[...groups].map(([workflow, list]) => (
					<article key={workflow} className="digest-workflow">
						<h4>{title(workflow, workflows)}</h4>
						<ul>
							{list.map((reflection) => (
								<li key={reflection.id} data-testid="digest-reflection">
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
