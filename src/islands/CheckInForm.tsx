import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { createIntent } from '../lib/feedback/intent.ts';
import type { ErrorCaught, ErrorKind, Outcome } from '../lib/feedback/model.ts';
import { CONFIDENCE, ERROR_CAUGHT, ERROR_KINDS, OUTCOMES } from '../lib/feedback/model.ts';
import type { Outbox } from '../lib/feedback/outbox.ts';
import type { CheckIn } from '../lib/feedback/schema.ts';
import type { Withdrawal } from '../lib/feedback/withdraw.ts';
import { rememberDone } from '../lib/me/progress-cache.ts';
import { formatTime } from '../lib/site/dates.ts';

interface Props {
	workflow: string;
	task: string;
	/** The team this goes to: one the person has joined. */
	team: string;
	outbox: Outbox;
	/** Takes a check-in back (undo): out of the outbox, or deleted on the server. */
	withdraw: (id: string) => Promise<Withdrawal>;
}

interface Done {
	row: CheckIn;
	at: Date;
}

const outcomeLabel = (value: Outcome) => OUTCOMES.find((o) => o.value === value)?.label ?? value;

/**
 * "I used this": nothing is chosen for the person. They say how it went, then one tap on a confidence
 * level records the check-in; the confirmation takes the form's place, with an undo.
 */
export function CheckInForm({ workflow, task, team, outbox, withdraw }: Props) {
	const id = useId();
	const [outcome, setOutcome] = useState<Outcome | ''>('');
	const [caught, setCaught] = useState<ErrorCaught>('none');
	const [kind, setKind] = useState<ErrorKind | ''>('');
	const [minutes, setMinutes] = useState('');
	const [errors, setErrors] = useState<Record<string, string>>({});
	const [hint, setHint] = useState('');
	const [done, setDone] = useState<Done>();
	const intent = useRef(createIntent());
	const outcomeGroup = useRef<HTMLFieldSetElement>(null);
	// One tap, one check-in: further taps while the first is being recorded are the same intent.
	const recording = useRef(false);

	const record = async (confidence: number) => {
		if (recording.current) return;
		if (!outcome) {
			setErrors({ outcome: 'Say how it went first, then tap your confidence.' });
			setHint('');
			outcomeGroup.current?.querySelector('input')?.focus();
			return;
		}
		const row: CheckIn = {
			id: intent.current.idForSubmit(),
			workflow,
			task,
			team,
			confidence,
			outcome,
			error_caught: caught,
			error_kind: caught !== 'none' && kind ? kind : null,
			minutes_saved: minutes.trim() === '' ? null : Number(minutes),
		};
		// The schemas load on first submit: most readers of a workflow page never send anything. Offline,
		// that load fails: the row is saved all the same, and the database checks it when it is sent.
		recording.current = true;
		try {
			const schemas = await import('../lib/feedback/schema.ts').catch(() => undefined);
			if (schemas) {
				const parsed = schemas.checkInSchema.safeParse(row);
				if (!parsed.success) {
					setErrors(schemas.fieldErrors(parsed.error));
					return;
				}
			}
			setErrors({});
			outbox.add('check_in', row);
			rememberDone(window.localStorage, [row.workflow]);
			setDone({ row, at: new Date() });
		} finally {
			recording.current = false;
		}
	};

	const again = () => {
		intent.current.changed();
		setOutcome('');
		setCaught('none');
		setKind('');
		setMinutes('');
		setHint('');
		setDone(undefined);
	};

	if (done) return <CheckedIn done={done} outbox={outbox} withdraw={withdraw} onAgain={again} />;

	// Enter in a field submits the form without a level: say what records the check-in instead.
	const submit = (event: FormEvent) => {
		event.preventDefault();
		setHint('Tap a confidence level to check in.');
	};

	return (
		<form
			className="check-in"
			onSubmit={submit}
			onChange={() => intent.current.changed()}
			noValidate
			aria-labelledby={`${id}-title`}
		>
			<h3 id={`${id}-title`}>Check in</h3>
			<fieldset
				className="choices"
				ref={outcomeGroup}
				aria-describedby={errors.outcome ? `${id}-outcome-error` : undefined}
			>
				<legend>Did it help?</legend>
				{OUTCOMES.map((option) => (
					<label key={option.value} className="choice">
						<input
							type="radio"
							name={`${id}-outcome`}
							value={option.value}
							checked={outcome === option.value}
							onChange={() => {
								setOutcome(option.value);
								setErrors({});
							}}
						/>
						{option.label}
					</label>
				))}
				{errors.outcome && (
					<p id={`${id}-outcome-error`} className="field-error" role="alert">
						{errors.outcome}
					</p>
				)}
			</fieldset>
			<details className="more">
				<summary>Add detail: errors caught, minutes saved</summary>
				<fieldset className="choices">
					<legend>Did you catch an AI error?</legend>
					{ERROR_CAUGHT.map((option) => (
						<label key={option.value} className="choice">
							<input
								type="radio"
								name={`${id}-caught`}
								value={option.value}
								checked={caught === option.value}
								onChange={() => setCaught(option.value)}
							/>
							{option.label}
						</label>
					))}
				</fieldset>
				{caught !== 'none' && (
					<p>
						<label htmlFor={`${id}-kind`}>What kind of error? (optional)</label>
						<select
							id={`${id}-kind`}
							value={kind}
							onChange={(event) => setKind(ERROR_KINDS.find((k) => k.value === event.target.value)?.value ?? '')}
							aria-describedby={errors.error_kind ? `${id}-kind-error` : undefined}
						>
							<option value="">Not sure / rather not say</option>
							{ERROR_KINDS.map((option) => (
								<option key={option.value} value={option.value}>
									{option.label}
								</option>
							))}
						</select>
						{errors.error_kind && (
							<span id={`${id}-kind-error`} className="field-error" role="alert">
								{errors.error_kind}
							</span>
						)}
					</p>
				)}
				<p>
					<label htmlFor={`${id}-minutes`}>Minutes saved (optional)</label>
					<input
						id={`${id}-minutes`}
						type="number"
						inputMode="numeric"
						min={0}
						max={480}
						step={1}
						value={minutes}
						onChange={(event) => setMinutes(event.target.value)}
						aria-invalid={errors.minutes_saved ? true : undefined}
						aria-describedby={errors.minutes_saved ? `${id}-minutes-error` : undefined}
					/>
					{errors.minutes_saved && (
						<span id={`${id}-minutes-error`} className="field-error" role="alert">
							{errors.minutes_saved}
						</span>
					)}
				</p>
			</details>
			<fieldset className="confidence-levels" aria-describedby={`${id}-levels-hint`}>
				<legend>How confident do you feel doing this task with AI now?</legend>
				<p id={`${id}-levels-hint`} className="muted hint">
					Tap one to check in.
				</p>
				<div className="levels">
					{CONFIDENCE.labels.map((label, index) => (
						<button key={label} type="button" className="level" onClick={() => record(index + 1)}>
							<span className="level-number">{index + 1}</span> <span className="level-label">{label}</span>
						</button>
					))}
				</div>
				<p role="status" className="confirmation">
					{hint}
				</p>
			</fieldset>
		</form>
	);
}

