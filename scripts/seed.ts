/**
 * `npm run seed`: fills the embedded database with a plausible 12-week team history, so the
 * indicators page and the digest have something to show on a fresh clone. Talks to the endpoint
 * with the service role key (starting one if none is running), so it also works against
 * `supabase start`. Deterministic: the same seed gives the same history relative to today.
 *
 *   npm run seed               12 weeks for every team in content/teams
 *   SEED_URL=… SEED_SERVICE_KEY=… npm run seed   another Supabase-compatible endpoint
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import yaml from 'js-yaml';
import { LOCAL_SERVICE_ROLE_KEY } from '../endpoint/auth.ts';
import { startEndpointForSite } from '../endpoint/main.ts';
import { seededRandom } from '../harness/seeded-random.ts';
import { Constants, type Database } from '../src/lib/data-api/database.ts';
import { createInvite } from './invites.ts';
import { GENERAL_REFLECTIONS, SEED_REFLECTIONS } from './seed-reflections.ts';

const { outcome: OUTCOMES, error_kind: ERROR_KINDS } = Constants.public.Enums;
// Leaked data is the one kind a demo team should not appear to have: the seed leaves it out.
const SEEDED_ERROR_KINDS = ERROR_KINDS.filter((kind) => kind !== 'leaked_data');

const root = fileURLToPath(new URL('../', import.meta.url));
const WEEKS = 12;
const DAY = 86_400_000;

const random = seededRandom(20261124);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const uuid = () => {
	const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** How each team's practice develops: size, how fast people start, whether confidence grows. */
const PROFILES: Record<string, { people: number; growth: number; startConfidence: number; usesPerWeek: number }> = {
	support: { people: 12, growth: 0.16, startConfidence: 2.2, usesPerWeek: 2.2 },
	engineering: { people: 10, growth: 0.1, startConfidence: 2.8, usesPerWeek: 1.8 },
	sales: { people: 8, growth: 0.02, startConfidence: 2.6, usesPerWeek: 1.2 },
	ops: { people: 6, growth: 0.12, startConfidence: 2.0, usesPerWeek: 1.0 },
	marketing: { people: 5, growth: 0.06, startConfidence: 3.0, usesPerWeek: 1.1 },
	// Two people only: the indicators must show suppression, never numbers.
	legal: { people: 2, growth: 0.1, startConfidence: 2.5, usesPerWeek: 1.5 },
};

interface WorkflowInfo {
	id: string;
	task: string;
	teams: string[];
}

async function loadWorkflows(): Promise<WorkflowInfo[]> {
	const dir = `${root}content/workflows/`;
	const result: WorkflowInfo[] = [];
	for (const file of await readdir(dir)) {
		const text = await readFile(dir + file, 'utf8');
		const front = yaml.load(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') as {
			task: string;
			teams: string | string[];
			status?: string;
		};
		if (front.status === 'retired') continue;
		result.push({ id: file.replace(/\.mdx$/, ''), task: front.task, teams: [front.teams].flat() });
	}
	return result;
}

