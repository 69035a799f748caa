/**
 * On /maintenance/: workflows their use says need revising (published figures across teams), each
 * with its expert, what teammates said did not work (the reader's teams' shared reflections, under the
 * digest's rules), and a link to edit it.
 */
import { useEffect, useState } from 'react';
import { needsRevision, type Revision } from '../lib/me/revision.ts';
import { useFeedbackRuntime, useTeams } from './feedback-runtime.ts';
import { Loading } from './Loading.tsx';

interface Props {
	workflows: { id: string; title: string; url: string; editUrl: string; expert: string; expertUrl: string }[];
	supabaseUrl: string;
	anonKey: string;
}

export default function WorkflowHealth({ workflows, supabaseUrl, anonKey }: Props) {
	const { problem, runtime } = useFeedbackRuntime(supabaseUrl, anonKey);
	const [teams] = useTeams(runtime);
	const api = runtime?.api;
	const [revisions, setRevisions] = useState<Revision[]>();
	const [lines, setLines] = useState<Map<string, string[]>>(new Map());
	const [error, setError] = useState('');

	useEffect(() => {
		if (!api) return;
		void api.rpc('workflow_health').then((result) => {
			if (result.error || !result.data) {
				setError(result.status === 0 ? 'Cannot reach the feedback service right now.' : 'Use figures are unavailable.');
				return;
			}
			setRevisions(needsRevision(result.data));
		});
	}, [api]);

	const joined = teams?.joined.join(',') ?? '';
	useEffect(() => {
		if (!api || !joined) return;
		void Promise.all(joined.split(',').map((team) => api.rpc('team_reflections', { p_team: team, p_weeks: 12 }))).then(
			(answers) => {
				const found = new Map<string, string[]>();
				for (const week of answers.flatMap((answer) => answer.data ?? [])) {
					for (const r of week.reflections) {
						if (r.didNotWork) found.set(r.workflow, [...(found.get(r.workflow) ?? []), r.didNotWork]);
					}
				}
				setLines(found);
			},
		);
	}, [api, joined]);

	if (problem) return null;
	if (!runtime) return <Loading />;
	const byId = new Map(workflows.map((w) => [w.id, w]));
	const shown = (revisions ?? []).filter((r) => byId.has(r.workflow));
	return (
		<section aria-labelledby="by-use" className="workflow-health">
			<h2 id="by-use">Workflows their use says need revising</h2>
			<p className="prose">
				From how teams' check-ins went over the last twelve closed weeks, counting only weeks with at least four people
				on a workflow: low confidence, many uses where it got in the way, or AI errors caught only after they went
				somewhere.
			</p>
			{error && <p role="alert">{error}</p>}
			{!revisions && !error && <Loading />}
			{revisions && shown.length === 0 && <p data-testid="revise-none">No workflow is flagged by its use.</p>}
			{shown.length > 0 && (
				<ul className="revisions" data-testid="revise-list">
					{shown.map(({ workflow, reasons, figures }) => {
						const info = byId.get(workflow)!;
						return (
							<li key={workflow}>
								<h3>
									<a href={info.url}>{info.title}</a>
								</h3>
								<p>
									{reasons.join('; ')} ({figures.checkIns} check-ins over {figures.weeks} weeks)
								</p>
								<p>
									Expert: <a href={info.expertUrl}>{info.expert}</a> · <a href={info.editUrl}>Edit {info.title}</a>
								</p>
								{(lines.get(workflow) ?? []).length > 0 && (
									<>
										<p>What did not work, as your teams shared it:</p>
										<ul>
											{(lines.get(workflow) ?? []).slice(0, 5).map((line, i) => (
												// biome-ignore lint/suspicious/noArrayIndexKey: shared lines have no ids
												<li key={i}>{line}</li>
											))}
										</ul>
									</>
								)}
							</li>
						);
					})}
				</ul>
			)}
		</section>
	);
}
