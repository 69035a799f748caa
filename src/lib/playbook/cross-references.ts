/**
 * Checks the links between playbook files that a schema cannot see on its own: a workflow's task,
 * teams, tools, expert and related workflows; an expert's team and task types; a track's teams and
 * workflows. Plain data in, a list of problems out, so the build, the content checker and the tests
 * share one implementation.
 */

/** The minimum of an entry the checker needs: its slug, its file and the fields that point elsewhere. */
export interface Entry<T> {
	id: string;
	/** Path of the source file relative to the project root, for error messages. */
	filePath: string;
	data: T;
}

export interface PlaybookRefs {
	workflows: Entry<{
		task: string;
		teams: string[];
		tools: string[];
		expert: string;
		related: string[];
	}>[];
	tasks: Entry<unknown>[];
	teams: Entry<unknown>[];
	tools: Entry<unknown>[];
	experts: Entry<{ team: string; knows: string[] }>[];
	tracks: Entry<{ teams: string[]; workflows: { workflow: string }[] }>[];
}

export interface Problem {
	file: string;
	field: string;
	message: string;
	fix: string;
}

type Kind = 'task' | 'team' | 'tool' | 'expert' | 'workflow';
const folderOf: Record<Kind, string> = {
	task: 'content/tasks/',
	team: 'content/teams/',
	tool: 'content/tools/',
	expert: 'content/experts/',
	workflow: 'content/workflows/',
};

export function findBrokenReferences(playbook: PlaybookRefs): Problem[] {
	const known: Record<Kind, Set<string>> = {
		task: new Set(playbook.tasks.map((entry) => entry.id)),
		team: new Set(playbook.teams.map((entry) => entry.id)),
		tool: new Set(playbook.tools.map((entry) => entry.id)),
		expert: new Set(playbook.experts.map((entry) => entry.id)),
		workflow: new Set(playbook.workflows.map((entry) => entry.id)),
	};
	const problems: Problem[] = [];

	// Values of the wrong shape are the schema's to report: the content checker also passes files whose
	// schema failed, so that every problem of a file comes in one run.
	const expect = (file: string, field: string, kind: Kind, value: string) => {
		if (typeof value !== 'string' || known[kind].has(value)) return;
		const choices = [...known[kind]].sort();
		problems.push({
			file,
			field,
			message: `unknown ${kind} "${value}"`,
			fix: choices.length
				? `use one of: ${choices.join(', ')}; or add ${folderOf[kind]}${value}`
				: `add ${folderOf[kind]}${value}`,
		});
	};
	const expectEach = (file: string, field: string, kind: Kind, values: string[]) =>
		(Array.isArray(values) ? values : []).forEach((value, index) => {
			expect(file, `${field}[${index}]`, kind, value);
		});

	for (const { id, filePath, data } of playbook.workflows) {
		expect(filePath, 'task', 'task', data.task);
		expectEach(filePath, 'teams', 'team', data.teams);
		expectEach(filePath, 'tools', 'tool', data.tools);
		expect(filePath, 'expert', 'expert', data.expert);
		expectEach(filePath, 'related', 'workflow', data.related);
		if (Array.isArray(data.related) && data.related.includes(id)) {
			problems.push({
				file: filePath,
				field: 'related',
				message: 'a workflow cannot be related to itself',
				fix: `remove "${id}" from related`,
			});
		}
	}
	for (const { filePath, data } of playbook.experts) {
		expect(filePath, 'team', 'team', data.team);
		expectEach(filePath, 'knows', 'task', data.knows);
	}
	for (const { filePath, data } of playbook.tracks) {
		expectEach(filePath, 'teams', 'team', data.teams);
		(Array.isArray(data.workflows) ? data.workflows : []).forEach((step, index) => {
			expect(filePath, `workflows[${index}].workflow`, 'workflow', step?.workflow);
		});
	}
	return problems;
}

/** One line per problem, `file  field  what is wrong  how to fix`, as the build and checker print them. */
export function formatProblems(problems: Problem[]): string {
	return problems
		.map((problem) => `${problem.file}  ${problem.field}  ${problem.message}  (${problem.fix})`)
		.join('\n');
}
