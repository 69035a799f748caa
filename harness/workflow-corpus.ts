/**
 * A playbook of N realistic workflows for the build benchmarks: the seed workflows, then variants
 * of the active ones, each with its own title and its own notes paragraph (drawn from the seed
 * playbook's words with a fixed seed), so the search index grows as a real playbook's would. The
 * same workflows come out as Praxis files and as Starlight pages showing the same text.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { WorkflowDraft } from '../src/lib/playbook/workflow-file.ts';

export interface CorpusEntry {
	slug: string;
	/** The file as it goes into Praxis's `content/workflows/`. */
	praxis: string;
	/** The same workflow as a Starlight docs page (`src/content/docs/workflows/`). */
	starlight: string;
}

// The frontmatter fields a workflow file carries: the same shape the contribution tools write.
type Frontmatter = WorkflowDraft & { status?: string };

function split(source: string): { front: string; body: string } {
	const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(source);
	if (!match) throw new Error('workflow without frontmatter');
	return { front: match[1]!, body: match[2]!.trim() };
}

/** A small seeded generator, so every benchmark run builds the very same pages. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// MDX reads { and < as code; text from frontmatter must stay text on the Starlight side.
const escapeMdx = (text: string) => text.replace(/[{}<>]/g, (c) => `\\${c}`);

function starlightPage(data: Frontmatter, body: string): string {
	const list = (items: string[]) => items.map((item) => `- ${escapeMdx(item)}`).join('\n');
	const steps = data.steps
		.map(
			(step, i) =>
				`### ${i + 1}. ` +
				`${escapeMdx(step.title)}\n\n${escapeMdx(step.do)}` +
				(step.prompt ? `\n\n\`\`\`text\n${step.prompt.trimEnd()}\n\`\`\`` : ''),
		)
		.join('\n\n');
	return `---
${yaml.dump({ title: data.title, description: data.summary }, { lineWidth: -1 })}---

**Task:** ${data.task} · **Teams:** ${data.teams.join(', ')} · **Tools:** ${data.tools.join(', ')} · **Difficulty:**
${data.difficulty} · saves about ${data.minutesSaved} minutes

## What you need

${list(data.inputs)}

## Steps

${steps}

## Check the output

${data.checks.map((c) => `- **Risk:** ${escapeMdx(c.risk)} **Check:** ${escapeMdx(c.check)}`).join('\n')}

## When not to use it

${list(data.whenNotToUse)}

## Who to ask

${data.expert}, with ${data.contributors.join(', ')}

${body}
`;
}

/**
 * How variants differ from their template: `notes` adds a paragraph of notes to the template's body
 * (the bench corpus); `mixed` gives each variant a body of another shape (one sentence, many long
 * sections, a table, code blocks, a long list, or several of these), so a figure measured on both does
 * not depend on one corpus.
 */
export type CorpusShape = 'notes' | 'mixed';

export async function workflowCorpus(
	workflowsDir: string,
	count: number,
	shape: CorpusShape = 'notes',
): Promise<CorpusEntry[]> {
	const files = (await readdir(workflowsDir)).filter((f) => f.endsWith('.mdx')).sort();
	const seeds = await Promise.all(
		files.map(async (file) => {
			const source = await readFile(join(workflowsDir, file), 'utf8');
			const { front, body } = split(source);
			return {
				slug: file.replace(/\.mdx$/, ''),
				source,
				front,
				body,
				data: yaml.load(front, { schema: yaml.JSON_SCHEMA }) as Frontmatter,
			};
		}),
	);
	if (count < seeds.length) throw new Error(`a corpus needs at least the ${seeds.length} seed workflows`);
	const templates = seeds.filter((seed) => (seed.data.status ?? 'active') === 'active');
	const words = [
		...new Set(
			seeds.flatMap(
				(seed) =>
					`${seed.body} ${seed.data.steps.map((s) => s.do).join(' ')}`.toLowerCase().match(/[a-z][a-z'-]{2,}/g) ?? [],
			),
		),
	];
	const next = random(20261124);
	const pick = () => words[Math.floor(next() * words.length)]!;
	const sentence = () => {
		const text = Array.from({ length: 8 + Math.floor(next() * 10) }, pick).join(' ');
		return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
	};

	const corpus: CorpusEntry[] = seeds.map((seed) => ({
		slug: seed.slug,
		praxis: seed.source,
		starlight: starlightPage(seed.data, seed.body),
	}));
	const paragraph = (sentences: number) => Array.from({ length: sentences }, sentence).join(' ');
	const parts = [
		() => paragraph(1),
		() =>
			Array.from({ length: 12 }, (_, n) => `${n % 3 === 0 ? `## ${pick()} ${pick()}\n\n` : ''}${paragraph(6)}`).join(
				'\n\n',
			),
		() =>
			[
				`| ${pick()} | ${pick()} | ${pick()} | ${pick()} |`,
				'|---|---|---|---|',
				...Array.from({ length: 8 }, () => `| ${pick()} | ${pick()} ${pick()} | ${pick()} | ${pick()} |`),
			].join('\n'),
		() =>
			Array.from(
				{ length: 3 },
				() => `\`\`\`text\n${Array.from({ length: 10 }, () => paragraph(1)).join('\n')}\n\`\`\``,
			).join('\n\n'),
		() => Array.from({ length: 15 }, () => `- ${paragraph(1)}`).join('\n'),
	];
	const mixedBody = () =>
		Array.from({ length: 1 + Math.floor(next() * 3) }, () => parts[Math.floor(next() * parts.length)]!()).join('\n\n');
	for (let i = 1; corpus.length < count; i++) {
		const template = templates[(i - 1) % templates.length]!;
		const title = `${template.data.title} (variant ${i})`;
		const body = shape === 'mixed' ? mixedBody() : `${template.body}\n\n${paragraph(6)}`;
		corpus.push({
			slug: `${template.slug}-${i}`,
			praxis: `---\n${template.front.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`)}\n---\n\n${body}\n`,
			starlight: starlightPage({ ...template.data, title }, body),
		});
	}
	return corpus;
}
