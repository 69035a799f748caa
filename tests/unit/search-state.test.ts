import { describe, expect, it } from 'vitest';
import {
	isSearchable,
	pagefindFilters,
	readSearchState,
	resultSummary,
	typedTerm,
	withSearchState,
	wordsToPreload,
} from '../../src/lib/search/search-state.ts';

describe('search state in the address bar', () => {
	it('reads words and ticked filters, ignoring blanks, repeats and unknown parameters', () => {
		const state = readSearchState(
			new URLSearchParams('q=+policy+&team=Legal&team=Support&team=Legal&tool=&difficulty=beginner&colour=red'),
		);
		expect(state).toEqual({ term: 'policy', filters: { team: ['Legal', 'Support'], difficulty: ['beginner'] } });
	});

	it("writes the state back, keeping parameters that are not the search's, and reads back the same", () => {
		const state = { term: 'sql query', filters: { task: ['Working with data'], team: ['Operations', 'Sales & Co'] } };
		const url = withSearchState(new URL('https://example.org/search/?q=old&team=Legal&utm=mail'), state);
		expect(url.searchParams.get('utm')).toBe('mail');
		expect(url.searchParams.getAll('team')).toEqual(['Operations', 'Sales & Co']);
		expect(readSearchState(url.searchParams)).toEqual(state);
		expect(withSearchState(url, { term: '', filters: {} }).search).toBe('?utm=mail');
	});
});

describe('what is asked of Pagefind', () => {
	it('drops a last one-letter word that is still being typed, but not a whole one-word query', () => {
		expect(typedTerm('escalated t')).toBe('escalated');
		expect(typedTerm('  escalated   ticket ')).toBe('escalated ticket');
		expect(typedTerm('e')).toBe('e');
	});

	it(
		'loads ahead the finished words, and the word being typed only once it is long enough to be near its own ' +
			'chunk',
		() => {
			expect(wordsToPreload('incident tim')).toBe('incident');
			expect(wordsToPreload('incident ')).toBe('incident');
			expect(wordsToPreload('incident timeli')).toBe('incident timeli');
			expect(wordsToPreload('  incident  timeline  ')).toBe('incident timeline');
			expect(wordsToPreload('compe')).toBe('');
			expect(wordsToPreload('a ')).toBe('');
			expect(wordsToPreload('a policy to ')).toBe('policy');
			expect(wordsToPreload('')).toBe('');
		},
	);

	it('searches from two letters, or on filters alone', () => {
		expect(isSearchable({ term: '', filters: {} })).toBe(false);
		expect(isSearchable({ term: 's', filters: {} })).toBe(false);
		expect(isSearchable({ term: 's', filters: { team: ['Legal'] } })).toBe(false);
		expect(isSearchable({ term: 'sq', filters: {} })).toBe(true);
		expect(isSearchable({ term: '', filters: { team: ['Legal'] } })).toBe(true);
	});

	it('matches any ticked value within a filter and every filter with ticks', () => {
		expect(
			pagefindFilters({ term: 'x', filters: { team: ['Legal', 'Sales'], difficulty: ['beginner'], tool: [] } }),
		).toEqual({ team: { any: ['Legal', 'Sales'] }, difficulty: { any: ['beginner'] } });
	});

	it('says how many workflows were found, and what to try when none were', () => {
		expect(resultSummary({ term: 'policy', filters: {} }, 1)).toBe('1 workflow for “policy”.');
		expect(resultSummary({ term: '', filters: { team: ['Legal'] } }, 1234)).toBe(
			'1,234 workflows with the filters ticked.',
		);
		expect(resultSummary({ term: 'zzz', filters: { team: ['Legal'] } }, 0)).toBe(
			'No workflows for “zzz” with the filters ticked. Try fewer or different words, or clear a filter.',
		);
		expect(resultSummary({ term: 'zzz', filters: {} }, 0)).toBe(
			'No workflows for “zzz”. Try fewer or different words.',
		);
	});
});
