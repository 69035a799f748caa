/**
 * The outbox's sender: posts an item to its table and reads PostgREST's answer as delivered, worth
 * retrying, or refused for good (with the form field the database refused, when it names one).
 */
import type { FeedbackApi } from '../data-api/client.ts';
import { SessionEnded } from '../identity/session.ts';
import { CONSTRAINT_FIELDS, ENUM_FIELDS } from './model.ts';
import type { OutboxItem, SendResult } from './outbox.ts';

const has = <T extends object>(record: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(record, key);

/** Which form field a refusal is about: the CHECK constraint or the enum it names, as the model maps them. */
function fieldOf(message: string): string | undefined {
	const constraint = /constraint "([a-z_]+)"/.exec(message)?.[1];
	if (constraint && has(CONSTRAINT_FIELDS, constraint)) return CONSTRAINT_FIELDS[constraint];
	const enumType = /invalid input value for enum (?:public\.)?([a-z_]+)/.exec(message)?.[1];
	if (enumType && has(ENUM_FIELDS, enumType)) return ENUM_FIELDS[enumType];
	return undefined;
}

const SIGNED_OUT =
	'This browser is no longer signed in as the person who wrote it, so it cannot be sent as theirs. Join your team ' +
	'again with its link.';

/** Interprets PostgREST's answer for the outbox: delivered, worth retrying, or refused for good. */
export function classify(status: number, error: { code?: string; message?: string } | null): SendResult {
	if (!error && status >= 200 && status < 300) return { outcome: 'delivered' };
	// The primary key is the client's own id: a duplicate means an earlier attempt already landed.
	if (status === 409 && error?.code === '23505') return { outcome: 'delivered' };
	const message = error?.message || `HTTP ${status}`;
	if (status === 0 || status >= 500 || status === 408 || status === 429) {
		return { outcome: 'retry', message: status === 0 ? 'offline or unreachable' : message };
	}
	if (status === 401 || status === 403) {
		return {
			outcome: 'rejected',
			message: "The feedback service refused the site's key. Tell whoever runs the playbook.",
		};
	}
	return { outcome: 'rejected', message, field: fieldOf(message) };
}

/** What the sender needs of the session: a token now, or why there is none. */
export interface TokenSource {
	accessToken(): Promise<string | undefined>;
}

export function createSender(api: FeedbackApi, session?: TokenSource) {
	return async (item: OutboxItem): Promise<SendResult> => {
		if (session) {
			// An expired token is refreshed here first; offline, that is a retry like any other.
			const token = await session.accessToken().then(
				(value) => ({ value }),
				(error: unknown) => ({ error: error as Error }),
			);
			if ('error' in token) {
				return token.error instanceof SessionEnded
					? { outcome: 'rejected', message: SIGNED_OUT }
					: { outcome: 'retry', message: 'offline or unreachable' };
			}
			if (!token.value) return { outcome: 'rejected', message: SIGNED_OUT };
		}
		const { status, error } =
			item.kind === 'check_in'
				? await api.from('check_ins').insert(item.payload)
				: await api.from('reflections').insert(item.payload);
		return classify(status, error);
	};
}
