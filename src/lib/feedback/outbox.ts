/**
 * The outbox: every check-in and reflection is saved in the browser first, then sent. Items go out
 * in the order they were made; a network failure or a server error (5xx, 408, 429) keeps the item
 * and retries it with growing, jittered delays, also after a reload; a rejection (other 4xx) is
 * kept with its message for the person to see and is not retried. The item's id is made by the
 * client, so a retry of something the server already stored cannot store it twice.
 */

import type { CheckIn, Reflection } from './schema.ts';

/** What the outbox carries, by kind: rows as the schemas made them. */
export interface Carried {
	check_in: CheckIn;
	reflection: Reflection;
}
export type ItemKind = keyof Carried;

/** A kind and a row of that kind, as `add` takes them. */
type Entry = { [K in ItemKind]: [kind: K, payload: Carried[K]] }[ItemKind];

/** An item of one kind, with the row it carries. */
export type OutboxItem = { [K in ItemKind]: ItemOf<K> }[ItemKind];

export interface ItemOf<K extends ItemKind> {
	/** The row's own id (a UUID made in the browser). */
	id: string;
	kind: K;
	payload: Carried[K];
	createdAt: number;
	attempts: number;
	/** Not before this time (ms since epoch) will the item be sent again. */
	nextAttemptAt: number;
	/** Set when the server refused the item for good. */
	rejected?: { message: string; field?: string };
}

export type SendResult =
	| { outcome: 'delivered' }
	| { outcome: 'retry'; message: string }
	| { outcome: 'rejected'; message: string; field?: string };

export type Sender = (item: OutboxItem) => Promise<SendResult>;

export interface KeyValueStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

export interface OutboxState {
	pending: number;
	/** How many of the pending items are of each kind, for "2 check-ins waiting to send". */
	pendingByKind: Record<ItemKind, number>;
	rejected: OutboxItem[];
	/** Message of the last failed attempt while items wait, e.g. "offline". */
	lastError?: string;
}

export interface OutboxOptions {
	store: KeyValueStore;
	send: Sender;
	key?: string;
	now?: () => number;
	random?: () => number;
	schedule?: (run: () => void, ms: number) => unknown;
	cancel?: (handle: unknown) => void;
	/** First retry delay; it doubles with each attempt up to maxDelayMs. */
	baseDelayMs?: number;
	maxDelayMs?: number;
}

export class Outbox {
	readonly #store: KeyValueStore;
	readonly #send: Sender;
	readonly #key: string;
	readonly #now: () => number;
	readonly #random: () => number;
	readonly #schedule: (run: () => void, ms: number) => unknown;
	readonly #cancel: (handle: unknown) => void;
	readonly #base: number;
	readonly #max: number;
	readonly #listeners = new Set<(state: OutboxState) => void>();
	readonly #delivered = new Set<(item: OutboxItem) => void>();
	#timer: unknown;
	#flushing: Promise<void> | undefined;
	/** The id of the item being sent now, which withdraw leaves alone. */
	#sending: string | undefined;
	#lastError: string | undefined;

	constructor(options: OutboxOptions) {
		this.#store = options.store;
		this.#send = options.send;
		this.#key = options.key ?? 'praxis.outbox';
		this.#now = options.now ?? Date.now;
		this.#random = options.random ?? Math.random;
		this.#schedule = options.schedule ?? ((run, ms) => setTimeout(run, ms));
		this.#cancel = options.cancel ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
		this.#base = options.baseDelayMs ?? 1000;
		// Capped low so a check-in lands within about ten seconds of the service's return, while a browser
		// still asks at most every eight seconds or so while it is down.
		this.#max = options.maxDelayMs ?? 8000;
	}

	/** Everything stored, in order. Unreadable storage counts as empty rather than breaking the page. */
	items(): OutboxItem[] {
		try {
			const parsed: unknown = JSON.parse(this.#store.getItem(this.#key) ?? '[]');
			return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
		} catch {
			return [];
		}
	}

	#write(items: OutboxItem[]) {
		this.#store.setItem(this.#key, JSON.stringify(items));
		this.#emit();
	}

