import { useEffect, useId, useMemo, useState } from 'react';
import { configProblem } from '../lib/data-api/client.ts';
import { CheckInForm } from './CheckInForm.tsx';
import { feedbackRuntime, useIdentity, useOutboxState } from './feedback-runtime.ts';
import { ReflectionForm } from './ReflectionForm.tsx';
import { WorkflowSummary } from './WorkflowSummary.tsx';

interface Props {
	workflow: string;
	task: string;
	teams: { id: string; name: string }[];
	supabaseUrl: string;
	anonKey: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** "2 check-ins and 1 reflection" */
const waitingText = ({ check_in, reflection }: { check_in: number; reflection: number }) =>
	[check_in ? plural(check_in, 'check-in') : '', reflection ? plural(reflection, 'reflection') : '']
		.filter(Boolean)
		.join(' and ');

/** Everything feedback on a workflow page: first-use team choice, check-in, reflection, summary. */
export default function FeedbackPanel({ workflow, task, teams, supabaseUrl, anonKey }: Props) {
	const problem = configProblem({ url: supabaseUrl, anonKey });
	const id = useId();
	const [identity, chooseTeam] = useIdentity();
	const [picked, setPicked] = useState('');
	const [delivered, setDelivered] = useState(0);
	const runtime = useMemo(
		() => (problem || typeof window === 'undefined' ? undefined : feedbackRuntime({ url: supabaseUrl, anonKey })),
		[problem, supabaseUrl, anonKey],
	);
	const state = useOutboxState(runtime?.outbox);
	useEffect(() => runtime?.outbox.onDelivered(() => setDelivered((n) => n + 1)), [runtime]);

	if (problem) {
		return (
			<p className="feedback-problem" role="alert">
				Check-ins are switched off on this site: {problem} The playbook itself works as usual.
			</p>
		);
	}
	if (identity === undefined || !runtime) return <p className="muted">Loading check-in…</p>;

	if (identity === null) {
		return (
			<form
				className="team-first-use"
				onSubmit={(event) => {
					event.preventDefault();
					if (picked) chooseTeam(picked);
				}}
			>
				<p>
					<label htmlFor={`${id}-team`}>First, which team are you on?</label>{' '}
					<select id={`${id}-team`} value={picked} onChange={(event) => setPicked(event.target.value)} required>
						<option value="">Choose your team</option>
						{teams.map((team) => (
							<option key={team.id} value={team.id}>
								{team.name}
							</option>
						))}
					</select>{' '}
					<button type="submit" disabled={!picked}>
						Save
					</button>
				</p>
				<p className="muted privacy">
					This browser keeps your team and a random id; check-ins carry only those, never your name, email or account.
				</p>
			</form>
		);
	}

	const teamName = teams.find((team) => team.id === identity.team)?.name ?? identity.team;
	const kinds = state.rejected.map((item) => item.kind);
	return (
		<div className="feedback-panel">
			<div className="feedback-columns">
				<div>
					<CheckInForm workflow={workflow} task={task} identity={identity} outbox={runtime.outbox} />
					<ReflectionForm workflow={workflow} task={task} identity={identity} outbox={runtime.outbox} />
				</div>
				<WorkflowSummary
					api={runtime.api}
					workflow={workflow}
					team={identity.team}
					teamName={teamName}
					refreshKey={delivered}
				/>
			</div>
			<p role="status" className="pending" data-testid="pending">
				{state.pending > 0 &&
					`${waitingText(state.pendingByKind)} waiting to send${state.lastError ? ` (${state.lastError})` : ''}. Saved in this browser; sent as soon as the connection is back.`}
			</p>
			{state.rejected.length > 0 && (
				<div role="alert" className="rejected">
					{state.rejected.map((item, index) => (
						<p key={item.id}>
							A {kinds[index] === 'check_in' ? 'check-in' : 'reflection'} could not be saved: {item.rejected?.message}{' '}
							<button type="button" className="secondary" onClick={() => runtime.outbox.dismiss(item.id)}>
								Dismiss
							</button>
						</p>
					))}
				</div>
			)}
		</div>
	);
}
