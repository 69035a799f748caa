import { describe, expect, it } from 'vitest';
import { type KeyValueStore, Outbox, type OutboxItem, type SendResult } from '../../src/lib/feedback/outbox.ts';
import type { CheckIn, Reflection } from '../../src/lib/feedback/schema.ts';

class MemoryStore implements KeyValueStore {
	data = new Map<string, string>();
	getItem(key: string) {
		return this.data.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.data.set(key, value);
	}
}

/** A manual clock and timer queue, so backoff can be stepped through without waiting. */
function harness(
	answers: (item: OutboxItem, attempt: number) => SendResult | Promise<SendResult>,
	store = new MemoryStore(),
) {
	let now = 1_000_000;
	const timers: { at: number; run: () => void }[] = [];
	const sent: string[] = [];
	const attemptsById = new Map<string, number>();
	const outbox = new Outbox({
		store,
		now: () => now,
		random: () => 0.5,
		schedule: (run, ms) => {
			const timer = { at: now + ms, run };
			timers.push(timer);
			return timer;
		},
		cancel: (timer) => timers.splice(timers.indexOf(timer as (typeof timers)[number]), 1),
		send: async (item) => {
			const attempt = (attemptsById.get(item.id) ?? 0) + 1;
			attemptsById.set(item.id, attempt);
			sent.push(item.id);
			return answers(item, attempt);
		},
	});
	const advance = async (ms: number) => {
		now += ms;
		for (const timer of timers.filter((t) => t.at <= now)) {
			timers.splice(timers.indexOf(timer), 1);
			timer.run();
		}
		await outbox.flush();
	};
	return { outbox, store, sent, timers, advance, at: () => now };
}

const payload = (id: string): CheckIn => ({
	id,
	workflow: 'w',
	task: 't',
	team: 'x',
	confidence: 3,
	outcome: 'helped',
	error_caught: 'none',
	error_kind: null,
	minutes_saved: null,
});
const reflectionPayload = (id: string): Reflection => ({
	id,
	workflow: 'w',
	task: 't',
	team: 'x',
	worked: 'a note',
	did_not_work: null,
	try_next: null,
	visibility: 'team',
});

describe('the outbox', () => {
	it('saves before sending and empties once delivered', async () => {
		const h = harness(() => ({ outcome: 'delivered' }));
		const states: number[] = [];
		h.outbox.subscribe((state) => states.push(state.pending));
		h.outbox.add('check_in', payload('a'));
		expect(states[0]).toBe(1);
		await h.outbox.flush();
		expect(h.sent).toEqual(['a']);
		expect(h.outbox.state().pending).toBe(0);
	});

	it('sends in the order items were made, and a waiting head holds back the rest', async () => {
		let online = false;
		const h = harness(() => (online ? { outcome: 'delivered' } : { outcome: 'retry', message: 'offline' }));
		h.outbox.add('check_in', payload('first'));
		h.outbox.add('reflection', reflectionPayload('second'));
		h.outbox.add('check_in', payload('third'));
		await h.outbox.flush();
		expect(h.sent).toEqual(['first']);
		expect(h.outbox.state().pendingByKind).toEqual({ check_in: 2, reflection: 1 });
		expect(h.outbox.state()).toMatchObject({ pending: 3, lastError: 'offline' });
		online = true;
		await h.advance(1000);
		expect(h.sent).toEqual(['first', 'first', 'second', 'third']);
		expect(h.outbox.state().pending).toBe(0);
	});

	it('backs off exponentially up to the cap', async () => {
		const h = harness(() => ({ outcome: 'retry', message: 'HTTP 503' }));
		h.outbox.add('check_in', payload('a'));
		await h.outbox.flush();
		const delays: number[] = [];
		for (let i = 0; i < 7; i++) {
			const next = h.outbox.items()[0]!.nextAttemptAt - h.at();
			delays.push(next);
			await h.advance(next - 1);
			expect(h.sent).toHaveLength(i + 1);
			await h.advance(1);
		}
		expect(delays).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000]);
	});

	it('keeps a rejected item with its message, does not retry it, and lets the rest through', async () => {
		const h = harness((item) =>
			item.id === 'bad'
				? { outcome: 'rejected', message: 'violates check constraint', field: 'confidence' }
				: { outcome: 'delivered' },
		);
		h.outbox.add('check_in', payload('bad'));
		h.outbox.add('check_in', payload('good'));
		await h.outbox.flush();
		await h.advance(60_000);
		expect(h.sent).toEqual(['bad', 'good']);
		expect(h.outbox.state().pending).toBe(0);
		expect(h.outbox.state().rejected).toMatchObject([{ id: 'bad', rejected: { field: 'confidence' } }]);
		h.outbox.dismiss('bad');
		expect(h.outbox.items()).toEqual([]);
	});

	it('recovers after a reload: a new outbox on the same storage sends what was left', async () => {
		const store = new MemoryStore();
		const before = harness(() => ({ outcome: 'retry', message: 'offline' }), store);
		before.outbox.add('check_in', payload('a'));
		before.outbox.add('check_in', payload('b'));
		await before.outbox.flush();

		const after = harness(() => ({ outcome: 'delivered' }), store);
		expect(after.outbox.state().pending).toBe(2);
		await after.outbox.flush(true);
		expect(after.sent).toEqual(['a', 'b']);
		expect(store.getItem('praxis.outbox')).toBe('[]');
	});

	it('is idempotent: the same id is stored once, and a send that throws is retried, not lost', async () => {
		const h = harness((_item, attempt) => {
			if (attempt === 1) throw new TypeError('Failed to fetch');
			return { outcome: 'delivered' };
		});
		h.outbox.add('check_in', payload('a'));
		h.outbox.add('check_in', payload('a'));
		expect(h.outbox.items()).toHaveLength(1);
		await h.outbox.flush();
		expect(h.outbox.state()).toMatchObject({ pending: 1, lastError: 'Failed to fetch' });
		await h.advance(1000);
		expect(h.sent).toEqual(['a', 'a']);
		expect(h.outbox.state().pending).toBe(0);
	});

	it('treats unreadable storage as empty instead of breaking the page', () => {
		const store = new MemoryStore();
		store.setItem('praxis.outbox', '{not json');
		expect(harness(() => ({ outcome: 'delivered' }), store).outbox.items()).toEqual([]);
	});
});

describe('recovery after a long outage', () => {
	it('asks again at most about every eight seconds, so a check-in lands within ten of the return', async () => {
		let down = true;
		const h = harness(() =>
			down ? { outcome: 'retry', message: 'offline or unreachable' } : { outcome: 'delivered' },
		);
		h.outbox.add('check_in', payload('long'));
		await h.outbox.flush();
		// Five minutes down: the gaps between attempts grow, and stop growing below ten seconds.
		const attemptsAt: number[] = [];
		for (let t = 0; t < 300_000; t += 100) {
			const before = h.sent.length;
			await h.advance(100);
			if (h.sent.length > before) attemptsAt.push(h.at());
		}
		const gaps = attemptsAt.slice(1).map((at, i) => at - attemptsAt[i]!);
		expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000);
		expect(gaps.slice(-5).every((gap) => gap >= 6_000)).toBe(true);
		down = false;
		const back = h.at();
		while (h.outbox.state().pending > 0) await h.advance(100);
		expect(h.at() - back).toBeLessThanOrEqual(10_000);
	});
});
