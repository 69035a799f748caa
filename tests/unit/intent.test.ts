import { describe, expect, it } from 'vitest';
import { createIntent } from '../../src/lib/feedback/intent.ts';

describe('one intent, one row id', () => {
	it('keeps the id through repeated submits, and makes a new one after a change or a settled pause', () => {
		let now = 0;
		let n = 0;
		const intent = createIntent(
			3000,
			() => now,
			() => `id-${++n}`,
		);
		const first = intent.idForSubmit();
		now += 50;
		expect(intent.idForSubmit()).toBe(first); // double-click
		now += 50;
		expect(intent.idForSubmit()).toBe(first); // key repeat
		now += 3001;
		const second = intent.idForSubmit();
		expect(second).not.toBe(first); // another use, later
		intent.changed();
		expect(intent.idForSubmit()).not.toBe(second); // the form changed: a new intent
	});
});
