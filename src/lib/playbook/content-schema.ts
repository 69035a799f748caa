/**
 * What a playbook is made of: the zod schemas of every file in `content/`. The build validates
 * against them (wired to the collections in `src/content.config.ts`), and so do the content checker,
 * the contribution form in the browser and the tests. Plain zod, no Astro runtime, so it runs anywhere.
 * Cross-references between files are checked in `cross-references.ts`.
 */
import '../site/zod-without-eval.ts';
import { z } from 'astro/zod';

/** A URL-safe identifier: lowercase letters, digits and single hyphens. File names are slugs too. */
export const slug = z
	.string({ error: 'expected a slug (text such as "customer-replies")' })
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
		error: 'use lowercase letters, digits and single hyphens, e.g. "customer-replies"',
	});

/** One slug or a list of them; a single value is normalised to a one-item list. */
const slugList = z.union([slug, z.array(slug)]).transform((value) => (Array.isArray(value) ? value : [value]));

/** Non-empty text with surrounding whitespace removed, bounded so pages stay readable. */
const text = (min: number, max: number) =>
	z
		.string({ error: 'expected text' })
		.trim()
		.min(min, { error: `write at least ${min} characters` })
		.max(max, { error: `keep this under ${max} characters` });

/** A calendar date (YAML `2026-10-02`), never later than the day the site is built. */
const pastDate = z.coerce
	.date({ error: 'expected a date written as YYYY-MM-DD' })
	.refine((date) => date.getTime() <= Date.now(), { error: 'this date is in the future' });

export const difficulties = ['beginner', 'intermediate', 'advanced'] as const;
export const statuses = ['draft', 'active', 'retired'] as const;

/** One step of a workflow: what to do, and, where AI is involved, the prompt people really use. */
export const stepSchema = z.strictObject({
	/** Short imperative heading, e.g. "Paste the thread and ask for a neutral summary". */
	title: text(3, 100),
	/** What the person does in this step, in a sentence or two. */
	do: text(10, 800),
	/** The prompt to paste, with `[PLACEHOLDERS]` for what the person fills in. Shown with a copy button. */
	prompt: text(20, 4000).optional(),
});

/** An AI error to look for on this task, and how to catch it. */
export const checkSchema = z.strictObject({
	/** The failure, concretely: "invents a refund policy clause that is not in our terms". */
	risk: text(10, 300),
	/** How to catch it before it goes anywhere. */
	check: text(10, 500),
});

/** A workflow: one task done with AI, written by a teammate, as an MDX file in `content/workflows/`. */
export const workflowSchema = z
	.strictObject({
		/** Page title: the task in the reader's words, e.g. "Draft a reply to an escalated ticket". */
		title: text(8, 90),
		/** One line under the title and in search results: when this workflow helps. */
		summary: text(20, 200),
		/** The task type this workflow belongs to (slug of a file in `content/tasks/`). */
		task: slug,
		/** Teams it serves (slugs in `content/teams/`); one slug or a list. */
		teams: slugList.pipe(z.array(slug).min(1, { error: 'name at least one team' })),
		/** AI tools it uses (slugs in `content/tools/`); one slug or a list. */
		tools: slugList.pipe(z.array(slug).min(1, { error: 'name at least one tool' })),
		/** How much practice it takes to get good results. */
		difficulty: z.enum(difficulties, { error: `expected one of: ${difficulties.join(', ')}` }),
		/** Honest estimate of minutes saved each time it is used, compared with doing it by hand. */
		minutesSaved: z
			.number({ error: 'expected a whole number of minutes' })
			.int({ error: 'expected a whole number of minutes' })
			.min(0, { error: 'cannot be negative' })
			.max(480, { error: 'more than a working day: split the workflow' }),
		/** What to have at hand before starting. */
		inputs: z.array(text(3, 200)).min(1, { error: 'list at least one input' }),
		/** The steps, in order. At least one carries a prompt. */
		steps: z
			.array(stepSchema)
			.min(2, { error: 'a workflow needs at least two steps' })
			.refine((steps) => steps.some((step) => step.prompt), {
				error: 'at least one step needs a `prompt`: the words people actually paste',
			}),
		/** "Check the output": the AI errors typical of this task and how to catch them. */
		checks: z.array(checkSchema).min(1, { error: 'list at least one AI error to check for' }),
		/** When not to use AI for this task at all. */
		whenNotToUse: z.array(text(10, 300)).min(1, { error: 'say at least once when not to use AI' }),
		/** The people who wrote and improved it (names or handles, as they want to be credited). */
		contributors: z.array(text(2, 60)).min(1, { error: 'credit at least one contributor' }),
		/** Who to ask when it goes wrong (slug in `content/experts/`). */
		expert: slug,
		/** When the workflow was first added. */
		added: pastDate,
		/** When someone last checked it still works as written. */
		lastReviewed: pastDate,
		/** draft: being tried out; active: recommended; retired: kept for its URL, do not use. */
		status: z.enum(statuses, { error: `expected one of: ${statuses.join(', ')}` }).default('active'),
		/** Other workflows worth reading next (slugs in `content/workflows/`). */
		related: slugList.default([]),
	})
	.refine((data) => data.lastReviewed.getTime() >= data.added.getTime(), {
		error: 'lastReviewed is earlier than added',
		path: ['lastReviewed'],
	});

