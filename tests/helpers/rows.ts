/** Realistic check-in and reflection rows for tests and the seed command. */
import { randomUUID } from 'node:crypto';
import type { SqlBackend } from '../../endpoint/database.ts';
import type { Database } from '../../src/lib/data-api/database.ts';

type Tables = Database['public']['Tables'];
export type CheckInRow = Tables['check_ins']['Insert'];
export type ReflectionRow = Tables['reflections']['Insert'];

export const checkIn = (overrides: Partial<CheckInRow> = {}): CheckInRow => ({
	id: randomUUID(),
	workflow: 'nda-first-pass-review',
	task: 'contract-review',
	team: 'legal',
	participant: randomUUID(),
	confidence: 3,
	outcome: 'helped',
	error_caught: 'none',
	...overrides,
});

export const reflection = (overrides: Partial<ReflectionRow> = {}): ReflectionRow => ({
	id: randomUUID(),
	workflow: 'nda-first-pass-review',
	task: 'contract-review',
	team: 'legal',
	participant: randomUUID(),
	worked: 'Pasting the playbook first kept the comparison on our positions.',
	did_not_work: null,
	try_next: null,
	visibility: 'team',
	...overrides,
});

/** A row as a client sends it: the database sets the participant from the session. */
export const sent = <T extends { participant?: string }>(row: T): Omit<T, 'participant'> => {
	const { participant: _set_by_the_database, ...rest } = row;
	return rest;
};

/** Rows of past weeks stored as an import would (the owner, any created_at), in one statement. */
export async function storeRows(
	db: SqlBackend,
	table: 'check_ins' | 'reflections',
	rows: (CheckInRow | ReflectionRow)[],
) {
	await db.admin.query(
		`insert into public.${table} select * from json_populate_recordset(null::public.${table}, $1::json)`,
		[JSON.stringify(rows)],
	);
}
