/**
 * One intent, one row. A form's row id stays the same while the person repeats the same submit (a
 * double-click, a held Enter key): the outbox and the database's primary key then keep one row. A new
 * id comes with any change to the form, or once a submit has settled for a moment.
 */
export interface Intent {
	/** The row id for a submit now. */
	idForSubmit(): string;
	/** The form changed: the next submit is a new intent. */
	changed(): void;
}

export function createIntent(
	settleMs = 3000,
	now: () => number = Date.now,
	makeId: () => string = () => crypto.randomUUID(),
): Intent {
	let id = makeId();
	let submittedAt: number | undefined;
	return {
		idForSubmit() {
			if (submittedAt !== undefined && now() - submittedAt > settleMs) id = makeId();
			submittedAt = now();
			return id;
		},
		changed() {
			id = makeId();
			submittedAt = undefined;
		},
	};
}