/** A kind of task people do, e.g. "Replying to customers". Files: `content/tasks/<slug>.yaml`. */
export const taskSchema = z.strictObject({
	/** Name of the task type, as people say it. */
	title: text(3, 60),
	/** One line: what falls under this task type. */
	summary: text(10, 200),
	/** How someone would describe needing it ("I need to answer a customer who…"); helps browsing. */
	examples: z.array(text(5, 160)).min(1).max(6),
});

/** A team using the playbook. Files: `content/teams/<slug>.yaml`. */
export const teamSchema = z.strictObject({
	/** Team name. */
	name: text(2, 60),
	/** One line about the team's work. */
	summary: text(10, 200),
	/** Where the team discusses its practice, e.g. "#support-ai on Slack". */
	channel: text(2, 80),
});

/** An AI tool the organisation allows. Files: `content/tools/<slug>.yaml`. */
export const toolSchema = z.strictObject({
	/** Product name. */
	name: text(2, 60),
	/** Who makes it. */
	vendor: text(2, 60),
	/** The most sensitive data class that may be pasted into it under company policy. */
	approvedFor: z.enum(['public', 'internal', 'confidential'], {
		error: 'expected one of: public, internal, confidential',
	}),
	/** What to know before using it (account, retention, limits). */
	notes: text(10, 300),
});

/** Someone to ask about a specific problem. Files: `content/experts/<slug>.yaml`. */
export const expertSchema = z.strictObject({
	/** Name as they want it shown. */
	name: text(2, 80),
	/** Role, e.g. "Senior support engineer". */
	role: text(2, 80),
	/** Their team (slug in `content/teams/`). */
	team: slug,
	/** How to reach them, e.g. "@dana in #legal-ai". Never a private phone number. */
	contact: text(2, 120),
	/** Task types they can help with (slugs in `content/tasks/`). */
	knows: slugList.pipe(z.array(slug).min(1, { error: 'name at least one task type' })),
	/** What to bring them: the problems they are good at. */
	askAbout: text(10, 400),
});

/** One stop on a track: a workflow and what to practise with it. A bare slug is accepted. */
const trackStep = z
	.union([slug, z.strictObject({ workflow: slug, practise: text(10, 300).optional() })])
	.transform((step) => (typeof step === 'string' ? { workflow: step, practise: undefined } : step));

/** An ordered sequence of workflows a cohort works through. Files: `content/tracks/<slug>.yaml`. */
export const trackSchema = z.strictObject({
	/** Track name. */
	title: text(5, 90),
	/** Who it is for and what they will be able to do at the end. */
	summary: text(20, 300),
	/** Teams the track is meant for (slugs in `content/teams/`). */
	teams: slugList.pipe(z.array(slug).min(1)),
	/** Rhythm of the cohort, e.g. "one workflow a week, 15-minute check-in on Fridays". */
	cadence: text(5, 160),
	/** The workflows, in order. */
	workflows: z.array(trackStep).min(2, { error: 'a track needs at least two workflows' }),
});

/** Every collection of the playbook and the schema its files must satisfy. */
export const schemas = {
	workflows: workflowSchema,
	tasks: taskSchema,
	teams: teamSchema,
	tools: toolSchema,
	experts: expertSchema,
	tracks: trackSchema,
} as const;
export type CollectionName = keyof typeof schemas;
