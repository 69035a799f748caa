/**
 * Which teams this browser's person has joined (a cache of their team_members rows, which only they
 * can read) and which of those they are giving feedback for now. Changing the team never rewrites a
 * row. The keys are also read by the team setting in the page header (src/components/TeamSetting.astro).
 */
import type { KeyValueStore } from '../feedback/outbox.ts';

export const TEAM_KEY = 'praxis.team';
export const TEAMS_KEY = 'praxis.teams';
/** Dispatched on window when the teams or the chosen team change, so every part of the page follows. */
export const TEAM_EVENT = 'praxis:team-change';

export interface Teams {
	/** Teams joined, as far as this browser knows. */
	joined: string[];
	/** The team feedback goes to: one of `joined`, or undefined when there is none. */
	team: string | undefined;
}

export function readTeams(store: KeyValueStore): Teams {
	let joined: string[] = [];
	try {
		const value: unknown = JSON.parse(store.getItem(TEAMS_KEY) ?? '[]');
		if (Array.isArray(value)) joined = value.filter((team): team is string => typeof team === 'string');
	} catch {
		joined = [];
	}
	const chosen = store.getItem(TEAM_KEY);
	return { joined, team: chosen && joined.includes(chosen) ? chosen : joined[0] };
}

/** Records the teams joined (from the database); keeps the chosen team if it is still one of them. */
export function rememberTeams(store: KeyValueStore, joined: string[], chosen?: string): Teams {
	const unique = [...new Set(joined)].sort();
	store.setItem(TEAMS_KEY, JSON.stringify(unique));
	if (chosen && unique.includes(chosen)) store.setItem(TEAM_KEY, chosen);
	return readTeams(store);
}

/** Chooses which joined team feedback goes to; a team not joined is ignored. */
export function chooseTeam(store: KeyValueStore, team: string): Teams {
	if (readTeams(store).joined.includes(team)) store.setItem(TEAM_KEY, team);
	return readTeams(store);
}
