import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configProblem, createFeedbackApi } from '../../src/lib/data-api/client.ts';
import { checkInSchema, fieldErrors, reflectionSchema } from '../../src/lib/feedback/schema.ts';
import { classify, createSender } from '../../src/lib/feedback/sender.ts';
import { codeFrom, joinLink } from '../../src/lib/identity/membership.ts';
import { chooseTeam, readTeams, rememberTeams } from '../../src/lib/identity/teams.ts';

const checkIn = (overrides: Record<string, unknown> = {}) => ({
	id: randomUUID(),
	workflow: 'nda-first-pass-review',
	task: 'contract-review',
	team: 'legal',
	confidence: 4,
	outcome: 'helped',
	error_caught: 'none',
	error_kind: null,
	minutes_saved: null,
	...overrides,
});

describe('the browser-side schemas', () => {
	it('accept a valid check-in and reflection', () => {
		expect(checkInSchema.safeParse(checkIn({ minutes_saved: 15 })).success).toBe(true);
		expect(
			reflectionSchema.safeParse({
				id: randomUUID(),
				workflow: 'a',
				task: 'b',
				team: 'c',
				worked: 'x',
				did_not_work: null,
				try_next: null,
				visibility: 'team',
			}).success,
		).toBe(true);
	});

	it.each([
		[{ confidence: 0 }, 'confidence'],
		[{ confidence: 2.5 }, 'confidence'],
		[{ outcome: 'great' }, 'outcome'],
		[{ minutes_saved: -3 }, 'minutes_saved'],
		[{ minutes_saved: 500 }, 'minutes_saved'],
		[{ error_kind: 'tone' }, 'error_kind'],
		[{ team: 'Legal Team' }, 'team'],
	])('reject %o next to the field %s', (change, field) => {
		const result = checkInSchema.safeParse(checkIn(change));
		expect(result.success).toBe(false);
		expect(Object.keys(fieldErrors(result.error!))).toContain(field);
	});

	it('need at least one reflection field and at most 1000 characters each', () => {
		const base = {
			id: randomUUID(),
			workflow: 'a',
			task: 'b',
			team: 'c',
			participant: randomUUID(),
			visibility: 'team',
		};
		const empty = reflectionSchema.safeParse({ ...base, worked: ' ', did_not_work: null, try_next: '' });
		expect(fieldErrors(empty.error!)).toEqual({ worked: 'Write at least one of the three' });
		const long = reflectionSchema.safeParse({ ...base, worked: null, did_not_work: 'x'.repeat(1001), try_next: null });
		expect(fieldErrors(long.error!).did_not_work).toMatch(/1000/);
	});
});

describe('answers from the API, as the outbox sees them', () => {
	it.each([
		[201, null, 'delivered'],
		[409, { code: '23505', message: 'duplicate key value violates unique constraint "check_ins_pkey"' }, 'delivered'],
		[0, { message: 'TypeError: fetch failed' }, 'retry'],
		[503, { message: 'unavailable' }, 'retry'],
		[429, { message: 'slow down' }, 'retry'],
		[
			400,
			{
				code: '23514',
				message: 'new row for relation "check_ins" violates check constraint "check_ins_confidence_range"',
			},
			'rejected',
		],
		[401, { code: '42501', message: 'permission denied' }, 'rejected'],
	])('HTTP %i is %s', (status, error, outcome) => {
		expect(classify(status, error).outcome).toBe(outcome);
	});

	it('names the field a constraint guards', () => {
		expect(classify(400, { message: 'violates check constraint "check_ins_confidence_range"' })).toMatchObject({
			field: 'confidence',
		});
		expect(classify(400, { message: 'violates check constraint "reflections_not_empty"' })).toMatchObject({
			field: 'worked',
		});
		expect(classify(400, { message: 'violates check constraint "check_ins_error_kind_needs_catch"' })).toMatchObject({
			field: 'error_kind',
		});
	});

	it('retries when the network fails (fetch rejects)', async () => {
		const original = globalThis.fetch;
		globalThis.fetch = async () => {
			throw new TypeError('fetch failed');
		};
		try {
			const send = createSender(createFeedbackApi({ url: 'http://127.0.0.1:9', anonKey: 'a.b.c' }));
			const result = await send({
				id: 'x',
				kind: 'check_in',
				payload: checkInSchema.parse(checkIn()),
				createdAt: 0,
				attempts: 0,
				nextAttemptAt: 0,
			});
			expect(result.outcome).toBe('retry');
		} finally {
			globalThis.fetch = original;
		}
	});
});

describe('configuration and identity', () => {
	it('explains a missing or wrong configuration', () => {
		expect(configProblem({ url: 'http://127.0.0.1:54321', anonKey: 'a.b.c' })).toBeUndefined();
		expect(configProblem({ url: 'https://x.supabase.co', anonKey: 'sb_publishable_abc' })).toBeUndefined();
		expect(configProblem({ url: '', anonKey: 'a.b.c' })).toMatch(/PUBLIC_SUPABASE_URL/);
		expect(configProblem({ url: 'ftp://x', anonKey: 'a.b.c' })).toMatch(/http/);
		expect(configProblem({ url: 'http://x', anonKey: '' })).toMatch(/PUBLIC_SUPABASE_ANON_KEY/);
	});

	it('keeps the teams joined and the chosen one, which must be one of them', () => {
		const data = new Map<string, string>();
		const store = {
			getItem: (k: string) => data.get(k) ?? null,
			setItem: (k: string, v: string) => void data.set(k, v),
		};
		expect(readTeams(store)).toEqual({ joined: [], team: undefined });
		expect(chooseTeam(store, 'legal')).toEqual({ joined: [], team: undefined });
		expect(rememberTeams(store, ['sales', 'legal'])).toEqual({ joined: ['legal', 'sales'], team: 'legal' });
		expect(chooseTeam(store, 'sales').team).toBe('sales');
		expect(chooseTeam(store, 'finance').team).toBe('sales');
		expect(rememberTeams(store, ['legal']).team).toBe('legal');
		data.set('praxis.teams', 'not json');
		expect(readTeams(store)).toEqual({ joined: [], team: undefined });
	});

	it('finds the code in a join link, its fragment or on its own, and nothing else', () => {
		const code = 'ab'.repeat(32);
		const link = joinLink('https://org.github.io/playbook/', code);
		expect(link).toBe(`https://org.github.io/playbook/join/#code=${code}`);
		expect(codeFrom(link)).toBe(code);
		expect(codeFrom(`  #code=${code.toUpperCase()} `)).toBe(code);
		expect(codeFrom(code)).toBe(code);
		for (const bad of ['', 'https://x/join/', `#code=${code.slice(1)}`, `${code}0`, 'javascript:alert(1)']) {
			expect(codeFrom(bad)).toBeUndefined();
		}
	});
});
