/**
 * What a search on the search page is: the words typed and the filter values ticked. It lives in the
 * address bar (`?q=policy&team=Legal`), so a search can be shared, reloaded or reached from the
 * header's search box, and it is turned into the filters Pagefind's JavaScript API takes.
 */

/** The `data-pagefind-filter` names a workflow page carries, in the order the page shows them. */
export const SEARCH_FILTERS = ['task', 'team', 'tool', 'difficulty'] as const;
export type SearchFilter = (typeof SEARCH_FILTERS)[number];

export interface SearchState {
	term: string;
	/** Ticked values per filter; a filter with none ticked is absent. */
	filters: Partial<Record<SearchFilter, string[]>>;
}

/**
 * Fewer letters than this match too many words to be useful, and asking Pagefind for a one-letter
 * prefix loads every index chunk of that letter: bytes a phone pays for nothing.
 */
export const MIN_TERM_LENGTH = 2;

export function readSearchState(params: URLSearchParams): SearchState {
	const filters: SearchState['filters'] = {};
	for (const name of SEARCH_FILTERS) {
		const values = [...new Set(params.getAll(name).filter((value) => value.trim() !== ''))];
		if (values.length > 0) filters[name] = values;
	}
	return { term: (params.get('q') ?? '').trim(), filters };
}

/** The same URL with its search part set to `state`; other parameters are kept. */
export function withSearchState(url: URL, state: SearchState): URL {
	const next = new URL(url);
	next.searchParams.delete('q');
	for (const name of SEARCH_FILTERS) next.searchParams.delete(name);
	if (state.term) next.searchParams.set('q', state.term);
	for (const name of SEARCH_FILTERS)
		for (const value of state.filters[name] ?? []) next.searchParams.append(name, value);
	return next;
}

export function hasFilters(state: SearchState): boolean {
	return SEARCH_FILTERS.some((name) => (state.filters[name]?.length ?? 0) > 0);
}

/**
 * The words to ask Pagefind for while the reader types: a last word of one letter is still being
 * typed ("escalated t"), and as a prefix it would load every index chunk of that letter.
 */
export function typedTerm(term: string): string {
	const words = term.trim().split(/\s+/).filter(Boolean);
	if (words.length > 1 && words.at(-1)!.length < MIN_TERM_LENGTH) words.pop();
	return words.join(' ');
}

/**
 * A word still being typed is loaded ahead from this many letters on. A short prefix ("co") sorts
 * far from the word it becomes ("competitor") and needs index chunks of its own,
 * that the search never uses; from six letters a prefix almost always lies in the word's own chunk.
 */
export const PRELOAD_FROM = 6;

/**
 * The words of the search box whose index chunks can load while the reader goes on typing: every
 * finished word (followed by a space), and the word being typed once it has PRELOAD_FROM letters.
 * Words of one or two letters are left to the search itself: loaded ahead, the last of them is read
 * as a prefix ("a" of "a "), and loads every chunk of words that start with it.
 */
export function wordsToPreload(typed: string): string {
	const words = typed.trimStart().split(/\s+/);
	const last = words.pop()!; // the word being typed, or '' after a space
	if (last.length >= PRELOAD_FROM) words.push(last);
	return words.filter((word) => word.length > 2).join(' ');
}

/** Whether the state asks for results at all: enough letters, or filters alone ("every Legal workflow"). */
export function isSearchable(state: SearchState): boolean {
	return typedTerm(state.term).length >= MIN_TERM_LENGTH || (state.term === '' && hasFilters(state));
}

/**
 * Pagefind's filter argument: a workflow matches a filter when it has any of the ticked values
 * (Legal or Support), and must match every filter that has ticks (Legal and beginner).
 */
export function pagefindFilters(state: SearchState): Record<string, { any: string[] }> {
	const filters: Record<string, { any: string[] }> = {};
	for (const name of SEARCH_FILTERS) {
		const values = state.filters[name];
		if (values?.length) filters[name] = { any: values };
	}
	return filters;
}

/** The sentence the results region announces. */
export function resultSummary(state: SearchState, count: number): string {
	const what = count === 1 ? '1 workflow' : `${count.toLocaleString('en')} workflows`;
	const words = state.term ? ` for “${state.term}”` : '';
	const narrowed = hasFilters(state) ? ' with the filters ticked' : '';
	if (count === 0)
		return `No workflows${words}${narrowed}. Try fewer or different words${narrowed ? ', or clear a filter' : ''}.`;
	return `${what}${words}${narrowed}.`;
}
