import { describe, expect, it } from 'vitest';
import { statusForSqlState } from '../../endpoint/errors.ts';

describe("SQLSTATE to HTTP status, as PostgREST's table has it", () => {
	it.each([
		['21000', 400], // cardinality violation: the request's fault
		['22P02', 400],
		['23514', 400],
		['23505', 409],
		['23503', 409],
		['25006', 405],
		['42883', 404],
		['42P01', 404],
		['42P17', 500],
		['P0001', 400],
		['P0004', 500],
		['08006', 503],
		['53300', 503],
		['53400', 500],
		['40001', 500],
		['57014', 500],
		['28000', 403],
		['XX000', 500],
		['54000', 400], // program limits: caused by the request (PostgREST: 500)
	] as const)('%s → %i', (code, status) => {
		expect(statusForSqlState(code, 'authenticated')).toBe(status);
	});

	it('answers a privilege error 401 without a session and 403 with one', () => {
		expect(statusForSqlState('42501', 'anon')).toBe(401);
		expect(statusForSqlState('42501', 'authenticated')).toBe(403);
	});
});
