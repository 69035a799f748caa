import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/lib/playbook/content-check.ts';
import { escapeForBody, unsafeParts } from '../../src/lib/playbook/content-safety.ts';
import { bodyParts } from '../../src/lib/playbook/rendered-safety.ts';
import { renderWorkflow } from '../../src/lib/playbook/workflow-file.ts';
import { HARMLESS, HOSTILE, refusedLine } from '../helpers/hostile-content.ts';

describe('a workflow body is Markdown, never code', () => {
	it.each(HOSTILE)('refuses %s, naming the line', (_name, vector) => {
		const parts = bodyParts(`Some notes.\n\n${vector}\n`);
		expect(parts.length).toBeGreaterThan(0);
		expect(parts.at(-1)!.line).toBe(2 + refusedLine(vector));
		expect(parts.at(-1)!.fix).not.toBe('');
	});

	it.each(HARMLESS)('lets %s through', (_name, text) => {
		expect(bodyParts(`Some notes.\n\n${text}\n`)).toEqual([]);
	});

	it('the line rules alone (the form) miss what only the Markdown reading shows; the full guard does not', () => {
		const afterList = '- A step\n\n  ```\n  code\n<b>bold</b>\n';
		expect(unsafeParts(afterList)).toEqual([]);
		expect(bodyParts(afterList).map((part) => part.line)).toEqual([5]);
		// A body that opens with "---" is shown, not read as a second frontmatter.
		expect(bodyParts('---\n<b>x</b>\n---\n').map((part) => part.line)).toEqual([2]);
	});

	it('reports the body line in the file, beside the frontmatter problems, in one run', () => {
		const file = ['---', 'title: x', '---', '', 'Fine.', '{oops}', '<b>bold</b>'].join('\n');
		const { problems } = checkSource('workflows', 'content/workflows/x.mdx', file);
		const body = problems.filter((p) => p.field === '(body)');
		expect(body.map((p) => p.line)).toEqual([6, 7]);
		// The frontmatter's own problems come in the same run.
		expect(problems.some((p) => p.field !== '(body)')).toBe(true);
	});

	it('escapes what people type in the form, so "<3" and "{customer_name}" are shown, never refused', () => {
		const notes = 'We <3 it. Replace {customer_name} and keep a \\ as it is.';
		expect(unsafeParts(escapeForBody(notes))).toEqual([]);
		const file = renderWorkflow({
			title: 'Reply with care',
			summary: 'A summary that is long enough to explain what the workflow does.',
			task: 'customer-replies',
			teams: ['support'],
			tools: ['company-chat-assistant'],
			difficulty: 'beginner',
			minutesSaved: 10,
			inputs: ['The ticket'],
			steps: [{ title: 'Draft', do: 'Ask for a draft.', prompt: 'Draft a reply to {ticket}.' }],
			checks: [{ risk: 'Wrong promise', check: 'Check every commitment.' }],
			whenNotToUse: ['Legal threats'],
			contributors: ['Someone'],
			expert: 'amira-haddad',
			notes,
		});
		expect(file).toContain('We \\<3 it. Replace \\{customer_name\\}');
		const body = checkSource('workflows', 'content/workflows/reply-with-care.mdx', file).problems.filter(
			(p) => p.field === '(body)',
		);
		expect(body).toEqual([]);
	});
});
