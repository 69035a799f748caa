/**
 * The search page's behaviour, over Pagefind's JavaScript API rather than its ready-made UI: the
 * page carries its own filter lists and markup, so a first search loads Pagefind's library,
 * WebAssembly, metadata, the index chunks of the words typed and the results shown, and nothing else.
 */
import {
	isSearchable,
	MIN_TERM_LENGTH,
	pagefindFilters,
	readSearchState,
	resultSummary,
	SEARCH_FILTERS,
	type SearchState,
	typedTerm,
	withSearchState,
	wordsToPreload,
} from '../lib/search/search-state.ts';

/** The part of Pagefind's browser API used here (its package types cover only the Node API). */
interface Pagefind {
	options(options: Record<string, unknown>): Promise<void>;
	init(): Promise<void>;
	/** Loads the index chunks `term` needs, without searching. */
	preload(term: string): Promise<void>;
	search(term: string | null, options: { filters: Record<string, { any: string[] }> }): Promise<PagefindSearch>;
	filters(): Promise<FilterCounts>;
}
type FilterCounts = Record<string, Record<string, number>>;
interface PagefindSearch {
	results: { id: string; data(): Promise<ResultData> }[];
	filters: FilterCounts;
}
interface ResultData {
	url: string;
	excerpt: string;
	meta: { title?: string };
	sub_results: { title: string; url: string; excerpt: string }[];
}

/**
 * Typing faster than this is one search: the results (a fragment fetched per result shown) come only
 * where the typing paused, and the index chunks of a word load once it is finished or long enough
 * (wordsToPreload). Pagefind's own debouncedSearch loads chunks at every keystroke, several times the
 * chunks a quickly typed query needs (BENCHMARKS.md).
 */
const PAUSE_MS = 50;
/** Results shown at once; each needs its own fragment fetched, so a phone pays only for what it shows. */
const PAGE_SIZE = 5;
/** Sections of a workflow ("Steps", "Check the output") shown under it. */
const SUB_RESULTS = 3;

/** The search page's root element, given a loader of Pagefind's library by SearchPanel.astro. */
export type SearchRoot = HTMLElement & { importPagefind(): Promise<unknown> };

