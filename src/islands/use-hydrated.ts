import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * Whether the page's JavaScript runs: false in the built HTML and while hydrating, true after. What an
 * island shows only with JavaScript (a "Loading…", controls, anything read from this browser) waits for
 * it, so hydration finds the HTML it expects and a page read without JavaScript shows just its note.
 */
export const useHydrated = () =>
	useSyncExternalStore(
		never,
		() => true,
		() => false,
	);
