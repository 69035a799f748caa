/**
 * One session, one API client and one outbox per page, shared by every feedback island and created
 * on first use in the browser; and the person's teams, kept in step across islands and tabs.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { configProblem, createFeedbackApi, type FeedbackApi, type FeedbackConfig } from '../lib/data-api/client.ts';
import { Outbox, type OutboxState } from '../lib/feedback/outbox.ts';
import { createSender } from '../lib/feedback/sender.ts';
import { joinTeam, myTeams } from '../lib/identity/membership.ts';
import { createSession, type Session, STORAGE_KEY } from '../lib/identity/session.ts';
import { chooseTeam, readTeams, rememberTeams, TEAM_EVENT, TEAMS_KEY, type Teams } from '../lib/identity/teams.ts';
import { useHydrated } from './use-hydrated.ts';

export interface Runtime {
	session: Session;
	api: FeedbackApi;
	outbox: Outbox;
	/** Joins a team with a join link's code, signing in first if needed; resolves to the team. */
	join(code: string): Promise<string>;
	/** Reads the person's teams from the database and remembers them. */
	refreshTeams(): Promise<Teams>;
}

let runtime: Runtime | undefined;

const announce = () => window.dispatchEvent(new CustomEvent(TEAM_EVENT));

export function feedbackRuntime(config: FeedbackConfig): Runtime {
	if (!runtime) {
		const store = window.localStorage;
		const session = createSession({ ...config, store });
		const api = createFeedbackApi(config, () => session.accessToken());
		const outbox = new Outbox({ store, send: createSender(api, session) });
		// A page load and the network coming back are natural moments to retry.
		window.addEventListener('online', () => void outbox.flush(true));
		window.addEventListener('storage', (event) => {
			if (event.key === 'praxis.outbox') void outbox.flush();
			if (event.key === TEAMS_KEY || event.key === 'praxis.team' || event.key === STORAGE_KEY) announce();
		});
		void outbox.flush(true);
		let joining: Promise<string> | undefined;
		const refreshTeams = async () => {
			if (!session.userId()) return rememberTeams(store, []);
			const teams = rememberTeams(store, await myTeams(api), readTeams(store).team);
			announce();
			return teams;
		};
		runtime = {
			session,
			api,
			outbox,
			refreshTeams,
			join(code) {
				// A second call while one runs (a double-click) waits for it: one sign-in, one seat.
				joining ??= (async () => {
					await session.signIn();
					const { team } = await joinTeam(api, code);
					rememberTeams(store, [...readTeams(store).joined, team], team);
					announce();
					return team;
				})().finally(() => {
					joining = undefined;
				});
				return joining;
			},
		};
	}
	return runtime;
}

/**
 * The page's runtime for an island, or why there is none: `problem` when the site's configuration
 * cannot work; `runtime` undefined while rendering outside the browser.
 */
export function useFeedbackRuntime(supabaseUrl: string, anonKey: string) {
	const problem = configProblem({ url: supabaseUrl, anonKey });
	// Not while hydrating: the built HTML has no runtime, and the first render must match it.
	const hydrated = useHydrated();
	const runtime = useMemo(
		() => (problem || !hydrated ? undefined : feedbackRuntime({ url: supabaseUrl, anonKey })),
		[problem, hydrated, supabaseUrl, anonKey],
	);
	return { problem, runtime };
}

export function useOutboxState(outbox: Outbox | undefined): OutboxState {
	const [state, setState] = useState<OutboxState>({
		pending: 0,
		pendingByKind: { check_in: 0, reflection: 0 },
		rejected: [],
	});
	useEffect(() => {
		if (!outbox) return;
		setState(outbox.state());
		return outbox.subscribe(setState);
	}, [outbox]);
	return state;
}

/**
 * The person's teams: undefined until read in the browser. Read from this browser's cache first, then
 * checked against the database once per page (a membership may have ended, or begun in another tab).
 */
export function useTeams(runtime: Runtime | undefined): [Teams | undefined, (team: string) => void] {
	const [teams, setTeams] = useState<Teams | undefined>(undefined);
	useEffect(() => {
		if (!runtime) return;
		const read = () => setTeams(readTeams(window.localStorage));
		read();
		window.addEventListener(TEAM_EVENT, read);
		// Offline or unreachable: the cached list stands.
		runtime.refreshTeams().catch(() => undefined);
		return () => window.removeEventListener(TEAM_EVENT, read);
	}, [runtime]);
	const choose = useCallback((team: string) => {
		setTeams(chooseTeam(window.localStorage, team));
		announce();
	}, []);
	return [teams, choose];
}
