/**
 * EXPLAIN ANALYZE of the statement that takes longest inside a read function. `EXPLAIN` of the call
 * itself shows only a function scan; PostgreSQL's auto_explain module, told to report nested
 * statements to the client, gives the plans the function really ran, with their timings.
 */
import pg from 'pg';

export interface SlowestStatement {
	/** Milliseconds the statement took, as auto_explain reported it. */
	ms: number;
	/** Its plan, with actual rows and times. */
	plan: string;
}

export async function explainSlowestStatement(
	connectionString: string,
	call: string,
	params: unknown[],
	/** The JWT claims of the caller, as the endpoint sets them (a team's figures are for its members). */
	claims: object = {},
): Promise<SlowestStatement> {
	const client = new pg.Client({ connectionString });
	const reported: SlowestStatement[] = [];
	client.on('notice', (notice) => {
		const match = /^duration: ([\d.]+) ms\s+plan:\n([\s\S]*)$/.exec(notice.message ?? '');
		if (!match) return;
		// The plan follows the statement's text, which is in the migrations already.
		const lines = match[2]!.trimEnd().split('\n');
		const top = lines.findIndex((line) => line.includes('(cost='));
		reported.push({ ms: Number(match[1]), plan: lines.slice(Math.max(top, 0)).join('\n') });
	});
	await client.connect();
	try {
		await client.query(`load 'auto_explain'`);
		for (const setting of [
			'log_min_duration = 0',
			'log_analyze = on',
			'log_buffers = on',
			'log_nested_statements = on',
			'log_level = notice',
		]) {
			await client.query(`set auto_explain.${setting}`);
		}
		await client.query(`select set_config('request.jwt.claims', $1, false)`, [JSON.stringify(claims)]);
		await client.query(call, params);
	} finally {
		await client.end();
	}
	// The last plan reported is the call itself, whose time includes every statement in it.
	const nested = reported.slice(0, -1);
	if (nested.length === 0) throw new Error(`auto_explain reported no statement inside ${call}`);
	return nested.reduce((slowest, statement) => (statement.ms > slowest.ms ? statement : slowest));
}
