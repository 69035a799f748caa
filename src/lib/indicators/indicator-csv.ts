/** The CSV files the indicators page offers, one per table; hidden cells say "hidden", never 0. */
import { type CsvValue, toCsv } from './csv.ts';
import type { IndicatorView } from './series.ts';

export const HIDDEN = 'hidden';

const shown =
	<T extends { suppressed: boolean }>(read: (row: T) => CsvValue) =>
	(row: T) =>
		row.suppressed ? HIDDEN : read(row);

export const indicatorCsv = {
	tasks: (view: IndicatorView | undefined) =>
		toCsv(view?.tasks ?? [], [
			{ header: 'task type', value: (r) => r.title },
			{ header: 'check-ins', value: (r) => r.checkIns },
			{ header: 'people per week', value: (r) => r.peoplePerWeek },
			{ header: 'check-ins behind the measures', value: shown((r) => r.shownCheckIns) },
			{ header: 'mean confidence', value: shown((r) => r.meanConfidence) },
			{ header: 'confidence sd', value: shown((r) => r.confidenceSd) },
			{ header: 'confidence change vs 4 weeks earlier', value: shown((r) => r.confidenceChange) },
			{ header: 'error catch rate', value: shown((r) => r.catchRate) },
			{ header: 'caught before', value: shown((r) => r.caughtBefore) },
			{ header: 'caught after', value: shown((r) => r.caughtAfter) },
		]),
	weeks: (view: IndicatorView | undefined) =>
		toCsv(view?.weeks ?? [], [
			{ header: 'week starting', value: (w) => w.week },
			{ header: 'check-ins', value: (w) => w.checkIns },
			{ header: 'active people', value: (w) => w.people },
			{ header: 'mean confidence', value: (w) => (w.current ? 'open' : w.suppressed ? HIDDEN : w.meanConfidence) },
			{ header: 'error catch rate', value: (w) => (w.current ? 'open' : w.suppressed ? HIDDEN : w.catchRate) },
		]),
	workflows: (view: IndicatorView | undefined) =>
		toCsv(view?.workflows ?? [], [
			{ header: 'workflow', value: (w) => w.title },
			{ header: 'check-ins', value: (w) => w.checkIns },
			{ header: 'mean confidence', value: (w) => w.meanConfidence },
			{ header: 'helped rate', value: (w) => w.helpedRate },
			{ header: 'error catch rate', value: (w) => w.catchRate },
			{ header: 'caught after', value: (w) => w.caughtAfter },
		]),
};
