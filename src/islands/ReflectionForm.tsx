import { type FormEvent, useId, useRef, useState } from 'react';
import { createIntent } from '../lib/feedback/intent.ts';
import { REFLECTION_MAX } from '../lib/feedback/model.ts';
import type { Outbox } from '../lib/feedback/outbox.ts';
import type { Reflection } from '../lib/feedback/schema.ts';

interface Props {
	workflow: string;
	task: string;
	/** The team this goes to: one the person has joined. */
	team: string;
	outbox: Outbox;
}

const FIELDS = [
	{
		name: 'worked',
		label: 'What worked this time?',
		hint: 'The step, prompt or check that made the difference on your task.',
	},
	{
		name: 'did_not_work',
		label: 'What did not work?',
		hint: 'Where you had to correct, redo or abandon the output, and why.',
	},
	{
		name: 'try_next',
		label: 'What will you try next time?',
		hint: 'One concrete change to your own attempt, not to the tool.',
	},
] as const;
type Field = (typeof FIELDS)[number]['name'];

/** A short structured reflection on one's own attempt, shared with the team only if chosen. */
export function ReflectionForm({ workflow, task, team, outbox }: Props) {
	const id = useId();
	const [text, setText] = useState<Record<Field, string>>({ worked: '', did_not_work: '', try_next: '' });
	const [visibility, setVisibility] = useState<'team' | 'private'>('team');
	const [errors, setErrors] = useState<Record<string, string>>({});
	const [confirmation, setConfirmation] = useState('');

	const intent = useRef(createIntent());

	const submit = async (event: FormEvent) => {
		event.preventDefault();
		const value = (name: Field) => (text[name].trim() === '' ? null : text[name]);
		const row: Reflection = {
			id: intent.current.idForSubmit(),
			workflow,
			task,
			team,
			worked: value('worked'),
			did_not_work: value('did_not_work'),
			try_next: value('try_next'),
			visibility,
		};
		// Offline, the schemas may not load: the row is saved all the same and checked when it is sent.
		const schemas = await import('../lib/feedback/schema.ts').catch(() => undefined);
		if (schemas) {
			const parsed = schemas.reflectionSchema.safeParse(row);
			if (!parsed.success) {
				setErrors(schemas.fieldErrors(parsed.error));
				setConfirmation('');
				return;
			}
		}
		setErrors({});
		outbox.add('reflection', row);
		setText({ worked: '', did_not_work: '', try_next: '' });
		setConfirmation(
			visibility === 'team'
				? 'Reflection saved and shared with your team.'
				: 'Reflection saved, visible to no one else.',
		);
	};

	return (
		<details className="reflection">
			<summary>Write a reflection (2 minutes)</summary>
			<form onSubmit={submit} onChange={() => intent.current.changed()} noValidate>
				<p className="muted">Think about your own attempt just now. Each part is optional; write at least one.</p>
				{FIELDS.map((field) => {
					const error = errors[field.name];
					return (
						<p key={field.name} className="reflection-field">
							<label htmlFor={`${id}-${field.name}`}>{field.label}</label>
							<span id={`${id}-${field.name}-hint`} className="muted hint">
								{field.hint}
							</span>
							<textarea
								id={`${id}-${field.name}`}
								rows={3}
								maxLength={REFLECTION_MAX}
								value={text[field.name]}
								onChange={(event) => setText({ ...text, [field.name]: event.target.value })}
								aria-describedby={
									`${id}-${field.name}-hint ` + `${id}-${field.name}-count${error ? ` ${id}-${field.name}-error` : ''}`
								}
								aria-invalid={error ? true : undefined}
							/>
							<span id={`${id}-${field.name}-count`} className="muted counter">
								{text[field.name].length} / {REFLECTION_MAX}
							</span>
							{error && (
								<span id={`${id}-${field.name}-error`} className="field-error" role="alert">
									{error}
								</span>
							)}
						</p>
					);
				})}
				<fieldset className="choices">
					<legend>Who can read it?</legend>
					<label className="choice">
						<input
							type="radio"
							name={`${id}-visibility`}
							checked={visibility === 'team'}
							onChange={() => setVisibility('team')}
						/>
						Share with my team (in the weekly digest, without my name)
					</label>
					<label className="choice">
						<input
							type="radio"
							name={`${id}-visibility`}
							checked={visibility === 'private'}
							onChange={() => setVisibility('private')}
						/>
						Only me
					</label>
				</fieldset>
				<p className="actions">
					<button type="submit">Save reflection</button>
					<span role="status" className="confirmation">
						{confirmation}
					</span>
				</p>
			</form>
		</details>
	);
}
