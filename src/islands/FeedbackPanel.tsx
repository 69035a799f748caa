import { useEffect, useId, useState } from 'react';
import { withdrawCheckIn } from '../lib/feedback/withdraw.ts';
import { CheckInForm } from './CheckInForm.tsx';
import { useFeedbackRuntime, useOutboxState, useTeams } from './feedback-runtime.ts';
import { JoinForm } from './JoinForm.tsx';
import { Loading } from './Loading.tsx';
import { ReflectionForm } from './ReflectionForm.tsx';
import { WorkflowSummary } from './WorkflowSummary.tsx';

interface Props {
	workflow: string;
	task: string;
	teams: { id: string; name: string }[];
	supabaseUrl: string;
	anonKey: string;
}

const ITEM_NAMES = { check_in: 'check-in', reflection: 'reflection' } as const;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** "2 check-ins and 1 reflection" */
const waitingText = ({ check_in, reflection }: { check_in: number; reflection: number }) =>
	[check_in ? plural(check_in, 'check-in') : '', reflection ? plural(reflection, 'reflection') : '']
		.filter(Boolean)
		.join(' and ');

/** Everything feedback on a workflow page: joining a team, check-in, reflection, summary. */
export default function FeedbackPanel({ workflow, task, teams: allTeams, supabaseUrl, anonKey }: Props) {
	const { problem, runtime } = useFeedbackRuntime(supabaseUrl, anonKey);
	const id = useId();
	const [delivered, setDelivered] = useState(0);
	const [teams, chooseTeam] = useTeams(runtime);
	const state = useOutboxState(runtime?.outbox);
	useEffect(() => runtime?.outbox.onDelivered(() => setDelivered((n) => n + 1)), [runtime]);
	const teamName = (team: string) => allTeams.find((t) => t.id === team)?.name ?? team;

	if (problem) {
		return (
			<p className="feedback-problem" role="alert">
				Check-ins are switched off on this site: {problem} The playbook itself works as usual.
			</p>
		);
	}
	if (!teams || !runtime) return <Loading text="Loading check-in…" />;

	if (!teams.team) {
		return (
			<div className="team-first-use">
				<p>To check in, first join your team.</p>
				<JoinForm runtime={runtime} teamName={teamName} />
			</div>
		);
	}

	const team = teams.team;
	return (
		<div className="feedback-panel">
			{teams.joined.length > 1 && (
				<p>
					<label htmlFor={`${id}-team`}>Checking in for</label>{' '}
					<select id={`${id}-team`} value={team} onChange={(event) => chooseTeam(event.target.value)}>
						{teams.joined.map((joined) => (
							<option key={joined} value={joined}>
								{teamName(joined)}
							</option>
						))}
					</select>
				</p>
			)}
			<div className="feedback-columns">
				<div>
					<CheckInForm
						workflow={workflow}
						task={task}
						team={team}
						outbox={runtime.outbox}
						withdraw={(item) => withdrawCheckIn(runtime.outbox, runtime.api, item)}
					/>
					<ReflectionForm workflow={workflow} task={task} team={team} outbox={runtime.outbox} />
				</div>
				<WorkflowSummary
					api={runtime.api}
					workflow={workflow}
					team={team}
					teamName={teamName(team)}
					refreshKey={delivered}
				/>
			</div>
			<p role="status" className="pending" data-testid="pending">
				{state.pending > 0 &&
					`${waitingText(state.pendingByKind)} waiting to send${state.lastError ? ` (${state.lastError})` : ''}. ` +
						`Saved in this browser; sent as soon as the connection is back.`}
			</p>
			{state.rejected.length > 0 && (
				<div role="alert" className="rejected">
					{state.rejected.map((item) => (
						<p key={item.id}>
							A {ITEM_NAMES[item.kind]} could not be saved: {item.rejected?.message}{' '}
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
