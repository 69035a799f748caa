import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { checkSource } from '../lib/playbook/content-check.ts';
import { difficulties } from '../lib/playbook/content-schema.ts';
import { MAX_PREFILL_URL, newFileUrl, PLACEHOLDER_REPO_URL, type Repository } from '../lib/playbook/repository.ts';
import { renderWorkflow, slugify, type WorkflowDraft, workflowPath } from '../lib/playbook/workflow-file.ts';

interface Option {
	id: string;
	name: string;
}

interface Props {
	tasks: Option[];
	teams: Option[];
	tools: Option[];
	experts: Option[];
	repository: Repository;
}

const lines = (text: string) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
const emptyStep = () => ({ title: '', do: '', prompt: '' });
const emptyCheck = () => ({ risk: '', check: '' });

function Field({
	id,
	label,
	hint,
	error,
	children,
}: {
	id: string;
	label: string;
	hint?: string;
	error?: string;
	children: ReactNode;
}) {
	return (
		<p className="field">
			<label htmlFor={id}>{label}</label>
			{hint && (
				<span className="muted hint" id={`${id}-hint`}>
					{hint}
				</span>
			)}
			{children}
			{error && (
				<span className="field-error" id={`${id}-error`}>
					{error}
				</span>
			)}
		</p>
	);
}

function CheckboxGroup({
	legend,
	options,
	selected,
	onChange,
	error,
}: {
	legend: string;
	options: Option[];
	selected: string[];
	onChange: (next: string[]) => void;
	error?: string;
}) {
	const toggle = (value: string) =>
		onChange(selected.includes(value) ? selected.filter((item) => item !== value) : [...selected, value]);
	return (
		<fieldset className="choices">
			<legend>{legend}</legend>
			{options.map((option) => (
				<label key={option.id} className="choice">
					<input type="checkbox" checked={selected.includes(option.id)} onChange={() => toggle(option.id)} />{' '}
					{option.name}
				</label>
			))}
			{error && <span className="field-error">{error}</span>}
		</fieldset>
	);
}

/**
 * The contribution form: every field of a workflow, a live preview, the same validation as the
 * build, and a link to the hosting service's new-file page with the file filled in.
 */
