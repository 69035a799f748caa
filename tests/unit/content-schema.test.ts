import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../harness/paths.ts';
import { type CollectionName, checkSource, formatLocated } from '../../src/lib/playbook/content-check.ts';

const FILE = 'content/workflows/refund-check.mdx';
const valid = await readFile(`${projectRoot}tests/fixtures/content/valid-workflow.mdx`, 'utf8');

/** Replace one frontmatter line (matched by its start) with another, or drop it. */
const edit = (find: RegExp, replacement: string) => valid.replace(find, replacement);

describe('workflow schema', () => {
	it('accepts a valid workflow and normalises shorthand', () => {
		const { problems, data } = checkSource('workflows', FILE, valid);
		expect(problems).toEqual([]);
		expect(data).toMatchObject({ teams: ['support'], status: 'active', related: [] });
	});

	const cases: Array<[string, string, string, RegExp]> = [
		['a missing title', edit(/^title: .*\n/m, ''), 'title', /expected text/],
		[
			'an unknown difficulty',
			edit(/^difficulty: .*$/m, 'difficulty: easy'),
			'difficulty',
			/beginner, intermediate, advanced/,
		],
		['a task that is not a slug', edit(/^task: .*$/m, 'task: Customer Replies'), 'task', /lowercase letters/],
		['negative minutes saved', edit(/^minutesSaved: .*$/m, 'minutesSaved: -5'), 'minutesSaved', /negative/],
		['minutes saved as text', edit(/^minutesSaved: .*$/m, 'minutesSaved: ten'), 'minutesSaved', /whole number/],
		['no step with a prompt', edit(/^ {4}prompt: \|\n.*\n/m, ''), 'steps', /prompt/],
		['a single step', edit(/^ {2}- title: Ask for a decision[\s\S]*?exactly\.\n/m, ''), 'steps', /at least two steps/],
		['an empty check list', edit(/^checks:\n[\s\S]*?(?=^whenNotToUse)/m, 'checks: []\n'), 'checks', /AI error/],
		['a check without its how', edit(/^ {4}check: .*\n/m, ''), 'checks[0].check', /expected text/],
		['no "when not to use AI"', edit(/^whenNotToUse:\n.*\n/m, ''), 'whenNotToUse', /expected array/],
		['a review date in the future', edit(/^lastReviewed: .*$/m, 'lastReviewed: 2999-01-01'), 'lastReviewed', /future/],
		['a date that is not a date', edit(/^added: .*$/m, 'added: last spring'), 'added', /YYYY-MM-DD/],
		[
			'reviewed before it was added',
			edit(/^lastReviewed: .*$/m, 'lastReviewed: 2025-12-01'),
			'lastReviewed',
			/earlier than added/,
		],
		[
			'an unknown status',
			edit(/^lastReviewed: .*$/m, 'lastReviewed: 2026-02-01\nstatus: archived'),
			'status',
			/draft, active, retired/,
		],
		['a misspelt field', edit(/^expert: .*$/m, 'expert: amira-haddad\nexpret: amira-haddad'), '(file)', /expret/],
		['no teams', edit(/^teams: .*$/m, 'teams: []'), 'teams', /at least one team/],
	];

	it.each(cases)('rejects %s, naming the file and the field', (_name, source, field, message) => {
		const { problems } = checkSource('workflows', FILE, source);
		expect(problems.length).toBeGreaterThan(0);
		const problem = problems.find((p) => p.field === field);
		expect(problem, formatLocated(problems)).toBeDefined();
		expect(problem?.message).toMatch(message);
		expect(formatLocated(problems)).toContain(`${FILE}:`);
	});

	it('points at the line of the broken field', () => {
		const source = edit(/^difficulty: .*$/m, 'difficulty: easy');
		const [problem] = checkSource('workflows', FILE, source).problems;
		const line = source.split('\n').findIndex((l) => l.startsWith('difficulty:')) + 1;
		expect(problem?.line).toBe(line);
	});

	it('reports YAML syntax errors and missing frontmatter as problems, not crashes', () => {
		expect(checkSource('workflows', FILE, 'no frontmatter here').problems[0]?.field).toBe('(frontmatter)');
		const broken = checkSource('workflows', FILE, valid.replace('title: Check', 'title: [Check'));
		expect(broken.problems[0]?.field).toBe('(yaml)');
	});
});

describe('data collections', () => {
	it('rejects an expert without contact and a track with one workflow', () => {
		const expert = checkSource(
			'experts',
			'content/experts/x.yaml',
			'name: X Y\nrole: Lead\nteam: support\nknows: [customer-replies]\naskAbout: Difficult replies to customers',
		);
		expect(expert.problems.map((p) => p.field)).toEqual(['contact']);
		const track = checkSource(
			'tracks',
			'content/tracks/t.yaml',
			'title: Short track\nsummary: A track that is far too short to be one\nteams: support\ncadence: ' +
				'weekly\nworkflows: [escalated-ticket-reply]',
		);
		expect(track.problems.map((p) => p.field)).toEqual(['workflows']);
	});

	it('accepts a tool approved for a known data class only', () => {
		const tool = (approvedFor: string) =>
			checkSource(
				'tools',
				'content/tools/t.yaml',
				`name: Tool\nvendor: Vendor\napprovedFor: ${approvedFor}\nnotes: Fine for internal documents only.`,
			);
		expect(tool('internal').problems).toEqual([]);
		expect(tool('secret').problems[0]?.field).toBe('approvedFor');
	});
});

describe('the seed content', () => {
	const folders: CollectionName[] = ['workflows', 'tasks', 'teams', 'tools', 'experts', 'tracks'];
	it.each(folders)('content/%s validates on its own', async (folder) => {
		const files = await readdir(`${projectRoot}content/${folder}`);
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			const path = `content/${folder}/${file}`;
			const { problems } = checkSource(folder, path, await readFile(`${projectRoot}${path}`, 'utf8'));
			expect(problems, formatLocated(problems)).toEqual([]);
		}
	});
});
