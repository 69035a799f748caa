/**
 * Many members at once, for load, fault and benchmark runs: auth users and team memberships made
 * straight in the database (what an anonymous sign-in and a join link would make), each with an
 * access token signed as the endpoint signs them. Each person may add DAILY_LIMITS a day, so a load
 * run moves on to the next person before that.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { LOCAL_JWT_SECRET } from '../endpoint/auth.ts';
import type { SqlBackend } from '../endpoint/database.ts';

export interface MintedMember {
	id: string;
	team: string;
	/** An access token for one hour. */
	token: string;
}

/** One member per entry of `teams`, in that team. */
export async function mintMembers(db: SqlBackend, teams: string[], secret = LOCAL_JWT_SECRET): Promise<MintedMember[]> {
	const ids = teams.map(() => randomUUID());
	await db.admin.query(
		`insert into auth.users (id, aud, role, is_anonymous)
		 select id, 'authenticated', 'authenticated', true from unnest($1::uuid[]) as id`,
		[ids],
	);
	await db.admin.query('insert into public.team_members (team, user_id) select * from unnest($1::text[], $2::uuid[])', [
		teams,
		ids,
	]);
	return Promise.all(ids.map(async (id, i) => ({ id, team: teams[i]!, token: await tokenFor(id, secret) })));
}

/** An access token for one hour for the auth user `id`, signed as the endpoint signs them. */
export function tokenFor(id: string, secret = LOCAL_JWT_SECRET): Promise<string> {
	return new SignJWT({ role: 'authenticated', aud: 'authenticated', is_anonymous: true })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setSubject(id)
		.setIssuedAt()
		.setExpirationTime('1h')
		.sign(new TextEncoder().encode(secret));
}
