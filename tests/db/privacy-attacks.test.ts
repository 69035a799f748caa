/**
 * The attack classes of docs/privacy.md, run by a member with one identity against two worlds that
 * differ only in what the publication model hides (see harness/privacy-attacks.ts). Any answer that
 * differs between the worlds depends on a hidden group of fewer than k other people: the suite fails.
 * One history is fixed; another is drawn at random on each run (its seed is in the failure message,
 * PRIVACY_SEED=<seed> replays it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlBackend } from '../../endpoint/database.ts';
import {
	attackAnswers,
	checkInNow,
	differences,
	type History,
	privacyHistory,
	secretTwin,
	sqlCaller,
	storeHistory,
	thisMonday,
} from '../../harness/privacy-attacks.ts';
import { backends } from '../helpers/backends.ts';

const MIN_PEOPLE = 4;
const randomSeed = Number(process.env.PRIVACY_SEED ?? Math.floor(Math.random() * 1_000_000));
const seeds = [20261128, randomSeed];

describe.each(backends)('the publication model against attacks, on $name', (backend) => {
	describe.each(seeds)('history %i', (seed) => {
		const history = privacyHistory(seed, 6);
		const twin = secretTwin(history, MIN_PEOPLE);
		const worlds: { db: SqlBackend; close(): Promise<void>; history: History }[] = [];
		const context = `seed ${seed} (PRIVACY_SEED=${seed} replays it)`;
		beforeAll(async () => {
			for (const world of [history, twin]) {
				const opened = await backend.open();
				await storeHistory(opened.db, world);
				worlds.push({ ...opened, history: world });
			}
		});
		afterAll(async () => {
			for (const world of worlds) await world.close();
		});
		const answers = () => Promise.all(worlds.map((w) => attackAnswers(sqlCaller(w.db, history.attacker), history)));

		it('period, scope and digest calls give the same answers whichever hidden answers people gave', async () => {
			const [a, b] = await answers();
			expect(differences(a!, b!), context).toEqual([]);
			// The worlds do differ where it is hidden, and the answers show something: the attack had material.
			expect(JSON.stringify(twin.checkIns)).not.toBe(JSON.stringify(history.checkIns));
			const shown = [...a!.entries()].filter(
				([key, value]) => key.startsWith('team_indicators') && (value as { totals: { shown: boolean } }).totals.shown,
			);
			expect(shown.length, context).toBeGreaterThan(0);
		});

		it('a new check-in, and someone deleting theirs, change nothing an attacker could tie to them', async () => {
			const big = [...history.teams].sort((x, y) => y.people.length - x.people.length)[0]!;
			const victim = big.people[1]!;
			const [before] = await answers();
			// Time differences: the same check-in in both worlds, with opposite answers.
			await checkInNow(worlds[0]!.db, victim, big.name, history.tasks[0]!, 0);
			await checkInNow(worlds[1]!.db, victim, big.name, history.tasks[0]!, 1);
			const [a, b] = await answers();
			expect(differences(a!, b!), context).toEqual([]);
			// What changed is this week's activity only.
			for (const key of differences(before!, a!)) expect(key).toMatch(/^team_indicators\(\{"p_team":"team-/);

			// Someone deletes everything they checked in before this week: published weeks stay as they were.
			const someone = big.people.find(
				(person) =>
					person !== history.attacker &&
					person !== victim &&
					!history.checkIns.some((r) => r.participant === person && Date.parse(r.created_at) >= thisMonday()),
			);
			expect(someone, context).toBeDefined();
			for (const world of worlds) {
				await world.db.admin.query('delete from public.check_ins where participant = $1', [someone]);
			}
			const [afterA, afterB] = await answers();
			expect(differences(a!, afterA!), context).toEqual([]);
			expect(differences(afterA!, afterB!), context).toEqual([]);
		});
	});

	it('catches a leak when the model is weakened: the suite can fail', async () => {
		// The same attack against a database that shows cells of any size.
		const history = privacyHistory(7, 3);
		const twin = secretTwin(history, MIN_PEOPLE);
		const opened = await Promise.all([backend.open(), backend.open()]);
		try {
			for (const [i, world] of [history, twin].entries()) {
				await opened[i]!.db.admin.exec(
					`create or replace function praxis_private.min_cell_people() returns integer language sql immutable
					 set search_path = '' as $$ select 1 $$`,
				);
				await storeHistory(opened[i]!.db, world);
			}
			const [a, b] = await Promise.all(opened.map((o) => attackAnswers(sqlCaller(o.db, history.attacker), history)));
			expect(differences(a!, b!).length).toBeGreaterThan(0);
		} finally {
			for (const o of opened) await o.close();
		}
	});
});
