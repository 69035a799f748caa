/** Realistic check-in and reflection rows for tests and the seed command. */
import { randomUUID } from 'node:crypto';

export interface CheckInRow {
	id: string;
	workflow: string;
	task: string;
	team: string;
	participant: string;
	confidence: number;
	outcome: 'helped' | 'no_difference' | 'got_in_the_way';
	error_caught?: 'none' | 'before' | 'after';
	error_kind?: string | null;
	minutes_saved?: number | null;
}

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

export const reflection = (overrides: Record<string, unknown> = {}) => ({
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
