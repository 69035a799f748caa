/**
 * The feedback model's facts live twice, in SQL and in src/lib/feedback/model.ts: this compares every
 * CHECK constraint and enum of the two tables, as the database reports them, with the TypeScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlBackend } from '../../endpoint/database.ts';
import { Constants } from '../../src/lib/data-api/database.ts';
import {
	CONFIDENCE,
	CONSTRAINT_FIELDS,
	DAILY_LIMITS,
	ENUM_FIELDS,
	ERROR_CAUGHT,
	ERROR_KINDS,
	MINUTES_SAVED,
	OUTCOMES,
	REFLECTION_MAX,
	SLUG,
	VISIBILITIES,
} from '../../src/lib/feedback/model.ts';
import { backends } from '../helpers/backends.ts';

const backend = backends[0]!;
let db: SqlBackend;
let close: () => Promise<void>;
let checks: Map<string, string>;

beforeAll(async () => {
	({ db, close } = await backend.open());
	const { rows } = await db.admin.query<{ name: string; definition: string }>(
		`select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
		 where contype = 'c' and conrelid in ('public.check_ins'::regclass, 'public.reflections'::regclass)`,
	);
	checks = new Map(rows.map((row) => [row.name, row.definition]));
});
afterAll(() => close?.());

/** The numbers written in a constraint's definition, in order. */
const numbers = (name: string) =>
	[...(checks.get(name) ?? '').matchAll(/(?<![\w$])\d+(?![\w.])/g)].map((m) => Number(m[0]));

describe(`the feedback model and the database agree (${backend.name})`, () => {
	it('maps every CHECK constraint of the two tables to a form field, and names no other', () => {
		expect([...checks.keys()].sort()).toEqual(Object.keys(CONSTRAINT_FIELDS).sort());
	});

	it('has the same enum values, in the same order, as the database and the generated types', async () => {
		const { rows } = await db.admin.query<{ type: string; labels: string[] }>(
			`select t.typname as type, array_agg(e.enumlabel order by e.enumsortorder)::text[] as labels
			 from pg_enum e join pg_type t on t.oid = e.enumtypid join pg_namespace n on n.oid = t.typnamespace
			 where n.nspname = 'public' group by t.typname`,
		);
		const database = Object.fromEntries(rows.map((row) => [row.type, row.labels]));
		expect(database).toEqual(Constants.public.Enums);
		const values = (choices: readonly { value: string }[]) => choices.map((choice) => choice.value);
		expect({
			outcome: values(OUTCOMES),
			error_caught: values(ERROR_CAUGHT),
			error_kind: values(ERROR_KINDS),
			visibility: values(VISIBILITIES),
		}).toEqual(database);
		expect(Object.keys(ENUM_FIELDS).sort()).toEqual(Object.keys(database).sort());
	});

	it('has the daily limits of the model', async () => {
		const { rows } = await db.admin.query<{ check_ins: number; reflections: number }>(
			`select praxis_private.daily_limit('check_ins') as check_ins, praxis_private.daily_limit('reflections') as ` +
				`reflections`,
		);
		expect(rows[0]).toEqual({ check_ins: DAILY_LIMITS.checkIns, reflections: DAILY_LIMITS.reflections });
	});

	it('has the limits of the model', () => {
		expect(numbers('check_ins_confidence_range')).toEqual([CONFIDENCE.min, CONFIDENCE.max]);
		expect(numbers('check_ins_minutes_saved_range')).toEqual([MINUTES_SAVED.min, MINUTES_SAVED.max]);
		for (const field of ['worked', 'did_not_work', 'try_next']) {
			expect(numbers(`reflections_${field}_length`)).toEqual([REFLECTION_MAX]);
		}
		for (const table of ['check_ins', 'reflections']) {
			for (const column of ['workflow', 'task', 'team']) {
				const definition = checks.get(`${table}_${column}_slug`) ?? '';
				expect(definition).toContain(`'${SLUG.pattern.source}'`);
				expect(numbers(`${table}_${column}_slug`).at(-1)).toBe(SLUG.maxLength);
			}
		}
	});
});
