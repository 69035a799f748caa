/**
 * `npm run team-invite -- <team> --seats N [--days D]`: a join link for a team, for its lead to share.
 * The code is in the link's fragment and is shown only now; the database keeps its hash, the seats and
 * the expiry. Also: `--list` (the team's links, seats used, without codes) and `--revoke <id>`.
 *
 * Environment: SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY for a hosted project (default: the embedded
 * endpoint on 127.0.0.1:54321, started if it is not running, with the local demo key);
 * PRAXIS_SITE_URL, the address the site is served at (default http://127.0.0.1:4321 + PRAXIS_BASE).
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from '@supabase/supabase-js';
import { LOCAL_SERVICE_ROLE_KEY } from '../endpoint/auth.ts';
import { startEndpointForSite } from '../endpoint/main.ts';
import type { Database } from '../src/lib/data-api/database.ts';
import { createInvite } from './invites.ts';

const USAGE = 'Usage: npm run team-invite -- <team> --seats <N> [--days <D>] | <team> --list | --revoke <id>';

function fail(message: string): never {
	process.stderr.write(`${message}\n${USAGE}\n`);
	process.exit(2);
}

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		seats: { type: 'string' },
		days: { type: 'string', default: '14' },
		list: { type: 'boolean', default: false },
		revoke: { type: 'string' },
	},
});

const teamsDir = fileURLToPath(new URL('../content/teams/', import.meta.url));
const teams = (await readdir(teamsDir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, ''));
const team = positionals[0];
if (!values.revoke) {
	if (!team) fail('Name the team.');
	if (!teams.includes(team)) fail(`No team "${team}" in content/teams/. Teams: ${teams.join(', ')}.`);
}
const seats = Number(values.seats);
const days = Number(values.days);
if (!values.revoke && !values.list) {
	if (!Number.isInteger(seats) || seats < 1 || seats > 10_000) fail('--seats must be a whole number from 1 to 10000.');
	if (!Number.isInteger(days) || days < 1 || days > 365) fail('--days must be a whole number from 1 to 365.');
}

const hosted = process.env.SUPABASE_URL;
if (hosted && !process.env.SUPABASE_SERVICE_ROLE_KEY) fail('SUPABASE_URL is set: set SUPABASE_SERVICE_ROLE_KEY too.');
const endpoint = hosted ? undefined : await startEndpointForSite();
const client = createClient<Database>(
	hosted ?? endpoint!.url,
	process.env.SUPABASE_SERVICE_ROLE_KEY ?? LOCAL_SERVICE_ROLE_KEY,
	{ auth: { persistSession: false } },
);
try {
	if (values.revoke) {
		const { data, error } = await client.rpc('revoke_join_code', { p_id: values.revoke });
		if (error) throw new Error(error.message);
		if (!data) throw new Error(`No join link with id ${values.revoke}.`);
		process.stdout.write(`Withdrawn: ${JSON.stringify(data)}. Members who joined with it stay members.\n`);
	} else if (values.list) {
		const { data, error } = await client.rpc('team_join_codes', { p_team: team! });
		if (error) throw new Error(error.message);
		process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
	} else {
		const invite = await createInvite(client, team!, seats, days);
		process.stdout.write(
			`Join link for ${team} (${seats} seat${seats === 1 ? '' : 's'}, until ${invite.expiresAt}; id ${invite.id}):\n` +
				`${invite.link}\n` +
				'Share it with your team only: anyone with it can join until the seats are used. It is not shown again.\n',
		);
	}
} catch (error) {
	process.stderr.write(`${(error as Error).message}\n`);
	process.exitCode = 1;
} finally {
	await endpoint?.close();
}
