/** Join links for a team, made with the service role: what `npm run team-invite` and `npm run seed` print. */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, JoinCodeMade } from '../src/lib/data-api/database.ts';
import { joinLink } from '../src/lib/identity/membership.ts';

/** Where the site is served, its base path included: PRAXIS_SITE_URL, else the local `npm start` address. */
export function siteUrl(env = process.env): string {
	if (env.PRAXIS_SITE_URL) return env.PRAXIS_SITE_URL;
	const base = (env.PRAXIS_BASE ?? '').replace(/^\/*/, '/').replace(/\/+$/, '');
	return `http://127.0.0.1:${env.PORT ?? 4321}${base === '/' ? '' : base}`;
}

export async function createInvite(
	client: SupabaseClient<Database>,
	team: string,
	seats: number,
	days: number,
	site = siteUrl(),
): Promise<JoinCodeMade & { link: string }> {
	const { data, error } = await client.rpc('create_join_code', { p_team: team, p_seats: seats, p_days: days });
	if (error || !data) throw new Error(`Could not make a join link for ${team}: ${error?.message}`, { cause: error });
	return { ...data, link: joinLink(site, data.code) };
}
