/** Join a team with its join link (or the code in it): signs in anonymously first if needed. */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { codeFrom } from '../lib/identity/membership.ts';
import { SessionUnavailable } from '../lib/identity/session.ts';
import type { Runtime } from './feedback-runtime.ts';

interface Props {
	runtime: Runtime;
	teamName: (team: string) => string;
	/** A code from the page's address: joined at once, without a click. */
	code?: string;
	onJoined?: (team: string) => void;
}

export function JoinForm({ runtime, teamName, code, onJoined }: Props) {
	const id = useId();
	const [text, setText] = useState('');
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState('');
	const [joined, setJoined] = useState('');
	const started = useRef(false);

	const join = async (found: string) => {
		setBusy(true);
		setError('');
		try {
			const team = await runtime.join(found);
			setJoined(team);
			onJoined?.(team);
		} catch (failure) {
			// The code may have come from the address (now cleared): keep it here to try again.
			setText((current) => current || found);
			setError(
				failure instanceof SessionUnavailable
					? 'The playbook service cannot be reached right now. Try again when you are online.'
					: `${(failure as Error).message}.`.replace(/\.\.$/, '.'),
			);
		} finally {
			setBusy(false);
		}
	};

	useEffect(() => {
		if (code && !started.current) {
			started.current = true;
			void join(code);
		}
	});

	const submit = (event: FormEvent) => {
		event.preventDefault();
		const found = codeFrom(text);
		if (!found) {
			setError(
				'That is not a join link. Paste the whole link your team lead sent (it ends with #code= and 64 letters and ' +
					'digits).',
			);
			return;
		}
		void join(found);
	};

	if (joined) {
		return (
			<p role="status" className="joined" data-testid="joined">
				You are in {teamName(joined)}. Your check-ins and reflections now count for your team, under a random id: no
				name, no email.
			</p>
		);
	}
	return (
		<form className="join-form" onSubmit={submit} noValidate>
			<p>
				<label htmlFor={`${id}-link`}>Your team's join link</label>{' '}
				<input
					id={`${id}-link`}
					type="text"
					inputMode="url"
					autoComplete="off"
					spellCheck={false}
					value={text}
					onChange={(event) => setText(event.target.value)}
					aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
					aria-invalid={error ? true : undefined}
				/>{' '}
				<button type="submit" disabled={busy}>
					{busy ? 'Joining…' : 'Join'}
				</button>
			</p>
			<p id={`${id}-hint`} className="muted">
				Your team lead shares a join link; each link admits a set number of people. Joining signs this browser in with a
				random id: no name, no email, no password.
			</p>
			{error && (
				<p id={`${id}-error`} role="alert" className="field-error">
					{error}
				</p>
			)}
		</form>
	);
}
