/** People as the database knows them: an auth user (as an anonymous sign-in makes) in some teams. */
import { randomUUID } from 'node:crypto';
import type { SqlBackend } from '../../endpoint/database.ts';

export interface Member {
	id: string;
	/** The JWT claims of this person's session, as the endpoint hands them to SQL. */
	claims: { sub: string; role: 'authenticated'; aud: 'authenticated'; is_anonymous: true };
}

export async function makeMember(db: SqlBackend, teams: string[], id: string = randomUUID()): Promise<Member> {
	await db.admin.query(
		`insert into auth.users (id, aud, role, is_anonymous) values ($1, 'authenticated', 'authenticated', true)
		 on conflict (id) do nothing`,
		[id],
	);
	for (const team of teams) {
		await db.admin.query('insert into public.team_members (team, user_id) values ($1, $2) on conflict do nothing', [
			team,
			id,
		]);
	}
	return { id, claims: { sub: id, role: 'authenticated', aud: 'authenticated', is_anonymous: true } };
}
