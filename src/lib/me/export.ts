/** "Download all of it": a person's own rows as JSON and CSV, exactly as the database gave them. */
import { toCsv } from '../indicators/csv.ts';
import type { MyCheckIn, MyReflection } from './practice.ts';

export interface MyData {
	checkIns: MyCheckIn[];
	reflections: MyReflection[];
	trackFollows: string[];
}

export const myData = (checkIns: MyCheckIn[], reflections: MyReflection[], trackFollows: string[]): MyData => ({
	checkIns,
	reflections,
	trackFollows,
});

const CHECK_IN_FIELDS = [
	'created_at',
	'team',
	'task',
	'workflow',
	'confidence',
	'outcome',
	'error_caught',
	'error_kind',
	'minutes_saved',
	'id',
] as const satisfies readonly (keyof MyCheckIn)[];
const REFLECTION_FIELDS = [
	'created_at',
	'team',
	'task',
	'workflow',
	'visibility',
	'worked',
	'did_not_work',
	'try_next',
	'id',
] as const satisfies readonly (keyof MyReflection)[];

export const myDataCsv = {
	checkIns: (data: MyData) =>
		toCsv(
			data.checkIns,
			CHECK_IN_FIELDS.map((field) => ({ header: field, value: (row: MyCheckIn) => row[field] })),
		),
	reflections: (data: MyData) =>
		toCsv(
			data.reflections,
			REFLECTION_FIELDS.map((field) => ({ header: field, value: (row: MyReflection) => row[field] })),
		),
};
