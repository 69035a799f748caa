import { describe, expect, it } from 'vitest';
import { openPglite } from '../../endpoint/database.ts';
import { migrate } from '../../endpoint/migrate.ts';
import { checkIn } from '../helpers/rows.ts';

const countTriggers = async (db: Awaited<ReturnType<typeof openPglite>>) =>
	(
		await db.admin.query<{ n: number }>(
			`select count(*)::integer as n from pg_trigger where tgname = 'check_ins_announce'`,
		)
	).rows[0]!.n;

describe('Supabase-only objects are guarded', () => {
	it('stores check-ins and announces nothing where realtime.send does not exist', async () => {
		const db = await openPglite();
		await migrate(db);
		// migrate() installs the endpoint's stand-in; a database without Realtime has none.
		await db.admin.exec('drop function realtime.send(jsonb, text, text, boolean)');
		const heard: string[] = [];
		await db.listen('realtime_broadcast', (payload) => heard.push(payload));
		const row = checkIn({ team: 'ops' });
		await db.asRole('service_role', { role: 'service_role' }, (sql) =>
			sql.query(
				`insert into public.check_ins (id, workflow, task, team, participant, confidence, outcome) values ($1, $2, ` +
					`$3, $4, $5, $6, $7)`,
				[row.id, row.workflow, row.task, row.team, row.participant, row.confidence, row.outcome],
			),
		);
		const { rows } = await db.admin.query('select id from public.check_ins');
		expect(rows).toEqual([{ id: row.id }]);
		expect(heard).toEqual([]);
		await db.close();
	});

	it('announces once per team and statement, privately, with the task types only, where it exists', async () => {
		const db = await openPglite();
		// A stand-in with the signature Supabase's realtime.send has, recording its calls; the endpoint's
		// own stand-in is then left alone by migrate().
		await db.admin.exec(`
			create schema realtime;
			create table realtime.sent (payload jsonb, event text, topic text, private boolean);
			create function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void
			language sql as $$ insert into realtime.sent values (payload, event, topic, private) $$;
		`);
		await migrate(db);
		expect(await countTriggers(db)).toBe(1);
		const rows = [checkIn({ team: 'ops' }), checkIn({ team: 'ops' }), checkIn({ team: 'legal' })];
		await db.asRole('service_role', { role: 'service_role' }, (sql) =>
			sql.query(
				`insert into public.check_ins (id, workflow, task, team, participant, confidence, outcome)
			 select id, workflow, task, team, participant, confidence, outcome
			 from json_populate_recordset(null::public.check_ins, $1::json)`,
				[JSON.stringify(rows)],
			),
		);
		const sent = await db.admin.query('select payload, event, topic, private from realtime.sent order by topic');
		expect(sent.rows).toEqual([
			{ payload: { tasks: ['contract-review'] }, event: 'check_in', topic: 'indicators:legal', private: true },
			{ payload: { tasks: ['contract-review'] }, event: 'check_in', topic: 'indicators:ops', private: true },
		]);
		await db.close();
	});
});
