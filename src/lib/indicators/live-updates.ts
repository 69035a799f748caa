/**
 * Live updates for a team's indicators: a Supabase Realtime Broadcast subscription to the channel
 * `indicators:<team>`, on which each new check-in sends a data-free ping (hosted Supabase through the
 * migration's trigger, the embedded endpoint itself). The Realtime client is loaded on demand, so
 * only pages that subscribe pay for it; callers keep polling as the fallback.
 */
export type LiveStatus = 'connecting' | 'live' | 'unavailable';

export interface LiveOptions {
	url: string;
	anonKey: string;
	team: string;
	onPing: () => void;
	onStatus: (status: LiveStatus) => void;
}

export function subscribeToTeam({ url, anonKey, team, onPing, onStatus }: LiveOptions): () => void {
	let stop = () => {};
	let stopped = false;
	onStatus('connecting');
	void import('@supabase/realtime-js')
		.then(({ RealtimeClient }) => {
			if (stopped) return;
			const client = new RealtimeClient(`${url.replace(/^http/, 'ws').replace(/\/+$/, '')}/realtime/v1`, {
				params: { apikey: anonKey },
			});
			const channel = client
				.channel(`indicators:${team}`)
				.on('broadcast', { event: 'check_in' }, () => onPing())
				.subscribe((status) =>
					onStatus(status === 'SUBSCRIBED' ? 'live' : status === 'CLOSED' ? 'connecting' : 'unavailable'),
				);
			stop = () => {
				void channel.unsubscribe();
				void client.disconnect();
			};
		})
		.catch(() => onStatus('unavailable'));
	return () => {
		stopped = true;
		stop();
	};
}
