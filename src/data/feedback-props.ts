/** What the feedback islands need from the build: the API settings and the playbook's names. */
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from 'astro:env/client';
import type { TaskSupport } from '../lib/indicators/progress.ts';
import { isListed, loadPlaybook, type Playbook } from './playbook.ts';
import { href } from './site.ts';

export const supabaseSettings = { supabaseUrl: PUBLIC_SUPABASE_URL, anonKey: PUBLIC_SUPABASE_ANON_KEY };

// Every workflow page asks for the names; they are made once per loaded playbook, not once per page.
const namesOf = new WeakMap<Playbook, ReturnType<typeof names>>();

export async function playbookNames() {
	const playbook = await loadPlaybook();
	let made = namesOf.get(playbook);
	if (!made) {
		made = names(playbook);
		namesOf.set(playbook, made);
	}
	return made;
}

function names(playbook: Playbook) {
	return {
		teams: playbook.teams.map((team) => ({ id: team.id, name: team.data.name })),
		tasks: playbook.tasks.map((task) => ({ id: task.id, title: task.data.title })),
		workflows: playbook.workflows.map((workflow) => ({ id: workflow.id, title: workflow.data.title })),
	};
}

/** What /me/, the track pages and the home page need: each team's task types, each track's steps. */
export async function practiceNames() {
	const playbook = await loadPlaybook();
	const listed = playbook.workflows.filter((workflow) => workflow.data.status !== 'retired');
	return {
		teamTasks: playbook.teams.map((team) => ({
			id: team.id,
			name: team.data.name,
			tasks: [...new Set(listed.filter((w) => w.data.teams.includes(team.id)).map((w) => w.data.task))].sort(),
		})),
		tracks: playbook.tracks.map((track) => ({
			id: track.id,
			title: track.data.title,
			teams: track.data.teams,
			steps: track.data.workflows.map((step) => step.workflow),
		})),
	};
}

/**
 * The targeted-support step of the indicators page: for each task type a team has workflows for, its
 * experts (the team's own first) and the team's workflows for it.
 */
export async function taskSupport(team: string): Promise<TaskSupport[]> {
	const playbook = await loadPlaybook();
	const mine = playbook.workflows.filter((w) => isListed(w) && w.data.teams.includes(team));
	return [...new Set(mine.map((w) => w.data.task))].sort().map((task) => ({
		task,
		href: href(`/tasks/${task}/`),
		experts: playbook.experts
			.filter((expert) => expert.data.knows.includes(task))
			.sort((a, b) => Number(b.data.team === team) - Number(a.data.team === team))
			.slice(0, 2)
			.map((expert) => ({
				name: expert.data.name,
				contact: expert.data.contact,
				href: href(`/experts/#${expert.id}`),
			})),
		workflows: mine
			.filter((w) => w.data.task === task)
			.map((w) => ({ title: w.data.title, href: href(`/workflows/${w.id}/`) })),
	}));
}
