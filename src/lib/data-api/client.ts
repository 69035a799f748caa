/**
 * The one small client the feedback and indicators islands share: PostgREST calls through
 * @supabase/postgrest-js (the part of supabase-js that speaks to the REST API, without auth, realtime
 * and storage). Works against hosted Supabase and the embedded endpoint.
 */
import { PostgrestClient } from '@supabase/postgrest-js';
import type { Database } from './database.ts';

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
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return 'PUBLIC_SUPABASE_URL must start with http:// or https://.';
	const key = config.anonKey.trim();
	const looksLikeJwt = /^[\w-]+\.[\w-]+\.[\w-]+$/.test(key);
	if (!looksLikeJwt && !key.startsWith('sb_publishable_')) {
		return 'PUBLIC_SUPABASE_ANON_KEY is missing or is not a Supabase public key.';
	}
	return undefined;
}

/**
 * The REST client. With `accessToken`, each request carries the signed-in person's token (so RLS sees
 * who they are); without one, or while nobody is signed in, the public key.
 */
export function createFeedbackApi(
	config: FeedbackConfig,
	accessToken?: () => Promise<string | undefined>,
): FeedbackApi {
	const authorizedFetch: typeof fetch = async (input, init) => {
		const headers = new Headers(init?.headers);
		headers.set('Authorization', `Bearer ${(await accessToken?.()) ?? config.anonKey}`);
		return fetch(input, { ...init, headers });
	};
	return new PostgrestClient<Database['public']>(`${config.url.replace(/\/+$/, '')}/rest/v1`, {
		headers: { apikey: config.anonKey, Authorization: `Bearer ${config.anonKey}` },
		fetch: accessToken ? authorizedFetch : undefined,
	});
}
