/**
 * One API client, one outbox and one identity per page, shared by every feedback island, created
 * on first use in the browser.
 */
import { useEffect, useState } from 'react';
import { createFeedbackApi, type FeedbackApi, type FeedbackConfig } from '../lib/data-api/client.ts';
import { chooseTeam, type Identity, readIdentity, TEAM_EVENT } from '../lib/feedback/identity.ts';
import { Outbox, type OutboxState } from '../lib/feedback/outbox.ts';
import { createSender } from '../lib/feedback/sender.ts';

let runtime: { api: FeedbackApi; outbox: Outbox } | undefined;

export function feedbackRuntime(config: FeedbackConfig) {
	if (!runtime) {
		const api = createFeedbackApi(config);
		const outbox = new Outbox({ store: window.localStorage, send: createSender(api) });
		// A page load and the network coming back are natural moments to retry.
		window.addEventListener('online', () => void outbox.flush(true));
		window.addEventListener('storage', (event) => {
			if (event.key === 'praxis.outbox') void outbox.flush();
		});
		void outbox.flush(true);
		runtime = { api, outbox };
	}
	return runtime;
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

/** The person's team and participant id; undefined until read in the browser, null when not chosen. */
export function useIdentity(): [Identity | null | undefined, (team: string) => void] {
	const [identity, setIdentity] = useState<Identity | null | undefined>(undefined);
	useEffect(() => {
		const read = () => setIdentity(readIdentity(window.localStorage) ?? null);
		read();
		window.addEventListener(TEAM_EVENT, read);
		return () => window.removeEventListener(TEAM_EVENT, read);
	}, []);
	const choose = (team: string) => {
		setIdentity(chooseTeam(window.localStorage, team));
		window.dispatchEvent(new CustomEvent(TEAM_EVENT));
	};
	return [identity, choose];
}
