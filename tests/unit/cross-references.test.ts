import { describe, expect, it } from 'vitest';
import { findBrokenReferences, formatProblems, type PlaybookRefs } from '../../src/lib/playbook/cross-references.ts';

const entry = <T>(folder: string, id: string, data: T) => ({ id, filePath: `content/${folder}/${id}.yaml`, data });
const playbook = (): PlaybookRefs => ({
	workflows: [
		{
			id: 'reply',
			filePath: 'content/workflows/reply.mdx',
			data: { task: 'replies', teams: ['support'], tools: ['assistant'], expert: 'ana', related: ['summary'] },
		},
		{
			id: 'summary',
			filePath: 'content/workflows/summary.mdx',
			data: { task: 'replies', teams: ['support'], tools: ['assistant'], expert: 'ana', related: [] },
		},
	],
	tasks: [entry('tasks', 'replies', {})],
	teams: [entry('teams', 'support', {})],
	tools: [entry('tools', 'assistant', {})],
	experts: [entry('experts', 'ana', { team: 'support', knows: ['replies'] })],
	tracks: [
		entry('tracks', 'start', { teams: ['support'], workflows: [{ workflow: 'reply' }, { workflow: 'summary' }] }),
	],
});

describe('cross-references', () => {
	it('finds nothing wrong in a consistent playbook', () => {
		expect(findBrokenReferences(playbook())).toEqual([]);
	});

	it.each([
		['task', (p: PlaybookRefs) => (p.workflows[0]!.data.task = 'nope'), 'content/workflows/reply.mdx', 'task'],
		[
			'team',
			(p: PlaybookRefs) => (p.workflows[0]!.data.teams = ['support', 'nope']),
			'content/workflows/reply.mdx',
			'teams[1]',
		],
		['tool', (p: PlaybookRefs) => (p.workflows[1]!.data.tools = ['nope']), 'content/workflows/summary.mdx', 'tools[0]'],
		['expert', (p: PlaybookRefs) => (p.workflows[0]!.data.expert = 'nope'), 'content/workflows/reply.mdx', 'expert'],
		[
			'related workflow',
			(p: PlaybookRefs) => (p.workflows[0]!.data.related = ['nope']),
			'content/workflows/reply.mdx',
			'related[0]',
		],
		[
			'track member',
			(p: PlaybookRefs) => (p.tracks[0]!.data.workflows[1] = { workflow: 'nope' }),
			'content/tracks/start.yaml',
			'workflows[1].workflow',
		],
		['expert team', (p: PlaybookRefs) => (p.experts[0]!.data.team = 'nope'), 'content/experts/ana.yaml', 'team'],
	])('names the file and field of an unknown %s', (_kind, breakIt, file, field) => {
		const broken = playbook();
		breakIt(broken);
		const problems = findBrokenReferences(broken);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({
			file,
			field,
			message: `unknown ${problems[0]!.message.split(' ')[1]} "nope"`,
		});
		expect(formatProblems(problems)).toMatch(new RegExp(`^${file}  ${field.replace(/[[\].]/g, '\\$&')}  unknown`));
	});

	it('suggests the known slugs as the fix', () => {
		const broken = playbook();
		broken.workflows[0]!.data.expert = 'anna';
		expect(findBrokenReferences(broken)[0]?.fix).toContain('use one of: ana');
	});

	it('rejects a workflow related to itself', () => {
		const broken = playbook();
		broken.workflows[1]!.data.related = ['summary'];
		expect(findBrokenReferences(broken)[0]).toMatchObject({
			field: 'related',
			message: expect.stringContaining('itself'),
		});
	});
});
