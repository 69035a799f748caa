import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/lib/playbook/content-check.ts';
import { renderWorkflow, slugify, type WorkflowDraft, workflowPath } from '../../src/lib/playbook/workflow-file.ts';

const draft: WorkflowDraft = {
	title: 'Écrire: a reply — in French!',
	summary: 'Reply to a French-speaking customer and check the register before sending.',
	task: 'customer-replies',
	teams: ['support'],
	tools: ['translation'],
	difficulty: 'beginner',
	minutesSaved: 10,
	inputs: ['The message', '  '],
	steps: [
		{ title: 'Translate the message', do: 'Translate it with the company account.' },
		{
			title: 'Back-translate: "your" reply',
			do: 'Check every negation survived.',
			prompt: 'Translate literally: [REPLY]\nKeep: sentence order',
		},
		{ title: '', do: '', prompt: '' },
	],
	checks: [{ risk: 'Switches from vous to tu halfway through.', check: 'Search the reply for "tu" and "te".' }],
	whenNotToUse: ['Legal wording.'],
	contributors: ['Sofia Lindqvist'],
	expert: 'amira-haddad',
};

describe('the workflow file the contribution tools write', () => {
	it('is valid MDX for the build, keeps prompts verbatim and drops empty rows', () => {
		const text = renderWorkflow(
			{ ...draft, notes: 'Back-translating caught a formal/informal switch twice.' },
			new Date('2026-11-20T12:00:00Z'),
		);
		const { problems, data } = checkSource('workflows', workflowPath(slugify(draft.title)), text);
		expect(problems).toEqual([]);
		expect(data).toMatchObject({ status: 'draft', inputs: ['The message'], minutesSaved: 10 });
		expect((data as { steps: { prompt?: string }[] }).steps).toHaveLength(2);
		expect((data as { steps: { prompt?: string }[] }).steps[1]!.prompt).toBe(
			'Translate literally: [REPLY]\nKeep: sentence order',
		);
		expect(text).toMatch(/^added: "2026-11-20"$/m);
	});

	it("refuses the template's placeholder notes until they are replaced", () => {
		const text = renderWorkflow(draft, new Date('2026-11-20T12:00:00Z'));
		const { problems } = checkSource('workflows', workflowPath(slugify(draft.title)), text);
		expect(problems.map((p) => [p.field, p.message])).toEqual([
			['(notes)', "still the template's placeholder sentence"],
		]);
	});

	it('makes slugs from titles', () => {
		expect(slugify(draft.title)).toBe('ecrire-a-reply-in-french');
		expect(slugify('  ---  ')).toBe('');
	});
});
