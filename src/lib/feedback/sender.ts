/**
 * The one small client the feedback islands share: PostgREST calls through @supabase/postgrest-js
 * (the part of supabase-js that speaks to the REST API, without auth, realtime and storage), the
 * outbox's sender, and the read functions. Works against hosted Supabase and the embedded endpoint.
 */
import { PostgrestClient } from '@supabase/postgrest-js';
import type { Database } from '../data-api/database.ts';
import type { OutboxItem, SendResult } from './outbox.ts';

export interface FeedbackConfig {
	url: string;
	anonKey: string;
}

export type FeedbackApi = PostgrestClient<Database['public']>;

/** A reason the feedback cannot work with this configuration, in words a reader can act on. */
export function configProblem(config: FeedbackConfig): string | undefined {
	let url: URL;
	try {
		url = new URL(config.url);
	} catch {
		return `PUBLIC_SUPABASE_URL is not a URL (${JSON.stringify(config.url)}).`;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'PUBLIC_SUPABASE_URL must start with http:// or https://.';
	const key = config.anonKey.trim();
	const looksLikeJwt = /^[\w-]+\.[\w-]+\.[\w-]+$/.test(key);
	if (!looksLikeJwt && !key.startsWith('sb_publishable_')) {
		return 'PUBLIC_SUPABASE_ANON_KEY is missing or is not a Supabase public key.';
	}
	return undefined;
}

export function createFeedbackApi(config: FeedbackConfig): FeedbackApi {
	return new PostgrestClient<Database['public']>(`${config.url.replace(/\/+$/, '')}/rest/v1`, {
		headers: { apikey: config.anonKey, Authorization: `Bearer ${config.anonKey}` },
	});
}

const TABLE = { check_in: 'check_ins', reflection: 'reflections' } as const;

/** Which form field a database constraint guards, from its name (`check_ins_confidence_range`). */
function fieldOf(message: string): string | undefined {
	const constraint = /constraint "(?:check_ins|reflections)_([a-z_]+?)(?:_range|_length|_slug|_needs_catch)?"/.exec(message)?.[1];
	return constraint === 'not_empty' ? 'worked' : constraint;
}

/** Interprets PostgREST's answer for the outbox: delivered, worth retrying, or refused for good. */
export function classify(status: number, error: { code?: string; message?: string } | null): SendResult {
	if (!error && status >= 200 && status < 300) return { outcome: 'delivered' };
	// The primary key is the client's own id: a duplicate means an earlier attempt already landed.
	if (status === 409 && error?.code === '23505') return { outcome: 'delivered' };
	const message = error?.message || `HTTP ${status}`;
	if (status === 0 || status >= 500 || status === 408 || status === 429) return { outcome: 'retry', message: status === 0 ? 'offline or unreachable' : message };
	if (status === 401 || status === 403) {
		return { outcome: 'rejected', message: 'The feedback service refused the site\'s key. Tell whoever runs the playbook.' };
	}
	return { outcome: 'rejected', message, field: fieldOf(message) };
}

export function createSender(api: FeedbackApi) {
	return async (item: OutboxItem): Promise<SendResult> => {
		// The row type is checked when the item is made (feedback-schema.ts); here it is stored JSON.
		const { status, error } = await api.from(TABLE[item.kind]).insert(item.payload as never);
		return classify(status, error);
	};
}
