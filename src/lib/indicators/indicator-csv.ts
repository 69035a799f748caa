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
			{ header: 'check-ins', value: shown((r) => r.checkIns) },
			{ header: 'people', value: shown((r) => r.participants) },
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
			{ header: 'check-ins', value: shown((w) => w.checkIns) },
			{ header: 'active people', value: shown((w) => w.participants) },
		]),
	workflows: (view: IndicatorView | undefined) =>
		toCsv(view?.workflows ?? [], [
			{ header: 'workflow', value: (w) => w.title },
			{ header: 'check-ins', value: shown((w) => w.checkIns) },
		]),
};
