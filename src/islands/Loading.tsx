import { useHydrated } from './use-hydrated.ts';

/** "Loading…" once the page's JavaScript runs; an empty line of the same height before. */
export function Loading({ text = 'Loading…' }: { text?: string }) {
	const hydrated = useHydrated();
	return <p className="muted loading">{hydrated ? text : ''}</p>;
}
