/**
 * `npm run new-workflow`: asks for a workflow's fields and writes `content/workflows/<slug>.mdx`,
 * checked with the build's schema before it is written. With flags it asks nothing (scripts, tests):
 *
 *   npm run new-workflow -- --title "…" --summary "…" --task customer-replies --teams support \
 *     --tools chat-assistant --difficulty beginner --minutes 10 --input "…" \
 *     --step "Title|What to do|Prompt (optional)" --step "…|…" --check "Risk|How to check" \
 *     --not "When not to use AI" --contributor "Your Name" --expert amira-haddad \
 *     --notes "Why it works, from your use" [--root DIR]
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkbox, input, number, select } from '@inquirer/prompts';
import yaml from 'js-yaml';
import { checkSource, formatLocated } from '../src/lib/playbook/content-check.ts';
import { difficulties } from '../src/lib/playbook/content-schema.ts';
import { renderWorkflow, slugify, type WorkflowDraft, workflowPath } from '../src/lib/playbook/workflow-file.ts';

const USAGE = `Usage: npm run new-workflow                      ask for each field
       npm run new-workflow -- --title "…" --summary "…" --task <task> --teams <team,team> \\
         --tools <tool,tool> --difficulty <level> --minutes <n> --input "…" \\
         --step "Title|What to do|Prompt (optional)" --check "Risk|How to check" --not "When not to use AI" \\
         --contributor "Your Name" --expert <expert> --notes "…" [--slug <slug>] [--root <dir>]
Writes content/workflows/<slug>.mdx, checked as the build checks it.
`;

const options = {
	title: { type: 'string' },
	summary: { type: 'string' },
	task: { type: 'string' },
	teams: { type: 'string' },
	tools: { type: 'string' },
	difficulty: { type: 'string' },
	minutes: { type: 'string' },
	input: { type: 'string', multiple: true },
	step: { type: 'string', multiple: true },
	check: { type: 'string', multiple: true },
	not: { type: 'string', multiple: true },
	contributor: { type: 'string', multiple: true },
	expert: { type: 'string' },
	notes: { type: 'string' },
	slug: { type: 'string' },
	root: { type: 'string' },
	help: { type: 'boolean', short: 'h' },
} as const;
let parsed: ReturnType<typeof parseArgs<{ options: typeof options }>>;
try {
	parsed = parseArgs({ options });
} catch (error) {
	// An unknown or malformed flag: one line and the usage, not a stack trace.
	process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
	process.exit(2);
}
const flags = parsed.values;
if (flags.help) {
	process.stdout.write(USAGE);
	process.exit(0);
}
const root = flags.root ? `${flags.root.replace(/\/$/, '')}/` : fileURLToPath(new URL('../', import.meta.url));

/** The slugs and names a workflow may refer to, read from the playbook itself. */
async function choices(folder: string, nameField: string) {
	const dir = `${root}content/${folder}/`;
	const list = [];
	for (const file of (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
		const data = yaml.load(await readFile(dir + file, 'utf8')) as Record<string, string>;
		list.push({ value: file.replace(/\.ya?ml$/, ''), name: `${data[nameField] ?? file}` });
	}
	return list;
}

const split = (text: string | undefined) =>
	(text ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
const required = [
	'title',
	'summary',
	'task',
	'teams',
	'tools',
	'difficulty',
	'minutes',
	'input',
	'step',
	'check',
	'not',
	'contributor',
	'expert',
	'notes',
] as const;
const missing = required.filter((name) => flags[name] === undefined);

async function fromFlags(): Promise<WorkflowDraft> {
	return {
		title: flags.title!,
		summary: flags.summary!,
		task: flags.task!,
		teams: split(flags.teams),
		tools: split(flags.tools),
		difficulty: flags.difficulty!,
		minutesSaved: Number(flags.minutes),
		inputs: flags.input!,
		steps: flags.step!.map((step) => {
			const [title = '', what = '', prompt] = step.split('|');
			return { title, do: what, prompt: prompt?.replaceAll('\\n', '\n') };
		}),
		checks: flags.check!.map((check) => {
			const [risk = '', how = ''] = check.split('|');
			return { risk, check: how };
		}),
		whenNotToUse: flags.not!,
		contributors: flags.contributor!,
		expert: flags.expert!,
		notes: flags.notes,
	};
}

async function list(message: string, atLeast: number): Promise<string[]> {
	const items: string[] = [];
	for (;;) {
		const answer = await input({
			message: `${message} (${items.length + 1}${items.length >= atLeast ? ', empty to finish' : ''})`,
		});
		if (!answer.trim()) {
			if (items.length >= atLeast) return items;
			continue;
		}
		items.push(answer.trim());
	}
}

async function interactively(): Promise<WorkflowDraft> {
	const [tasks, teams, tools, experts] = await Promise.all([
		choices('tasks', 'title'),
		choices('teams', 'name'),
		choices('tools', 'name'),
		choices('experts', 'name'),
	]);
	const title = await input({ message: "Title: the task in a reader's words", required: true });
	const summary = await input({ message: 'One line: when does this workflow help?', required: true });
	const task = await select({ message: 'Task type', choices: tasks });
	const teamIds = await checkbox({ message: 'Teams it serves', choices: teams, required: true });
	const toolIds = await checkbox({ message: 'AI tools it uses', choices: tools, required: true });
	const difficulty = await select({ message: 'Difficulty', choices: difficulties.map((d) => ({ value: d, name: d })) });
	const minutesSaved =
		(await number({ message: 'Minutes saved each use (honest estimate)', min: 0, max: 480, required: true })) ?? 0;
	const inputs = await list('What to have at hand', 1);
	const steps: WorkflowDraft['steps'] = [];
	for (;;) {
		const stepTitle = await input({
			message: `Step ${steps.length + 1} title${steps.length >= 2 ? ' (empty to finish)' : ''}`,
		});
		if (!stepTitle.trim()) {
			if (steps.length >= 2 && steps.some((s) => s.prompt)) break;
			continue;
		}
		const what = await input({ message: '  What to do in this step', required: true });
		const prompt = await input({ message: '  The prompt people paste (empty if none; \\n for new lines)' });
		steps.push({ title: stepTitle, do: what, prompt: prompt.replaceAll('\\n', '\n') || undefined });
	}
	const checks: WorkflowDraft['checks'] = [];
	for (;;) {
		const risk = await input({
			message: `AI error to check for ${checks.length + 1}${checks.length >= 1 ? ' (empty to finish)' : ''}`,
		});
		if (!risk.trim()) {
			if (checks.length >= 1) break;
			continue;
		}
		checks.push({ risk, check: await input({ message: '  How to catch it', required: true }) });
	}
	const whenNotToUse = await list('When not to use AI for this', 1);
	const contributors = await list('Your name as you want it credited (and co-authors)', 1);
	const expert = await select({ message: 'Expert to ask', choices: experts });
	const notes = await input({
		message: 'Notes: why it works and what to watch for, from your own use (a few sentences)',
		required: true,
	});
	return {
		title,
		summary,
		task,
		teams: teamIds,
		tools: toolIds,
		difficulty,
		minutesSaved,
		inputs,
		steps,
		checks,
		whenNotToUse,
		contributors,
		expert,
		notes,
	};
}

if (missing.length > 0 && missing.length < required.length) {
	process.stderr.write(`Missing flags for a non-interactive run: ${missing.map((m) => `--${m}`).join(', ')}\n`);
	process.exit(2);
}
if (missing.length > 0 && !process.stdin.isTTY) {
	process.stderr.write(
		'No terminal to ask questions in: pass every field as a flag (npm run new-workflow -- --help).\n',
	);
	process.exit(2);
}
const draft = missing.length === 0 ? await fromFlags() : await interactively();
const slug = flags.slug ?? slugify(draft.title);
const path = workflowPath(slug);
const text = renderWorkflow(draft);
const { problems } = checkSource('workflows', path, text);
if (problems.length > 0) {
	process.stderr.write(`The workflow is not valid yet:\n${formatLocated(problems)}\n`);
	process.exit(1);
}
if (existsSync(`${root}${path}`)) {
	process.stderr.write(`${path} already exists: choose another title or pass --slug.\n`);
	process.exit(1);
}
await writeFile(`${root}${path}`, text);
process.stdout.write(
	`Wrote ${path}.\nNext: npm run check, then commit it on a branch and open a pull request (see CONTRIBUTING.md).\n`,
);