export function startSearch(root: SearchRoot): void {
	const input = root.querySelector<HTMLInputElement>('#search-input')!;
	const form = root.querySelector<HTMLFormElement>('[data-search-form]')!;
	const status = root.querySelector<HTMLElement>('[data-search-status]')!;
	const list = root.querySelector<HTMLOListElement>('[data-search-results]')!;
	const more = root.querySelector<HTMLButtonElement>('[data-search-more]')!;
	const boxes = [...root.querySelectorAll<HTMLInputElement>('input[data-filter]')];

	let library: Promise<Pagefind> | undefined;
	/** Set once a reader opens a filter: from then on its counts follow the words typed. */
	let liveCounts = false;
	/** Bumped by every search, so an answer that arrives after a newer search started is dropped. */
	let generation = 0;
	let results: PagefindSearch['results'] = [];
	let shown = 0;

	const load = (): Promise<Pagefind> => {
		library ??= (async () => {
			const pagefind = (await root.importPagefind()) as Pagefind;
			// No worker: it is another file to fetch, and a search of a few thousand pages takes milliseconds.
			await pagefind.options({
				baseUrl: root.dataset.base,
				excerptLength: 24,
				highlightParam: 'highlight',
				noWorker: true,
				// The tag of the entry the page preloaded (scripts/search-index.ts), so it is used, not fetched again.
				...(root.dataset.metaCacheTag ? { metaCacheTag: root.dataset.metaCacheTag } : {}),
			});
			await pagefind.init();
			return pagefind;
		})().catch((error: unknown) => {
			library = undefined; // the next keystroke tries again
			throw error;
		});
		return library;
	};

	const state = (): SearchState => {
		const filters: SearchState['filters'] = {};
		for (const name of SEARCH_FILTERS) {
			const ticked = boxes.filter((box) => box.dataset.filter === name && box.checked).map((box) => box.value);
			if (ticked.length) filters[name] = ticked;
		}
		return { term: input.value.trim(), filters };
	};

	const search = async () => {
		const current = state();
		history.replaceState(history.state, '', withSearchState(new URL(location.href), current));
		const mine = ++generation;
		if (!isSearchable(current)) {
			results = [];
			list.replaceChildren();
			more.hidden = true;
			status.textContent = current.term ? `Type at least ${MIN_TERM_LENGTH} letters to search.` : '';
			if (liveCounts) showCounts(undefined);
			return;
		}
		try {
			const pagefind = await load();
			const ahead = wordsToPreload(input.value);
			if (ahead) void pagefind.preload(ahead).catch(() => undefined); // the search below reports failures
			await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
			if (mine !== generation) return; // typing went on
			if (liveCounts) await pagefind.filters();
			const found = await pagefind.search(typedTerm(current.term) || null, { filters: pagefindFilters(current) });
			if (mine !== generation) return;
			results = found.results;
			shown = 0;
			list.replaceChildren();
			await showMore(mine);
			if (mine !== generation) return;
			status.textContent = resultSummary(current, results.length);
			if (liveCounts) showCounts(found.filters);
		} catch (error) {
			if (mine !== generation) return;
			const reason = error instanceof Error ? error.message : String(error);
			status.textContent = `Search could not load (${reason}). Check the connection, then type again.`;
		}
	};

	const showMore = async (mine: number) => {
		const next = results.slice(shown, shown + PAGE_SIZE);
		const data = await Promise.all(next.map((result) => result.data()));
		if (mine !== generation) return;
		list.append(...data.map(renderResult));
		shown += next.length;
		more.hidden = shown >= results.length;
	};

	const showCounts = (counts: FilterCounts | undefined) => {
		for (const box of boxes) {
			const count = box.parentElement!.querySelector<HTMLElement>('.count')!;
			const n = counts ? (counts[box.dataset.filter!]?.[box.value] ?? 0) : Number(count.dataset.total);
			count.textContent = `(${n})`;
		}
	};

	input.addEventListener('input', () => void search());
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		void search();
	});
	for (const box of boxes) box.addEventListener('change', () => void search());
	more.addEventListener('click', () => {
		const first = shown;
		void showMore(generation).then(() => list.children[first]?.querySelector<HTMLElement>('a')?.focus());
	});
	for (const group of root.querySelectorAll('details')) {
		group.addEventListener('toggle', () => {
			if (!group.open || liveCounts) return;
			liveCounts = true;
			void search();
		});
	}

	const initial = readSearchState(new URLSearchParams(location.search));
	input.value = initial.term;
	for (const box of boxes) {
		box.checked = initial.filters[box.dataset.filter as keyof SearchState['filters']]?.includes(box.value) ?? false;
		if (box.checked) box.closest('details')!.open = true;
	}
	// Loading starts now, while the reader reads the page, so the first keystroke finds Pagefind ready.
	void load().catch(() => undefined);
	// A term too short to search (the header's form sends what was typed) gets its status too.
	if (initial.term || isSearchable(initial)) void search();
	if (!isSearchable(initial)) input.focus();
}

function renderResult(data: ResultData): HTMLLIElement {
	const item = document.createElement('li');
	item.className = 'search-result';
	const title = document.createElement('p');
	title.className = 'search-result-title';
	title.append(link(data.meta.title ?? data.url, data.url, 'search-result-link'));
	item.append(title, paragraph(data.excerpt, 'search-result-excerpt'));
	const sections = data.sub_results.filter((sub) => sub.url !== data.url).slice(0, SUB_RESULTS);
	if (sections.length) {
		const nested = document.createElement('ul');
		nested.className = 'search-subresults';
		for (const section of sections) {
			const entry = document.createElement('li');
			entry.append(link(section.title, section.url, 'search-subresult-link'), paragraph(section.excerpt));
			nested.append(entry);
		}
		item.append(nested);
	}
	return item;
}

function link(text: string, url: string, className: string): HTMLAnchorElement {
	const anchor = document.createElement('a');
	anchor.href = url;
	anchor.className = className;
	anchor.textContent = text;
	return anchor;
}

/**
 * An excerpt as text with Pagefind's <mark>s kept and nothing else: it is parsed in an inert
 * template, so whatever markup a page's text held never runs or loads here.
 */
function paragraph(excerpt: string, className?: string): HTMLParagraphElement {
	const template = document.createElement('template');
	template.innerHTML = excerpt;
	const p = document.createElement('p');
	if (className) p.className = className;
	for (const node of template.content.childNodes) {
		if (node.nodeName === 'MARK') {
			const mark = document.createElement('mark');
			mark.textContent = node.textContent;
			p.append(mark);
		} else {
			p.append(node.textContent ?? '');
		}
	}
	return p;
}