	#update(id: string, change: (item: OutboxItem) => OutboxItem | undefined) {
		const items = this.items().flatMap((item) =>
			item.id === id ? [change(item)].filter((i): i is OutboxItem => !!i) : [item],
		);
		this.#write(items);
	}

	state(): OutboxState {
		const items = this.items();
		const waiting = items.filter((item) => !item.rejected);
		return {
			pending: waiting.length,
			pendingByKind: {
				check_in: waiting.filter((item) => item.kind === 'check_in').length,
				reflection: waiting.filter((item) => item.kind === 'reflection').length,
			},
			rejected: items.filter((item) => item.rejected),
			lastError: this.#lastError,
		};
	}

	subscribe(listener: (state: OutboxState) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Called with each item once the server has it. */
	onDelivered(listener: (item: OutboxItem) => void): () => void {
		this.#delivered.add(listener);
		return () => this.#delivered.delete(listener);
	}

	#emit() {
		const state = this.state();
		for (const listener of this.#listeners) listener(state);
	}

	/** Saves the item (this is the point of no loss), then tries to send everything waiting. */
	add(...entry: Entry): OutboxItem {
		const common = { id: entry[1].id, createdAt: this.#now(), attempts: 0, nextAttemptAt: 0 };
		const item: OutboxItem =
			entry[0] === 'check_in'
				? { ...common, kind: entry[0], payload: entry[1] }
				: { ...common, kind: entry[0], payload: entry[1] };
		if (!this.items().some((existing) => existing.id === item.id)) this.#write([...this.items(), item]);
		void this.flush();
		return item;
	}

	/**
	 * Takes back an item that is still waiting: true when it was (it will never be sent), false when it is
	 * being sent right now or is no longer here (then it is the server's to delete).
	 */
	withdraw(id: string): boolean {
		if (this.#sending === id || !this.items().some((item) => item.id === id)) return false;
		this.#update(id, () => undefined);
		return true;
	}

	/** Whether an item is still waiting to be sent. */
	has(id: string): boolean {
		return this.items().some((item) => item.id === id && !item.rejected);
	}

	/** Drops a rejected item the person has seen. */
	dismiss(id: string) {
		this.#update(id, (item) => (item.rejected ? undefined : item));
	}

	/** Sends waiting items in order until one must wait; `force` ignores the retry delays. */
	flush(force = false): Promise<void> {
		this.#flushing ??= this.#drain(force).finally(() => {
			this.#flushing = undefined;
		});
		return this.#flushing;
	}

	async #drain(force: boolean) {
		if (this.#timer !== undefined) {
			this.#cancel(this.#timer);
			this.#timer = undefined;
		}
		for (;;) {
			const next = this.items().find((item) => !item.rejected);
			if (!next) {
				this.#lastError = undefined;
				this.#emit();
				return;
			}
			const wait = next.nextAttemptAt - this.#now();
			if (wait > 0 && !force) {
				this.#timer = this.#schedule(() => {
					this.#timer = undefined;
					void this.flush();
				}, wait);
				return;
			}
			let result: SendResult;
			try {
				this.#sending = next.id;
				result = await this.#send(next);
			} catch (error) {
				result = { outcome: 'retry', message: error instanceof Error ? error.message : String(error) };
			} finally {
				this.#sending = undefined;
			}
			if (result.outcome === 'delivered') {
				this.#update(next.id, () => undefined);
				for (const listener of this.#delivered) listener(next);
				continue;
			}
			if (result.outcome === 'rejected') {
				this.#update(next.id, (item) => ({
					...item,
					attempts: item.attempts + 1,
					rejected: { message: result.message, field: result.field },
				}));
				continue;
			}
			// Keep order: the head waits, and so does everything behind it.
			const attempts = next.attempts + 1;
			const delay = Math.min(this.#max, this.#base * 2 ** (attempts - 1)) * (0.8 + 0.4 * this.#random());
			this.#lastError = result.message;
			this.#update(next.id, (item) => ({ ...item, attempts, nextAttemptAt: this.#now() + delay }));
			force = false;
		}
	}
}
