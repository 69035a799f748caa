import { useCallback, useEffect, useState } from 'react';
import type { FeedbackApi } from '../lib/data-api/client.ts';
import type { ReflectionWeek, SharedReflection, WorkflowSummary as Summary } from '../lib/data-api/database.ts';
import { Loading } from './Loading.tsx';
import { ReflectionText } from './ReflectionText.tsx';

interface Props {
	api: FeedbackApi;
	workflow: string;
	team: string;
	teamName: string;
	/** Changes whenever one of the person's own items is delivered, to refresh. */
	refreshKey: number;
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** How this workflow is going for the team, within the k-anonymity rule, and what teammates shared. */
export function WorkflowSummary({ api, workflow, team, teamName, refreshKey }: Props) {
	const [summary, setSummary] = useState<Summary | undefined>();
	const [shared, setShared] = useState<SharedReflection[]>([]);
	const [problem, setProblem] = useState('');

	const load = useCallback(async () => {
		const [result, reflections] = await Promise.all([
			api.rpc('workflow_summary', { p_workflow: workflow, p_team: team }),
			api.rpc('team_reflections', { p_team: team, p_weeks: 12 }),
		]);
		if (result.error || !result.data) {
			setProblem(
				result.status === 0
					? 'Cannot reach the feedback service right now.'
					: `The team summary is unavailable (${result.error?.message ?? 'no data'}).`,
			);
			return;
		}
		setProblem('');
		setSummary(result.data);
		setShared(
			(reflections.data ?? [])
				.flatMap((week: ReflectionWeek) => week.reflections)
				.filter((reflection: SharedReflection) => reflection.workflow === workflow)
				.slice(0, 5),
		);
	}, [api, workflow, team]);

	// biome-ignore lint/correctness/useExhaustiveDependencies: a new refreshKey (a delivered check-in) means load again
	useEffect(() => {
		void load();
	}, [load, refreshKey]);

	return (
		<section className="summary" aria-labelledby="summary-title" aria-busy={!summary && !problem}>
			<h3 id="summary-title">How it is going for {teamName}</h3>
			{problem && <p role="alert">{problem}</p>}
			{!summary && !problem && <Loading />}
			{summary?.suppressed && (
				<p data-testid="summary-suppressed">
					{`Nothing to show yet: numbers appear for a closed week (Monday to Sunday) in which at least ` +
						`${summary.minPeople} people on your team used this workflow, so no one's answers can be singled out.`}
				</p>
			)}
			{summary && !summary.suppressed && (
				<>
					<dl className="facts" data-testid="summary-numbers">
						<dt>Check-ins</dt>
						<dd data-testid="summary-check-ins">{summary.checkIns}</dd>
						<dt>Weeks</dt>
						<dd>
							{summary.weeks} of the last 12 closed weeks, {summary.personWeeks} person-weeks
						</dd>
						<dt>Mean confidence</dt>
						<dd>{summary.meanConfidence.toFixed(1)} of 5</dd>
						<dt>It helped</dt>
						<dd>{percent(summary.helpedRate)} of uses</dd>
						<dt>Spread of confidence</dt>
						<dd>sd {summary.confidenceSd.toFixed(1)} between people</dd>
						<dt>AI errors caught</dt>
						<dd>
							in {percent(summary.catchRate)} of uses ({percent(summary.caughtAfterRate)} only after it went somewhere)
						</dd>
					</dl>
					<p className="muted">Closed weeks only; this week's check-ins count once it ends.</p>
				</>
			)}
			{shared.length > 0 && (
				<>
					<h4>What teammates learned</h4>
					<ul className="shared-reflections">
						{shared.map((reflection, i) => (
							// No ids are published: the position in this answer is the key.
							// biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
							<li key={i}>
								<ReflectionText reflection={reflection} />
							</li>
						))}
					</ul>
				</>
			)}
		</section>
	);
}
