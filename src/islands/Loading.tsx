import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * Whether the page's JavaScript runs: false in the built HTML and while hydrating, true after. What an
 * island shows only with JavaScript (a "Loading…", controls) waits for it, so a page read without
 * JavaScript shows just its <noscript> note instead of something that never ends or does nothing.
 */
export const useHydrated = () =>
	useSyncExternalStore(
		never,
		() => true,
		() => false,
	);

/** "Loading…" once the page's JavaScript runs; an empty line of the same height before. */
export function Loading({ text = 'Loading…' }: { text?: string }) {
	const hydrated = useHydrated();
	return <p className="muted loading">{hydrated ? text : ''}</p>;
}
