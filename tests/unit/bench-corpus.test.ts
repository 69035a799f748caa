/**
 * The build benchmark is only fair if both sites get the same, valid workflows: every generated
 * Praxis file must pass the content check, and its Starlight page must carry the same text.
 */

import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../harness/paths.ts';
import { percentile, spread } from '../../harness/statistics.ts';
import { workflowCorpus } from '../../harness/workflow-corpus.ts';
import { checkSource } from '../../src/lib/playbook/content-check.ts';

const corpus = await workflowCorpus(`${projectRoot}content/workflows`, 120);

describe('the benchmark corpus', () => {
	it('has the requested number of workflows, each with its own slug and title', () => {
		expect(corpus).toHaveLength(120);
		expect(new Set(corpus.map((e) => e.slug)).size).toBe(120);
		const titles = corpus.map((e) => /^title: (.*)$/m.exec(e.praxis)![1]);
		expect(new Set(titles).size).toBe(120);
	});

	it('is valid Praxis content, file by file', () => {
		for (const entry of corpus) {
			expect(checkSource('workflows', `content/workflows/${entry.slug}.mdx`, entry.praxis).problems).toEqual([]);
		}
	});

	it('gives Starlight the same title, summary, steps, prompts and notes', () => {
		for (const entry of corpus.filter((_, i) => i % 17 === 0)) {
			const front = yaml.load(/^---\n([\s\S]*?)\n---/.exec(entry.praxis)![1]!, { schema: yaml.JSON_SCHEMA }) as {
				title: string;
				summary: string;
				steps: { title: string; prompt?: string }[];
			};
			const notes = entry.praxis.split(/\n---\n/)[1]!.trim();
			expect(entry.starlight).toContain(`title: ${front.title}`);
			expect(entry.starlight).toContain(front.summary.slice(0, 40));
			for (const step of front.steps) {
				if (step.prompt) expect(entry.starlight).toContain(step.prompt.trimEnd());
			}
			expect(entry.starlight.replace(/\\([{}<>])/g, '$1')).toContain(notes.split('\n').at(-1));
		}
	});

	it('is the same on every run, so builds compare like with like', async () => {
		const again = await workflowCorpus(`${projectRoot}content/workflows`, 120);
		expect(again.map((e) => e.praxis)).toEqual(corpus.map((e) => e.praxis));
	});
});

describe('the second benchmark corpus (other shapes)', async () => {
	const mixed = await workflowCorpus(`${projectRoot}content/workflows`, 120, 'mixed');
	it('is valid Praxis content and has bodies of other shapes than the first', () => {
		for (const entry of mixed) {
			expect(checkSource('workflows', `content/workflows/${entry.slug}.mdx`, entry.praxis).problems).toEqual([]);
		}
		const bodies = mixed.slice(20).map((entry) => entry.praxis.split(/\n---\n/)[1]!);
		expect(bodies.some((body) => body.includes('|---|---|---|---|'))).toBe(true);
		expect(bodies.some((body) => body.includes('```text'))).toBe(true);
		const lengths = bodies.map((body) => body.length);
		expect(Math.max(...lengths)).toBeGreaterThan(20 * Math.min(...lengths));
		// Starlight gets the same body.
		for (const entry of mixed.slice(20, 30)) {
			expect(entry.starlight).toContain(
				entry.praxis
					.split(/\n---\n/)[1]!
					.trim()
					.split('\n')
					.at(-1),
			);
		}
	});
});

describe('benchmark figures', () => {
	it('summarise runs as min, median and max, and percentiles by nearest rank', () => {
		expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
		expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
		const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
		expect(percentile(hundred, 50)).toBe(50);
		expect(percentile(hundred, 95)).toBe(95);
		expect(percentile([7], 99)).toBe(7);
	});
});
