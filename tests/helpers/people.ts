/**
 * People through the API, as the site makes them: an anonymous sign-in with supabase-js, then a join
 * link's code for each team (made with the service role, as `npm run team-invite` does).
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY } from '../../endpoint/auth.ts';
import type { Database } from '../../src/lib/data-api/database.ts';

export interface Person {
	client: SupabaseClient<Database>;
	id: string;
	accessToken: string;
}

const options = { auth: { persistSession: false, autoRefreshToken: false } };

export async function signIn(url: string): Promise<Person> {
	const client = createClient<Database>(url, LOCAL_ANON_KEY, options);
	const { data, error } = await client.auth.signInAnonymously();
	if (error || !data.session || !data.user)
		throw new Error(`anonymous sign-in failed: ${error?.message}`, { cause: error });
	return { client, id: data.user.id, accessToken: data.session.access_token };
}

/** A join code for the team with this many seats, as the team lead makes one. */
export async function joinCode(url: string, team: string, seats = 1): Promise<string> {
	const service = createClient<Database>(url, LOCAL_SERVICE_ROLE_KEY, options);
	const { data, error } = await service.rpc('create_join_code', { p_team: team, p_seats: seats });
	if (error || !data) throw new Error(`create_join_code failed: ${error?.message}`, { cause: error });
	return (data as { code: string }).code;
}

/** Someone signed in who has joined these teams with join links. */
export async function member(url: string, teams: string[]): Promise<Person> {
	const person = await signIn(url);
	for (const team of teams) {
		const { error } = await person.client.rpc('join_team', { p_code: await joinCode(url, team) });
		if (error) throw new Error(`join_team failed: ${error.message}`, { cause: error });
	}
	return person;
}
