import { describe, expect, it } from 'vitest';
import { HOSTILE_CLASSES } from '../../harness/hostile-requests.ts';
import { badInputCase, faultCase, loadCase, privacyCase } from '../../harness/stress-cases.ts';

// Small versions of `npm run stress`: the same cases, sized to run in seconds.
describe('stress, small', () => {
	it('load: every acknowledged check-in is stored once', async () => {
		const result = await loadCase({ clients: 8, seconds: 2 });
		expect(result.acknowledged).toBeGreaterThan(20);
		expect(result).toMatchObject({ errors: 0, lost: 0, duplicates: 0, stored: result.acknowledged });
	});

	it('fault: a restart mid-run loses and doubles nothing sent through the outbox', async () => {
		const result = await faultCase({ clients: 4, seconds: 3, port: 54397 });
		expect(result.made).toBeGreaterThan(10);
		expect(result).toMatchObject({ lost: 0, duplicates: 0, pending: 0, rejected: 0, stored: result.made });
	});

	it('bad input: no 5xx, no invalid row, nothing readable or changed by anon', async () => {
		const result = await badInputCase({ requests: 240 });
		expect(Object.keys(result.byClass).sort()).toEqual([...HOSTILE_CLASSES].sort());
		expect(result).toMatchObject({ serverErrors: 0, invalidRows: 0, anonReadable: 0, anonChanged: 0 });
	});

	it('privacy: over HTTP, no attack on twin histories gets an answer that depends on a hidden group', async () => {
		const result = await privacyCase({ teams: 6 });
		expect(result.calls).toBeGreaterThan(150);
		expect(result.viewsWithFigures).toBeGreaterThan(0);
		expect(result.differing).toBe(0);
	});
});
