/**
 * A person's Supabase Auth session in this browser. By default an anonymous sign-in: a random user
 * id, no name, no email. @supabase/auth-js (see BENCHMARKS.md for its size) loads only to sign in or to refresh
 * an expiring token; a page with a fresh session reads the token from storage and loads nothing.
 * The session is stored in auth-js's own format under STORAGE_KEY, so the two always agree.
 */
import type { GoTrueClient } from '@supabase/auth-js';
import type { KeyValueStore } from '../feedback/outbox.ts';

export const STORAGE_KEY = 'praxis.auth';
/** A token this close to its expiry is refreshed before use, as auth-js does (less for short-lived ones). */
const MARGIN_SECONDS = 60;

export interface StoredSession {
	access_token: string;
	refresh_token: string;
	/** Seconds since the epoch. */
	expires_at: number;
	expires_in?: number;
	user: { id: string; is_anonymous?: boolean };
}

export interface SessionConfig {
	url: string;
	anonKey: string;
	store: KeyValueStore & { removeItem(key: string): void };
	now?: () => number;
}

/** Refresh or sign-in failed because the network or the service is down: worth trying again later. */
export class SessionUnavailable extends Error {
	override name = 'SessionUnavailable';
}
/** The session is gone for good (ended elsewhere, or its refresh token was refused): sign in again. */
export class SessionEnded extends Error {
	override name = 'SessionEnded';
}

export function readStoredSession(store: KeyValueStore): StoredSession | undefined {
	try {
		const value = JSON.parse(store.getItem(STORAGE_KEY) ?? 'null') as Partial<StoredSession> | null;
		return value?.access_token && value.refresh_token && typeof value.expires_at === 'number' && value.user?.id
			? (value as StoredSession)
			: undefined;
	} catch {
		return undefined;
	}
}

export function createSession(config: SessionConfig) {
	const now = config.now ?? Date.now;
	let client: Promise<GoTrueClient> | undefined;

	const auth = () => {
		client ??= import('@supabase/auth-js').then(
			({ GoTrueClient }) =>
				new GoTrueClient({
					url: `${config.url.replace(/\/+$/, '')}/auth/v1`,
					headers: { apikey: config.anonKey, Authorization: `Bearer ${config.anonKey}` },
					storageKey: STORAGE_KEY,
					storage: config.store,
					persistSession: true,
					autoRefreshToken: false,
					detectSessionInUrl: false,
				}),
		);
		// A failed import (offline before the chunk was cached) must be tried again next time.
		client.catch(() => {
			client = undefined;
		});
		return client;
	};

	const fresh = (session: StoredSession | undefined) => {
		const margin = Math.min(MARGIN_SECONDS, (session?.expires_in ?? 3600) / 4);
		return session && session.expires_at - margin > now() / 1000 ? session : undefined;
	};
	/** One refresh at a time: islands asking at once share it (a second would reuse a spent token). */
	let refreshing: Promise<string> | undefined;
	/** One sign-in at a time: a double-click must not make two people (and use two seats). */
	let signingIn: Promise<string> | undefined;

	async function signInAnonymously(): Promise<string> {
		const gotrue = await loadAuth();
		const { data, error } = await gotrue.signInAnonymously();
		if (error || !data.session) throw failure(error);
		return data.session.access_token;
	}

	/** auth-js, or SessionUnavailable when its chunk cannot be loaded (offline before it was cached). */
	const loadAuth = () =>
		auth().catch((error: unknown) => {
			throw new SessionUnavailable('The sign-in service could not be loaded', { cause: error });
		});

	async function refresh(stored: StoredSession): Promise<string> {
		const gotrue = await loadAuth();
		const { data, error } = await gotrue.refreshSession({ refresh_token: stored.refresh_token });
		if (error || !data.session) {
			const reason = failure(error);
			if (reason instanceof SessionEnded) config.store.removeItem(STORAGE_KEY);
			throw reason;
		}
		return data.session.access_token;
	}

	/** Classifies an auth-js failure: the network (try later) or the session itself (gone). */
	const failure = (error: unknown): Error => {
		const status = (error as { status?: number } | null)?.status;
		const name = (error as { name?: string } | null)?.name ?? '';
		if (name === 'AuthRetryableFetchError' || status === undefined || status === 0 || status >= 500 || status === 429) {
			return new SessionUnavailable((error as Error)?.message ?? 'offline', { cause: error });
		}
		return new SessionEnded((error as Error).message, { cause: error });
	};

	return {
		/** The signed-in person's id, if this browser has a session. */
		userId(): string | undefined {
			return readStoredSession(config.store)?.user.id;
		},

		/** A valid access token, refreshed if it is about to expire; undefined when nobody is signed in. */
		async accessToken(): Promise<string | undefined> {
			const stored = readStoredSession(config.store);
			if (!stored) return undefined;
			const usable = fresh(stored);
			if (usable) return usable.access_token;
			refreshing ??= refresh(stored).finally(() => {
				refreshing = undefined;
			});
			return refreshing;
		},

		/** A session, signing in anonymously if this browser has none. Resolves to the access token. */
		async signIn(): Promise<string> {
			const token = await this.accessToken().catch((error: unknown) => {
				if (error instanceof SessionEnded) return undefined;
				throw error;
			});
			if (token) return token;
			signingIn ??= signInAnonymously().finally(() => {
				signingIn = undefined;
			});
			return signingIn;
		},
	};
}

export type Session = ReturnType<typeof createSession>;
