import { describe, expect, it } from 'vitest';
import { inlineParams, sqlLiteral, valueLiteral } from '../../endpoint/sql-literals.ts';

describe('values written into SQL as literals', () => {
	it('doubles quotes and leaves backslashes, as standard_conforming_strings reads them', () => {
		expect(sqlLiteral("o'brien \\' --")).toBe("'o''brien \\'' --'");
	});

	it('refuses a NUL with the error PostgreSQL gives for one', () => {
		expect(() => sqlLiteral('a\u0000b')).toThrow(expect.objectContaining({ code: '22021' }));
		expect(() => inlineParams('select $1', [['ok', 'a\u0000']])).toThrow(expect.objectContaining({ code: '22021' }));
	});

	it('writes each kind of value as the text a bind parameter would carry', () => {
		expect(valueLiteral(null)).toBe('NULL');
		expect(valueLiteral(undefined)).toBe('NULL');
		expect(valueLiteral(42)).toBe("'42'");
		expect(valueLiteral(true)).toBe("'true'");
		expect(valueLiteral(new Date('2026-11-26T12:00:00Z'))).toBe("'2026-11-26T12:00:00.000Z'");
		expect(valueLiteral({ team: "o'neil" })).toBe(`'{"team":"o''neil"}'`);
		expect(valueLiteral(['a"b', 'c,d', null, "e'f\\"])).toBe(`'{"a\\"b","c,d",NULL,"e''f\\\\"}'`);
	});

	it('replaces $n by its value, $10 not read as $1, and leaves $n inside quotes alone', () => {
		const params = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
		expect(inlineParams(`select $1, $10, '$1 it''s $2', "col$1""$2" from t where a = $2`, params)).toBe(
			`select 'v1', 'v10', '$1 it''s $2', "col$1""$2" from t where a = 'v2'`,
		);
	});

	it('leaves a value holding $n or a quote as text: it is never read as a parameter', () => {
		expect(inlineParams('select $1, $2', ["$2'", 'x'])).toBe(`select '$2''', 'x'`);
	});

	it('refuses a statement that uses a parameter it was not given', () => {
		expect(() => inlineParams('select $2', ['only one'])).toThrow('uses $2 but has 1 parameters');
		expect(() => inlineParams('select $0', [])).toThrow('uses $0');
	});
});
