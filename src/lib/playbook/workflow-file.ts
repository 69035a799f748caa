/**
 * Writes a workflow as the MDX file a contributor adds to `content/workflows/`, from the answers of
 * the contribution form or the `new-workflow` command. The result is checked with the same schema
 * as the build (`checkSource`), so what the tools produce is what the build accepts.
 */
import yaml from 'js-yaml';
import { escapeForBody } from './content-safety.ts';

export interface WorkflowDraft {
	title: string;
	summary: string;
	task: string;
	teams: string[];
	tools: string[];
	difficulty: string;
	minutesSaved: number;
	inputs: string[];
	steps: { title: string; do: string; prompt?: string }[];
	checks: { risk: string; check: string }[];
	whenNotToUse: string[];
	contributors: string[];
	expert: string;
	related?: string[];
	/** Free text under the frontmatter: why it works, what the team learned. */
	notes?: string;
}

/** The notes a new file starts with; `npm run check` refuses a file that still has them. */
export const PLACEHOLDER_NOTES = 'Why this works, and what to watch for, in a few sentences from your own use.';

/** A file name from a title: "Draft a reply to X!" → "draft-a-reply-to-x". */
export function slugify(title: string): string {
	return title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
}

export const workflowPath = (slug: string) => `content/workflows/${slug}.mdx`;

/** The MDX text. New workflows start as drafts, added and reviewed today. */
export function renderWorkflow(draft: WorkflowDraft, today = new Date()): string {
	const day = today.toISOString().slice(0, 10);
	const clean = (items: string[]) => items.map((item) => item.trim()).filter(Boolean);
	const front = {
		title: draft.title.trim(),
		summary: draft.summary.trim(),
		task: draft.task,
		teams: draft.teams,
		tools: draft.tools,
		difficulty: draft.difficulty,
		minutesSaved: draft.minutesSaved,
		inputs: clean(draft.inputs),
		steps: draft.steps
			.filter((step) => step.title.trim() || step.do.trim() || step.prompt?.trim())
			.map((step) => ({
				title: step.title.trim(),
				do: step.do.trim(),
				...(step.prompt?.trim() ? { prompt: `${step.prompt.trim()}\n` } : {}),
			})),
		checks: draft.checks
			.filter((c) => c.risk.trim() || c.check.trim())
			.map((c) => ({ risk: c.risk.trim(), check: c.check.trim() })),
		whenNotToUse: clean(draft.whenNotToUse),
		contributors: clean(draft.contributors),
		expert: draft.expert,
		added: day,
		lastReviewed: day,
		status: 'draft',
		...(draft.related?.length ? { related: draft.related } : {}),
	};
	const frontmatter = yaml.dump(front, { lineWidth: 110, noRefs: true, quotingType: '"' });
	// Notes are Markdown: braces and angle brackets people type ("<3", "{customer_name}") are shown, never run.
	const notes = escapeForBody(draft.notes?.trim() || PLACEHOLDER_NOTES);
	return `---\n${frontmatter}---\n\n${notes}\n`;
}
