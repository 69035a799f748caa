/**
 * Joining a team with the code from a join link, and the teams a person is in. A join link carries
 * its code in the URL fragment (`/join/#code=…`), so no server log ever sees it.
 */
import type { FeedbackApi } from '../data-api/client.ts';
import type { JoinResult } from '../data-api/database.ts';

/** A code is 64 hexadecimal characters (two random UUIDs without their hyphens). */
const CODE = /^[0-9a-f]{64}$/;

/** The code in a join link, a link's fragment, or a code pasted on its own; undefined if there is none. */
export function codeFrom(text: string): string | undefined {
	const trimmed = text.trim();
	const fragment = trimmed.includes('#') ? trimmed.slice(trimmed.indexOf('#') + 1) : trimmed;
	const code = new URLSearchParams(fragment).get('code') ?? fragment;
	const normalised = code.trim().toLowerCase();
	return CODE.test(normalised) ? normalised : undefined;
}

/** The join link for a code, on a site served at `siteUrl` (its base path included). */
export function joinLink(siteUrl: string, code: string): string {
	return `${siteUrl.replace(/\/+$/, '')}/join/#code=${code}`;
}

export async function joinTeam(api: FeedbackApi, code: string): Promise<JoinResult> {
	const { data, error, status } = await api.rpc('join_team', { p_code: code });
	if (error || !data) {
		const reason =
			status === 0 ? 'The playbook service cannot be reached; try again when you are online.' : error?.message;
		throw new Error(reason ?? 'Could not join the team', { cause: error });
	}
	return data;
}

/** The teams the signed-in person is a member of (RLS shows only their own memberships). */
export async function myTeams(api: FeedbackApi): Promise<string[]> {
	const { data, error } = await api.from('team_members').select('team');
	if (error) throw new Error(error.message, { cause: error });
	return (data ?? []).map((row) => row.team);
}