function history(workflows: WorkflowInfo[], now: number) {
	const checkIns: Database['public']['Tables']['check_ins']['Row'][] = [];
	const reflections: Database['public']['Tables']['reflections']['Row'][] = [];
	const written = new Set<string>();
	for (const [team, profile] of Object.entries(PROFILES)) {
		const mine = workflows.filter((w) => w.teams.includes(team));
		if (mine.length === 0) continue;
		for (let p = 0; p < profile.people; p++) {
			const participant = uuid();
			const startWeek = Math.floor(random() * 6); // people join over the first six weeks
			const favourite = pick(mine);
			for (let week = startWeek; week < WEEKS; week++) {
				const uses = Math.round(profile.usesPerWeek * (0.5 + random()) * (0.6 + 0.05 * week));
				for (let u = 0; u < uses; u++) {
					const workflow = random() < 0.5 ? favourite : pick(mine);
					const experience = week - startWeek;
					const confidence = Math.max(
						1,
						Math.min(5, Math.round(profile.startConfidence + profile.growth * experience * 2 + (random() - 0.5) * 1.6)),
					);
					const caught = random() < 0.3 ? (random() < 0.25 + experience * 0.05 ? 'before' : 'after') : 'none';
					const daysBack = (WEEKS - 1 - week) * 7 + random() * 7;
					const created = new Date(Math.min(now - 60_000, now - daysBack * DAY)).toISOString();
					checkIns.push({
						id: uuid(),
						workflow: workflow.id,
						task: workflow.task,
						team,
						participant,
						confidence,
						outcome: confidence >= 3 ? (random() < 0.85 ? 'helped' : 'no_difference') : pick(OUTCOMES),
						error_caught: caught,
						error_kind: caught === 'none' ? null : pick(SEEDED_ERROR_KINDS),
						minutes_saved: random() < 0.6 ? Math.round(5 + random() * 40) : null,
						created_at: created,
					});
					if (random() < 0.3) {
						const lines = SEED_REFLECTIONS[workflow.id] ?? GENERAL_REFLECTIONS;
						const reflection = {
							id: uuid(),
							workflow: workflow.id,
							task: workflow.task,
							team,
							participant,
							worked: random() < 0.8 ? pick(lines.worked) : null,
							did_not_work: random() < 0.6 ? pick(lines.didNotWork) : null,
							try_next: pick(lines.tryNext),
							visibility: random() < 0.75 ? ('team' as const) : ('private' as const),
							created_at: created,
						};
						// Two people do not write the very same reflection on a workflow in one week: a repeat is left out.
						const text = [
							team,
							workflow.id,
							week,
							reflection.worked,
							reflection.did_not_work,
							reflection.try_next,
						].join('|');
						if (!written.has(text)) reflections.push(reflection);
						written.add(text);
					}
				}
			}
		}
	}
	return { checkIns, reflections };
}

const endpoint = process.env.SEED_URL ? undefined : await startEndpointForSite();
const url = process.env.SEED_URL ?? endpoint!.url;
const client = createClient<Database>(url, process.env.SEED_SERVICE_KEY ?? LOCAL_SERVICE_ROLE_KEY, {
	auth: { persistSession: false },
});
try {
	const { checkIns, reflections } = history(await loadWorkflows(), Date.now());
	// The generator is deterministic, so a second run makes the same ids: ignore-duplicates (allowed
	// for the service role) keeps the seed idempotent and never touches rows it did not make.
	let added = 0;
	for (let i = 0; i < checkIns.length; i += 500) {
		const { error, count } = await client
			.from('check_ins')
			.upsert(checkIns.slice(i, i + 500), { ignoreDuplicates: true, count: 'exact' });
		if (error) throw new Error(`Inserting check-ins failed: ${error.message}`);
		added += count ?? 0;
	}
	const { error } = await client.from('reflections').upsert(reflections, { ignoreDuplicates: true });
	if (error) throw new Error(`Inserting reflections failed: ${error.message}`);
	// Weeks someone opened before the seed were published empty: let them be published again with it.
	const reset = await client.rpc('reset_empty_publication');
	if (reset.error) throw new Error(`Resetting empty published weeks failed: ${reset.error.message}`);
	if (reset.data === false) {
		process.stdout.write(
			'Some closed weeks were already published with check-ins in them; published weeks never change, so the ' +
				'seeded history shows only in weeks not yet published.\n',
		);
	}
	process.stdout.write(
		`Seeded ${added} new of ${checkIns.length} check-ins and ${reflections.length} reflections over ${WEEKS} weeks ` +
			`for ${Object.keys(PROFILES).length} teams at ${url}.\n`,
	);
	// Local trial: a join link per team, so one browser (or several, as several people) can join.
	process.stdout.write('\nJoin links (12 seats each, 14 days; local trial only):\n');
	for (const team of Object.keys(PROFILES)) {
		const invite = await createInvite(client, team, 12, 14);
		process.stdout.write(`  ${team.padEnd(12)} ${invite.link}\n`);
	}
} catch (error) {
	process.stderr.write(`${(error as Error).message}\n`);
	process.exitCode = 1;
} finally {
	await endpoint?.close();
}
