/**
 * Who is checking in, as far as Praxis ever knows: a team chosen once and a random pseudonymous
 * participant id made in this browser. No name, no email, no account. The keys below are also
 * used by the team setting in the page header (src/components/TeamSetting.astro).
 */
import type { KeyValueStore } from './outbox.ts';

export const TEAM_KEY = 'praxis.team';
export const PARTICIPANT_KEY = 'praxis.participant';
/** Dispatched on window when the team changes, so every part of the page follows. */
export const TEAM_EVENT = 'praxis:team-change';

export interface Identity {
	team: string;
	participant: string;
}

export function readIdentity(store: KeyValueStore): Identity | undefined {
	const team = store.getItem(TEAM_KEY);
	const participant = store.getItem(PARTICIPANT_KEY);
	return team && participant ? { team, participant } : undefined;
}

/** Sets the team; the participant id is made the first time and kept when the team changes. */
export function chooseTeam(
	store: KeyValueStore,
	team: string,
	makeId: () => string = () => crypto.randomUUID(),
): Identity {
	const participant = store.getItem(PARTICIPANT_KEY) ?? makeId();
	store.setItem(PARTICIPANT_KEY, participant);
	store.setItem(TEAM_KEY, team);
	return { team, participant };
}
