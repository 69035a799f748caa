/** What a team page shows to someone who is not a member: why, and how to join. */

import type { Runtime } from './feedback-runtime.ts';
import { JoinForm } from './JoinForm.tsx';

interface Props {
	runtime: Runtime;
	team: { id: string; name: string };
	/** What the page would show, e.g. "its indicators". */
	what: string;
	onJoined: () => void;
}

export function MembersOnly({ runtime, team, what, onJoined }: Props) {
	return (
		<div className="members-only" data-testid="members-only">
			<p>
				Only members of {team.name} see {what}. If you are on the team, join with the link your team lead shares.
			</p>
			<JoinForm runtime={runtime} teamName={(id) => (id === team.id ? team.name : id)} onJoined={() => onJoined()} />
		</div>
	);
}
