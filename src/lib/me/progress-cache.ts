/**
 * What the home page needs to show "your next step" without loading the data client: the tracks this
 * browser's person follows and the workflows they have checked in on, kept in localStorage by the pages
 * that read them from the database (/me/, a track's page) and by the check-in form.
 */
import type { KeyValueStore } from '../feedback/outbox.ts';

export const FOLLOWED_KEY = 'praxis.tracks.followed';
export const DONE_KEY = 'praxis.workflows.done';

const readList = (store: Pick<KeyValueStore, 'getItem'>, key: string): string[] => {
	try {
		const value: unknown = JSON.parse(store.getItem(key) ?? '[]');
		return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
	} catch {
		return [];
	}
};

export const readProgress = (store: Pick<KeyValueStore, 'getItem'>) => ({
	followed: readList(store, FOLLOWED_KEY),
	done: readList(store, DONE_KEY),
});

/** Records the followed tracks (all of them, from the database). */
export const rememberFollowed = (store: KeyValueStore, tracks: string[]) =>
	store.setItem(FOLLOWED_KEY, JSON.stringify([...new Set(tracks)].sort()));

/** Adds workflows checked in on; `replace` sets the whole list (from the database). */
export function rememberDone(store: KeyValueStore, workflows: string[], replace = false) {
	const known = replace ? [] : readList(store, DONE_KEY);
	store.setItem(DONE_KEY, JSON.stringify([...new Set([...known, ...workflows])].sort()));
}
