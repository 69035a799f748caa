/**
 * Live updates for a team's indicators: a Supabase Realtime Broadcast subscription to the team's
 * private channel `indicators:<team>`, which only its members may join (RLS on realtime.messages) and
 * on which only the database sends: each new check-in sends the task types it was for, nothing more.
 * The Realtime client is loaded on demand, so only pages that subscribe pay for it; callers keep
 * polling as the fallback.
 */
export type LiveStatus = 'connecting' | 'live' | 'unavailable';

export interface LiveOptions {
	url: string;
	anonKey: string;
	team: string;
	/** The signed-in person's access token: a private channel admits members by it. */
	accessToken: () => Promise<string | undefined>;
	onPing: () => void;
	onStatus: (status: LiveStatus) => void;
	/** Calls onPing at most once per this many milliseconds, however many pings arrive. */
	minGapMs?: number;
}

/**
 * `run` at most once per `gapMs`: the first call runs at once, calls within the gap are gathered into
 * one run at its end. A burst of pings (a whole team checking in at the end of a meeting) costs one
 * reload per gap, not one per check-in.
 */
export function atMostEvery(gapMs: number, run: () => void, clock: () => number = Date.now) {
	let last = Number.NEGATIVE_INFINITY;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const fire = () => {
		timer = undefined;
		last = clock();
		run();
	};
	return {
		call() {
			if (timer) return;
			const wait = last + gapMs - clock();
			if (wait <= 0) fire();
			else timer = setTimeout(fire, wait);
		},
		cancel() {
			if (timer) clearTimeout(timer);
			timer = undefined;
		},
	};
}

export function subscribeToTeam({
	url,
	anonKey,
	team,
	accessToken,
	onPing,
	onStatus,
	minGapMs = 3000,
}: LiveOptions): () => void {
	let stop = () => {};
	let stopped = false;
	const ping = atMostEvery(minGapMs, onPing);
	onStatus('connecting');
	void (async () => {
		const [{ RealtimeClient }, token] = await Promise.all([import('@supabase/realtime-js'), accessToken()]);
		if (stopped) return;
		if (!token) return onStatus('unavailable');
		const client = new RealtimeClient(`${url.replace(/^http/, 'ws').replace(/\/+$/, '')}/realtime/v1`, {
			params: { apikey: anonKey },
			// Asked again on each heartbeat, so a refreshed session keeps the channel.
			accessToken: async () => (await accessToken()) ?? null,
		});
		// Before the join, so the join carries the person's token and not only the public key.
		await client.setAuth(token);
		if (stopped) return void client.disconnect();
		const channel = client
			.channel(`indicators:${team}`, { config: { private: true } })
			.on('broadcast', { event: 'check_in' }, () => ping.call())
			.subscribe((status) =>
				onStatus(status === 'SUBSCRIBED' ? 'live' : status === 'CLOSED' ? 'connecting' : 'unavailable'),
			);
		stop = () => {
			void channel.unsubscribe();
			void client.disconnect();
		};
	})().catch(() => onStatus('unavailable'));
	return () => {
		stopped = true;
		ping.cancel();
		stop();
	};
}
