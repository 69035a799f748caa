/**
 * Undo of a check-in: taken out of the outbox while it is still waiting, else deleted on the server
 * (a person may delete their own rows) once any send in flight has settled.
 */
import type { FeedbackApi } from '../data-api/client.ts';
import type { Outbox } from './outbox.ts';

export type Withdrawal = { ok: true } | { ok: false; message: string };

export async function withdrawCheckIn(outbox: Outbox, api: FeedbackApi, id: string): Promise<Withdrawal> {
	if (outbox.withdraw(id)) return { ok: true };
	// Being sent or already sent: let a send in flight finish, so the delete cannot run before the insert.
	await outbox.flush(true);
	if (outbox.has(id) && outbox.withdraw(id)) return { ok: true };
	const { error } = await api.from('check_ins').delete().eq('id', id);
	if (error) return { ok: false, message: `It could not be undone now (${error.message}). Try again in a moment.` };
	return { ok: true };
}
