/**
 * The page a join link opens (`/join/#code=…`): joins at once with the code in the address, which is
 * then taken out of it (so it is not kept in the history or shared by copying the address).
 */
import { useEffect, useState } from 'react';
import { codeFrom } from '../lib/identity/membership.ts';
import { useFeedbackRuntime } from './feedback-runtime.ts';
import { JoinForm } from './JoinForm.tsx';
import { Loading } from './Loading.tsx';

interface Props {
	teams: { id: string; name: string }[];
	/** The site's base path, for the links shown after joining. */
	base: string;
	supabaseUrl: string;
	anonKey: string;
}

export default function JoinTeam({ teams, base, supabaseUrl, anonKey }: Props) {
	const { problem, runtime } = useFeedbackRuntime(supabaseUrl, anonKey);
	const [code, setCode] = useState<string | null>();
	const [team, setTeam] = useState('');
	useEffect(() => {
		setCode(codeFrom(window.location.hash) ?? null);
		if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
	}, []);
	const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? id;

	if (problem) {
		return (
			<p className="feedback-problem" role="alert">
				Joining is switched off on this site: {problem}
			</p>
		);
	}
	if (!runtime || code === undefined) return <Loading />;
	return (
		<div className="join-team">
			<JoinForm runtime={runtime} teamName={teamName} code={code ?? undefined} onJoined={setTeam} />
			{team && (
				<ul>
					<li>
						<a href={`${base}/`}>Find a workflow for today's task</a> and check in from its page.
					</li>
					<li>
						<a href={`${base}/teams/${team}/`}>{teamName(team)}'s page</a>, with its indicators and weekly digest.
					</li>
				</ul>
			)}
		</div>
	);
}