export default function ContributeForm({ tasks, teams, tools, experts, repository }: Props) {
	const id = useId();
	const [title, setTitle] = useState('');
	const [summary, setSummary] = useState('');
	// Chosen, never preselected: a preselected task type or expert makes a wrong file look valid.
	const [task, setTask] = useState('');
	const [teamIds, setTeamIds] = useState<string[]>([]);
	const [toolIds, setToolIds] = useState<string[]>([]);
	const [difficulty, setDifficulty] = useState<string>('beginner');
	const [minutes, setMinutes] = useState('15');
	const [inputs, setInputs] = useState('');
	const [steps, setSteps] = useState([emptyStep(), emptyStep()]);
	const [checks, setChecks] = useState([emptyCheck()]);
	const [notWhen, setNotWhen] = useState('');
	const [contributors, setContributors] = useState('');
	const [expert, setExpert] = useState('');
	const [notes, setNotes] = useState('');
	const [showProblems, setShowProblems] = useState(false);
	const [downloadHref, setDownloadHref] = useState<string>();
	// The form arrives as server-rendered HTML; until React has taken it over, typing or clicking
	// would be lost, so it stays disabled for that moment.
	const [hydrated, setHydrated] = useState(false);
	useEffect(() => setHydrated(true), []);

	const draft: WorkflowDraft = {
		title,
		summary,
		task,
		teams: teamIds,
		tools: toolIds,
		difficulty,
		minutesSaved: Number(minutes),
		inputs: lines(inputs),
		steps,
		checks,
		whenNotToUse: lines(notWhen),
		contributors: contributors
			.split(',')
			.map((name) => name.trim())
			.filter(Boolean),
		expert,
		notes,
	};
	const slug = slugify(title) || 'new-workflow';
	const path = workflowPath(slug);
	const text = renderWorkflow(draft);
	const problems = useMemo(() => checkSource('workflows', path, text).problems, [path, text]);
	const errorFor = (field: string) =>
		showProblems
			? problems.find((p) => p.field === field || p.field.startsWith(`${field}[`) || p.field.startsWith(`${field}.`))
					?.message
			: undefined;
	const prefill = newFileUrl(repository, path, text);
	const tooLong = prefill.length > MAX_PREFILL_URL;
	const hostName = repository.host === 'gitlab' ? 'GitLab' : 'GitHub';

	useEffect(() => {
		const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
		setDownloadHref(url);
		return () => URL.revokeObjectURL(url);
	}, [text]);

	/** aria-describedby for a field: its hint, and its error when there is one. */
	const described = (key: string, field = key) =>
		[`${id}-${key}-hint`, errorFor(field) ? `${id}-${key}-error` : ''].filter(Boolean).join(' ');

	return (
		<div className="contribute needs-js">
			{repository.url === PLACEHOLDER_REPO_URL && (
				<p className="feedback-problem" data-testid="no-repository">
					This site's repository is not set yet (<code>PUBLIC_REPO_URL</code> still names the template's), so the form
					cannot open a pull request: download the file at the end and add it to your playbook's repository.
				</p>
			)}
			<form className="contribute-form" onSubmit={(event) => event.preventDefault()} noValidate>
				<fieldset className="whole-form" disabled={!hydrated}>
					<Field
						id={`${id}-title`}
						label="Title"
						hint="The task in a reader's words: “Draft a reply to an escalated ticket”."
						error={errorFor('title')}
					>
						<input
							id={`${id}-title`}
							value={title}
							onChange={(e) => setTitle(e.target.value)}
							aria-describedby={described('title')}
						/>
					</Field>
					<Field
						id={`${id}-summary`}
						label="One-line summary"
						hint="When does this workflow help?"
						error={errorFor('summary')}
					>
						<input
							id={`${id}-summary`}
							value={summary}
							onChange={(e) => setSummary(e.target.value)}
							aria-describedby={described('summary')}
						/>
					</Field>
					<Field id={`${id}-task`} label="Task type" error={errorFor('task')}>
						<select id={`${id}-task`} value={task} onChange={(e) => setTask(e.target.value)}>
							<option value="">Choose a task type</option>
							{tasks.map((t) => (
								<option key={t.id} value={t.id}>
									{t.name}
								</option>
							))}
						</select>
					</Field>
					<CheckboxGroup
						legend="Teams it serves"
						options={teams}
						selected={teamIds}
						onChange={setTeamIds}
						error={errorFor('teams')}
					/>
					<CheckboxGroup
						legend="AI tools it uses"
						options={tools}
						selected={toolIds}
						onChange={setToolIds}
						error={errorFor('tools')}
					/>
					<Field id={`${id}-difficulty`} label="Difficulty">
						<select id={`${id}-difficulty`} value={difficulty} onChange={(e) => setDifficulty(e.target.value)}>
							{difficulties.map((d) => (
								<option key={d} value={d}>
									{d}
								</option>
							))}
						</select>
					</Field>
					<Field
						id={`${id}-minutes`}
						label="Minutes saved each use"
						hint="An honest estimate against doing it by hand."
						error={errorFor('minutesSaved')}
					>
						<input
							id={`${id}-minutes`}
							type="number"
							min={0}
							max={480}
							value={minutes}
							onChange={(e) => setMinutes(e.target.value)}
							aria-describedby={described('minutes', 'minutesSaved')}
						/>
					</Field>
					<Field id={`${id}-inputs`} label="What to have at hand" hint="One per line." error={errorFor('inputs')}>
						<textarea
							id={`${id}-inputs`}
							rows={3}
							value={inputs}
							onChange={(e) => setInputs(e.target.value)}
							aria-describedby={described('inputs')}
						/>
					</Field>

					<fieldset className="steps">
						<legend>Steps, in order (at least two; at least one with the prompt people paste)</legend>
						{steps.map((step, index) => {
							const update = (change: Partial<typeof step>) =>
								setSteps(steps.map((s, i) => (i === index ? { ...s, ...change } : s)));
							return (
								<div key={index} className="step">
									<Field
										id={`${id}-step-${index}-title`}
										label={`Step ${index + 1}: title`}
										error={errorFor(`steps[${index}].title`)}
									>
										<input
											id={`${id}-step-${index}-title`}
											value={step.title}
											onChange={(e) => update({ title: e.target.value })}
										/>
									</Field>
									<Field
										id={`${id}-step-${index}-do`}
										label={`Step ${index + 1}: what to do`}
										error={errorFor(`steps[${index}].do`)}
									>
										<textarea
											id={`${id}-step-${index}-do`}
											rows={2}
											value={step.do}
											onChange={(e) => update({ do: e.target.value })}
										/>
									</Field>
									<Field
										id={`${id}-step-${index}-prompt`}
										label={`Step ${index + 1}: prompt (optional)`}
										error={errorFor(`steps[${index}].prompt`)}
									>
										<textarea
											id={`${id}-step-${index}-prompt`}
											rows={4}
											value={step.prompt}
											onChange={(e) => update({ prompt: e.target.value })}
											className="mono"
										/>
									</Field>
									{steps.length > 2 && (
										<button
											type="button"
											className="secondary"
											onClick={() => setSteps(steps.filter((_, i) => i !== index))}
										>
											Remove step {index + 1}
										</button>
									)}
								</div>
							);
						})}
						{errorFor('steps') && <span className="field-error">{errorFor('steps')}</span>}
						<button type="button" className="secondary" onClick={() => setSteps([...steps, emptyStep()])}>
							Add a step
						</button>
					</fieldset>

					<fieldset className="steps">
						<legend>Check the output: AI errors to look for, and how to catch each</legend>
						{checks.map((check, index) => {
							const update = (change: Partial<typeof check>) =>
								setChecks(checks.map((c, i) => (i === index ? { ...c, ...change } : c)));
							return (
								<div key={index} className="step">
									<Field
										id={`${id}-check-${index}-risk`}
										label={`Error ${index + 1}`}
										error={errorFor(`checks[${index}].risk`)}
									>
										<input
											id={`${id}-check-${index}-risk`}
											value={check.risk}
											onChange={(e) => update({ risk: e.target.value })}
										/>
									</Field>
									<Field
										id={`${id}-check-${index}-check`}
										label={`How to catch error ${index + 1}`}
										error={errorFor(`checks[${index}].check`)}
									>
										<input
											id={`${id}-check-${index}-check`}
											value={check.check}
											onChange={(e) => update({ check: e.target.value })}
										/>
									</Field>
								</div>
							);
						})}
						{errorFor('checks') && <span className="field-error">{errorFor('checks')}</span>}
						<button type="button" className="secondary" onClick={() => setChecks([...checks, emptyCheck()])}>
							Add an error to check
						</button>
					</fieldset>

					<Field
						id={`${id}-not`}
						label="When not to use AI"
						hint="One per line: situations, data that must not be pasted."
						error={errorFor('whenNotToUse')}
					>
						<textarea
							id={`${id}-not`}
							rows={3}
							value={notWhen}
							onChange={(e) => setNotWhen(e.target.value)}
							aria-describedby={described('not', 'whenNotToUse')}
						/>
					</Field>
					<Field
						id={`${id}-contributors`}
						label="Contributors"
						hint="Names as you want them credited, separated by commas."
						error={errorFor('contributors')}
					>
						<input
							id={`${id}-contributors`}
							value={contributors}
							onChange={(e) => setContributors(e.target.value)}
							aria-describedby={described('contributors')}
						/>
					</Field>
					<Field id={`${id}-expert`} label="Expert to ask" error={errorFor('expert')}>
						<select id={`${id}-expert`} value={expert} onChange={(e) => setExpert(e.target.value)}>
							<option value="">Choose an expert</option>
							{experts.map((x) => (
								<option key={x.id} value={x.id}>
									{x.name}
								</option>
							))}
						</select>
					</Field>
					<Field id={`${id}-notes`} label="Notes" hint="Why it works, what you learned using it: a few sentences.">
						<textarea
							id={`${id}-notes`}
							rows={3}
							value={notes}
							onChange={(e) => setNotes(e.target.value)}
							aria-describedby={described('notes')}
						/>
					</Field>

					<div className="submit" aria-live="polite">
						{problems.length === 0 ? (
							<>
								<p className="ok">Ready: the file passes the same checks as the build.</p>
								{repository.url === PLACEHOLDER_REPO_URL ? (
									<p>
										Download the file and add it to <code>content/workflows/</code> in your playbook's repository.
									</p>
								) : tooLong ? (
									<p>
										This workflow is too long for a prefilled link. Download the file and upload it to{' '}
										<code>content/workflows/</code> on {hostName}.
									</p>
								) : (
									<a className="button" href={prefill} data-testid="open-pr">
										Open a pull request on {hostName}
									</a>
								)}{' '}
								{downloadHref && (
									<a className="button secondary" href={downloadHref} download={`${slug}.mdx`}>
										Download the file
									</a>
								)}
							</>
						) : (
							<>
								<button type="button" onClick={() => setShowProblems(true)}>
									Check what is missing
								</button>
								{showProblems && (
									<ul className="problems" role="alert">
										{problems.map((p, i) => (
											<li key={i}>
												<code>{p.field}</code>: {p.message}
											</li>
										))}
									</ul>
								)}
							</>
						)}
					</div>
				</fieldset>
			</form>

			<section className="preview" aria-labelledby={`${id}-preview`}>
				<h2 id={`${id}-preview`}>Preview</h2>
				<article className="preview-page">
					<h3>{title || 'Your workflow title'}</h3>
					<p>{summary || 'One line on when it helps.'}</p>
					<h4>Steps</h4>
					<ol>
						{steps
							.filter((s) => s.title || s.do)
							.map((s, i) => (
								<li key={i}>
									<strong>{s.title}</strong> {s.do}
									{s.prompt && (
										<pre>
											<code>{s.prompt}</code>
										</pre>
									)}
								</li>
							))}
					</ol>
					<h4>Check the output</h4>
					<ul>
						{checks
							.filter((c) => c.risk)
							.map((c, i) => (
								<li key={i}>
									<strong>{c.risk}</strong> Check: {c.check}
								</li>
							))}
					</ul>
					<h4>When not to use AI</h4>
					<ul>
						{lines(notWhen).map((line, i) => (
							<li key={i}>{line}</li>
						))}
					</ul>
				</article>
				<details>
					<summary>
						The file: <code>{path}</code>
					</summary>
					<pre data-testid="file-text">
						<code>{text}</code>
					</pre>
				</details>
			</section>
		</div>
	);
}
