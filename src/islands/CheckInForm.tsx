import { type FormEvent, useId, useRef, useState } from 'react';
import { createIntent } from '../lib/feedback/intent.ts';
import type { ErrorCaught, ErrorKind, Outcome } from '../lib/feedback/model.ts';
import { CONFIDENCE, ERROR_CAUGHT, ERROR_KINDS, OUTCOMES } from '../lib/feedback/model.ts';
import type { Outbox } from '../lib/feedback/outbox.ts';
import type { CheckIn } from '../lib/feedback/schema.ts';
import { rememberDone } from '../lib/me/progress-cache.ts';

interface Props {
	workflow: string;
	task: string;
	/** The team this goes to: one the person has joined. */
	team: string;
	outbox: Outbox;
}

/** "I used this": one click with sensible defaults, more detail if the person wants to give it. */
export function CheckInForm({ workflow, task, team, outbox }: Props) {
	const id = useId();
	const [confidence, setConfidence] = useState(3);
	const [outcome, setOutcome] = useState<Outcome>('helped');
	const [caught, setCaught] = useState<ErrorCaught>('none');
	const [kind, setKind] = useState<ErrorKind | ''>('');
	const [minutes, setMinutes] = useState('');
	const [errors, setErrors] = useState<Record<string, string>>({});
	const [confirmation, setConfirmation] = useState('');

	const intent = useRef(createIntent());

	const submit = async (event: FormEvent) => {
		event.preventDefault();
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
		const schemas = await import('../lib/feedback/schema.ts').catch(() => undefined);
		if (schemas) {
			const parsed = schemas.checkInSchema.safeParse(row);
			if (!parsed.success) {
				setErrors(schemas.fieldErrors(parsed.error));
				setConfirmation('');
				return;
			}
		}
		setErrors({});
		outbox.add('check_in', row);
		rememberDone(window.localStorage, [row.workflow]);
		setConfirmation(
			`Checked in at ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}. Thank you.`,
		);
		setMinutes('');
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
			<fieldset className="choices">
				<legend>How confident do you feel doing this task with AI now?</legend>
				{CONFIDENCE.labels.map((label, index) => (
					<label key={label} className="choice">
						<input
							type="radio"
							name={`${id}-confidence`}
							value={index + 1}
							checked={confidence === index + 1}
							onChange={() => setConfidence(index + 1)}
						/>
						{index + 1} <span className="muted">{label}</span>
					</label>
				))}
				{errors.confidence && (
					<p className="field-error" role="alert">
						{errors.confidence}
					</p>
				)}
			</fieldset>
			<fieldset className="choices">
				<legend>How did it go?</legend>
				{OUTCOMES.map((option) => (
					<label key={option.value} className="choice">
						<input
							type="radio"
							name={`${id}-outcome`}
							value={option.value}
							checked={outcome === option.value}
							onChange={() => setOutcome(option.value)}
						/>
						{option.label}
					</label>
				))}
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
			<p className="actions">
				<button type="submit">I used this</button>
				<span role="status" className="confirmation">
					{confirmation}
				</span>
			</p>
		</form>
	);
}
