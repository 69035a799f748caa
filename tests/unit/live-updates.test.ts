import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atMostEvery } from '../../src/lib/indicators/live-updates.ts';

describe('a page that receives pings', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('reloads at once, then at most once per gap however many pings arrive', () => {
		const run = vi.fn();
		const pings = atMostEvery(3000, run, () => Date.now());
		pings.call();
		expect(run).toHaveBeenCalledTimes(1);
		// A burst of 500 pings over 2.9 s: one more reload, at the end of the gap.
		for (let i = 0; i < 500; i++) {
			vi.advanceTimersByTime(5.8);
			pings.call();
		}
		expect(run).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(200);
		expect(run).toHaveBeenCalledTimes(2);
		// Quiet afterwards: nothing more; a later ping after the gap runs at once.
		vi.advanceTimersByTime(10_000);
		expect(run).toHaveBeenCalledTimes(2);
		pings.call();
		expect(run).toHaveBeenCalledTimes(3);
	});

	it('drops a gathered reload when the page stops listening', () => {
		const run = vi.fn();
		const pings = atMostEvery(3000, run, () => Date.now());
		pings.call();
		pings.call();
		pings.cancel();
		vi.advanceTimersByTime(5000);
		expect(run).toHaveBeenCalledTimes(1);
	});
});
