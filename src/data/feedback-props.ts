/** What the feedback islands need from the build: the API settings and the playbook's names. */
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from 'astro:env/client';
import { loadPlaybook } from './playbook.ts';

export const supabaseSettings = { supabaseUrl: PUBLIC_SUPABASE_URL, anonKey: PUBLIC_SUPABASE_ANON_KEY };

export async function playbookNames() {
	const playbook = await loadPlaybook();
	return {
		teams: playbook.teams.map((team) => ({ id: team.id, name: team.data.name })),
		tasks: playbook.tasks.map((task) => ({ id: task.id, title: task.data.title })),
		workflows: playbook.workflows.map((workflow) => ({ id: workflow.id, title: workflow.data.title })),
	};
}