/** The confirmation in the form's place: what was recorded, whether it has been sent, undo and again. */
function CheckedIn({
	done,
	outbox,
	withdraw,
	onAgain,
}: {
	done: Done;
	outbox: Outbox;
	withdraw: (id: string) => Promise<Withdrawal>;
	onAgain: () => void;
}) {
	const box = useRef<HTMLDivElement>(null);
	const [waiting, setWaiting] = useState(() => outbox.has(done.row.id));
	const [undo, setUndo] = useState<'idle' | 'busy' | 'done' | string>('idle');
	useEffect(() => {
		box.current?.focus();
		const update = () => setWaiting(outbox.has(done.row.id));
		update();
		return outbox.subscribe(update);
	}, [outbox, done.row.id]);

	const level = CONFIDENCE.labels[done.row.confidence - 1];
	if (undo === 'done') {
		return (
			<div className="check-in checked-in" ref={box} tabIndex={-1} role="status">
				<h3>Check in</h3>
				<p>Check-in taken back: nothing of it is kept.</p>
				<button type="button" onClick={onAgain}>
					Check in again
				</button>
			</div>
		);
	}
	return (
		<div className="check-in checked-in" ref={box} tabIndex={-1} data-testid="checked-in">
			<h3>Check in</h3>
			<p role="status">
				Checked in at <time dateTime={done.at.toISOString()}>{formatTime(done.at)}</time>:{' '}
				{outcomeLabel(done.row.outcome)}, confidence {done.row.confidence} ({level}). Thank you.
			</p>
			<p className="muted" data-testid="check-in-delivery">
				{waiting ? 'Saved in this browser; it is sent as soon as the connection is back.' : 'Sent to your team.'}
			</p>
			<p className="actions">
				<button
					type="button"
					className="secondary"
					disabled={undo === 'busy'}
					onClick={async () => {
						setUndo('busy');
						const result = await withdraw(done.row.id);
						setUndo(result.ok ? 'done' : result.message);
					}}
				>
					Undo
				</button>{' '}
				<button type="button" className="secondary" onClick={onAgain}>
					Check in again
				</button>
			</p>
			{undo !== 'idle' && undo !== 'busy' && (
				<p className="field-error" role="alert">
					{undo}
				</p>
			)}
		</div>
	);
}
