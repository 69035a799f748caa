/**
 * The whole playbook, loaded once per build and checked for broken cross-references. Pages import
 * from here instead of calling `getCollection` themselves: walking the collections on every page
 * costs seconds at a thousand workflows.
 */
import { type CollectionEntry, getCollection } from 'astro:content';
import { findBrokenReferences, formatProblems } from '../lib/playbook/cross-references.ts';

export type Workflow = CollectionEntry<'workflows'>;
export type Task = CollectionEntry<'tasks'>;
export type Team = CollectionEntry<'teams'>;
export type Tool = CollectionEntry<'tools'>;
export type Expert = CollectionEntry<'experts'>;
export type Track = CollectionEntry<'tracks'>;

export interface Playbook {
	workflows: Workflow[];
	tasks: Task[];
	teams: Team[];
	tools: Tool[];
	experts: Expert[];
	tracks: Track[];
	task(id: string): Task;
	team(id: string): Team;
	tool(id: string): Tool;
	expert(id: string): Expert;
	workflow(id: string): Workflow;
}

let loaded: Promise<Playbook> | undefined;

export function loadPlaybook(): Promise<Playbook> {
	loaded ??= load();
	return loaded;
}

const byTitle = (a: { data: { title: string } }, b: { data: { title: string } }) =>
	a.data.title.localeCompare(b.data.title);
const byName = (a: { data: { name: string } }, b: { data: { name: string } }) => a.data.name.localeCompare(b.data.name);

async function load(): Promise<Playbook> {
	const [workflows, tasks, teams, tools, experts, tracks] = await Promise.all([
		getCollection('workflows'),
		getCollection('tasks'),
		getCollection('teams'),
		getCollection('tools'),
		getCollection('experts'),
		getCollection('tracks'),
	]);
	const withPath = <T extends { id: string; filePath?: string; data: unknown }>(entries: T[]) =>
		entries.map((entry) => ({ ...entry, filePath: entry.filePath ?? entry.id }));
	const problems = findBrokenReferences({
		workflows: withPath(workflows),
		tasks: withPath(tasks),
		teams: withPath(teams),
		tools: withPath(tools),
		experts: withPath(experts),
		tracks: withPath(tracks),
	});
	if (problems.length > 0) {
		throw new Error(`The playbook has broken references:\n${formatProblems(problems)}`);
	}

	const index = <T extends { id: string }>(entries: T[], kind: string) => {
		const map = new Map(entries.map((entry) => [entry.id, entry]));
		return (id: string): T => {
			const entry = map.get(id);
			// Unreachable after the reference check above; kept so a wrong call fails loudly.
			if (!entry) throw new Error(`No ${kind} "${id}" in the playbook`);
			return entry;
		};
	};
	return {
		workflows: workflows.sort(byTitle),
		tasks: tasks.sort(byTitle),
		teams: teams.sort(byName),
		tools: tools.sort(byName),
		experts: experts.sort(byName),
		tracks: tracks.sort(byTitle),
		task: index(tasks, 'task type'),
		team: index(teams, 'team'),
		tool: index(tools, 'tool'),
		expert: index(experts, 'expert'),
		workflow: index(workflows, 'workflow'),
	};
}

/** Workflows people should find: drafts are shown with a banner, retired ones only by direct link. */
export const isListed = (workflow: Workflow) => workflow.data.status !== 'retired';

/** `getStaticPaths` for the pages each team has (`/teams/<team>/…`). */
export async function teamPaths() {
	const playbook = await loadPlaybook();
	return playbook.teams.map((team) => ({ params: { team: team.id }, props: { team } }));
}
