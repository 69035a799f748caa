import { useCallback, useEffect, useState } from 'react';
import type { FeedbackApi } from '../lib/data-api/client.ts';
import type { SharedReflection, WorkflowSummary as Summary } from '../lib/data-api/database.ts';
import { CONFIDENCE } from '../lib/feedback/model.ts';
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
		const since = new Date(Date.now() - 90 * 86_400_000).toISOString();
		const [result, reflections] = await Promise.all([
			api.rpc('workflow_summary', { p_workflow: workflow, p_team: team }),
			api.rpc('team_reflections', { p_team: team, p_since: since }),
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
			(reflections.data ?? []).filter((reflection: SharedReflection) => reflection.workflow === workflow).slice(0, 5),
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
			{!summary && !problem && <p className="muted">Loading…</p>}
			{summary?.suppressed && (
				<p data-testid="summary-suppressed">
					Too few check-ins yet to show this: numbers appear once at least {summary.k} people on your team have checked
					in, so no one's answers can be singled out.
				</p>
			)}
			{summary && !summary.suppressed && (
				<>
					<dl className="facts" data-testid="summary-numbers">
						<dt>Check-ins</dt>
						<dd data-testid="summary-check-ins">{summary.checkIns}</dd>
						<dt>People</dt>
						<dd>{summary.participants}</dd>
						<dt>Mean confidence</dt>
						<dd>{summary.meanConfidence.toFixed(1)} of 5</dd>
						<dt>It helped</dt>
						<dd>{percent(summary.helpedRate)} of uses</dd>
						<dt>AI errors caught</dt>
						<dd>in {percent(summary.catchRate)} of uses</dd>
					</dl>
					<table className="spread">
						<caption>Confidence spread (check-ins per level)</caption>
						<thead>
							<tr>
								<th scope="col">Level</th>
								<th scope="col">Check-ins</th>
							</tr>
						</thead>
						<tbody>
							{summary.confidence.map((cell) => (
								<tr key={cell.level}>
									<th scope="row">
										{cell.level} ({CONFIDENCE.labels[cell.level - 1]})
									</th>
									<td>
										{cell.suppressed ? (
											<span title="Fewer than the minimum number of people">hidden</span>
										) : (
											cell.checkIns
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</>
			)}
			{shared.length > 0 && (
				<>
					<h4>What teammates learned</h4>
					<ul className="shared-reflections">
						{shared.map((reflection) => (
							<li key={reflection.id}>
								<ReflectionText reflection={reflection} />
							</li>
						))}
					</ul>
				</>
			)}
		</section>
	);
}
