/**
 * Generated hostile and malformed requests for the bad-input stress case, each labelled with its class,
 * from a seeded random source: the same seed gives the same requests. Classes: hostile values in bodies,
 * PostgREST query shapes (logic trees, select with casts and embeds, unknown columns), negotiation headers
 * (Accept, profiles, Prefer, Range), JSON nested thousands of levels, malformed percent-encoding,
 * malformed HTTP sent on a raw socket, foreign Host names, and keys in odd places.
 */
import { randomUUID } from 'node:crypto';

export type HostileClass =
	| 'body'
	| 'query'
	| 'negotiation'
	| 'nested-json'
	| 'path-encoding'
	| 'raw-http'
	| 'host'
	| 'keys';

export const HOSTILE_CLASSES: HostileClass[] = [
	'body',
	'query',
	'negotiation',
	'nested-json',
	'path-encoding',
	'raw-http',
	'host',
	'keys',
];

export interface HostileRequest {
	kind: HostileClass;
	method: string;
	/** Path and query below the endpoint's origin, e.g. `/rest/v1/check_ins?select=*`. */
	target: string;
	headers: Record<string, string>;
	body?: string;
	/** For raw-http: the bytes to write on a socket instead of an HTTP request. */
	raw?: string;
}

export interface HostileKeys {
	/** Keys and tokens to send: valid, forged, expired, garbage, a member's. */
	keys: string[];
	anonKey: string;
	/** A validly signed token with no role claim. */
	roleless: string;
}

const HOSTILE_VALUES: unknown[] = [
	"'; drop table check_ins; --",
	'<script>alert(1)</script>',
	'\u0000',
	'💥'.repeat(50),
	'a'.repeat(100_000),
	// biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile input, meant literally
	'${jndi:ldap://x}',
	'1 OR 1=1',
	null,
	42,
	-1,
	3.5,
	true,
	[],
	{},
	'',
];
const FIELDS = [
	'id',
	'workflow',
	'task',
	'team',
	'participant',
	'confidence',
	'outcome',
	'error_caught',
	'error_kind',
	'minutes_saved',
	'created_at',
	'worked',
	'visibility',
	'nope',
	'confidence"; --',
];
const PATHS = [
	'check_ins',
	'check_ins',
	'reflections',
	'track_follows',
	'rpc/team_indicators',
	'rpc/workflow_summary',
	'rpc/pg_sleep',
	'pg_catalog.pg_roles',
	'check_ins/1',
	'..%2Fauth',
	'praxis_private.min_group_size',
];
const COLUMNS = ['id', 'team', 'task', 'workflow', 'confidence', 'created_at', 'nope', 'participant'];
const OPERATORS = ['eq', 'neq', 'gt', 'lt', 'like', 'ilike', 'in', 'is', 'cs', 'fts', 'zz', 'eq(any)', 'like(all)'];
const VALUES = [
	'legal',
	'1',
	'null',
	'(a,b)',
	'("a,b",c)',
	'{a,b}',
	'{"a}',
	'("a',
	'*',
	'x*y',
	'',
	'"',
	'(',
	')',
	',',
	"'",
	'%00',
];

export function hostileRequests(random: () => number, keys: HostileKeys) {
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const int = (max: number) => Math.floor(random() * max);
	const row = (overrides: Record<string, unknown> = {}) => ({
		id: randomUUID(),
		workflow: 'escalated-ticket-reply',
		task: 'customer-replies',
		team: pick(['support', 'legal']),
		confidence: 3,
		outcome: 'helped',
		...overrides,
	});
	const condition = (): string => `${pick(COLUMNS)}.${random() < 0.2 ? 'not.' : ''}${pick(OPERATORS)}.${pick(VALUES)}`;
	const tree = (depth: number): string => {
		const items = Array.from({ length: 1 + int(3) }, () =>
			depth > 0 && random() < 0.4 ? `${pick(['and', 'or', 'not.and', 'not.or'])}${tree(depth - 1)}` : condition(),
		);
		return `(${items.join(',')})`;
	};
	const selects = [
		'*',
		'id,team',
		'label:team',
		'confidence::text',
		'id::text union select 1',
		'body->>k',
		'*,teams(*)',
		'teams!inner(*)',
		'...teams(name)',
		'count()',
		'confidence.sum()',
		'nope',
		'id,,team',
		'"id"',
		'id::',
		'a:b:c',
	];
	const headersFor = (key: string) => ({
		apikey: key,
		authorization: `Bearer ${key}`,
		'content-type': 'application/json',
	});
	const base = (): { method: string; path: string; key: string } => ({
		method: pick(['POST', 'POST', 'GET', 'GET', 'HEAD', 'PATCH', 'DELETE', 'PUT']),
		path: pick(PATHS),
		key: pick(keys.keys),
	});

	const byClass: Record<HostileClass, () => HostileRequest> = {
		body() {
			const { method, path, key } = base();
			const body = pick([
				() => JSON.stringify({ ...row(), [pick(FIELDS)]: pick(HOSTILE_VALUES) }),
				() => JSON.stringify([row(), { ...row(), [pick(FIELDS)]: pick(HOSTILE_VALUES) }]),
				() => JSON.stringify({ p_team: pick(HOSTILE_VALUES), p_weeks: pick([4, 9, 'x', null]) }),
				() => '{"id": ',
				() => 'x'.repeat(2 * 1024 * 1024),
				() => JSON.stringify(pick(HOSTILE_VALUES)),
				// The same id twice in one request, under merge-duplicates or not.
				() => {
					const id = randomUUID();
					return JSON.stringify([row({ id }), row({ id })]);
				},
			])();
			return {
				kind: 'body',
				method,
				target: `/rest/v1/${path}${pick(['', '?select=*', '?columns=id,team', '?on_conflict=id'])}`,
				headers: {
					...headersFor(key),
					prefer: pick(['return=minimal', 'return=representation', 'resolution=merge-duplicates']),
				},
				body: method === 'GET' || method === 'HEAD' ? undefined : body,
			};
		},
		query() {
			const { path, key } = base();
			const method = pick(['GET', 'GET', 'DELETE', 'PATCH', 'POST']);
			const params = [
				() => `or=${tree(int(3))}`,
				() => `${pick(['and', 'not.or', 'or'])}=${tree(1)}`,
				() => `select=${encodeURIComponent(pick(selects))}`,
				() => `${pick(COLUMNS)}=${pick(OPERATORS)}.${encodeURIComponent(pick(VALUES))}`,
				() => `order=${pick(COLUMNS)}.${pick(['asc', 'desc', 'nullslast', 'up', ''])}`,
				() => `limit=${pick(['0', '1', '-1', 'x', '99999999999999999999'])}`,
				() => `offset=${pick(['0', '5', '-3', 'x'])}`,
				() => `or=(${'or('.repeat(50 + int(500))}id.eq.1${')'.repeat(50)})`,
			];
			const query = Array.from({ length: 1 + int(3) }, () => pick(params)()).join('&');
			return {
				kind: 'query',
				method,
				target: `/rest/v1/${pick([path, 'check_ins', 'reflections'])}?${query}`,
				headers: headersFor(key),
				body: method === 'GET' ? undefined : JSON.stringify(row()),
			};
		},
		negotiation() {
			const { path, key } = base();
			const headers: Record<string, string> = headersFor(key);
			const set = (name: string, values: string[]) => {
				if (random() < 0.5) headers[name] = pick(values);
			};
			set('accept', [
				'application/vnd.pgrst.object+json',
				'application/vnd.pgrst.object+json;nulls=stripped',
				'application/vnd.pgrst.array+json;nulls=stripped',
				'text/csv',
				'application/vnd.pgrst.plan+text',
				'*/*',
				';;;',
				'application/openapi+json',
			]);
			set('accept-profile', ['public', 'praxis_private', 'auth', 'pg_catalog', '']);
			set('content-profile', ['public', 'auth', 'realtime']);
			set('prefer', [
				'handling=strict, bogus=1',
				'handling=strict, max-affected=0',
				'tx=rollback',
				'missing=default',
				'count=exact',
				'count=planned',
				'timezone=Mars/Olympus',
				'timezone=Europe/Paris',
				'return=headers-only',
				'=,=,=',
			]);
			set('range', ['0-9', '5-1', 'items=0-', 'bytes=0-1', '-5', '99999999999999999999-1']);
			const method = pick(['GET', 'POST', 'PATCH', 'DELETE', 'HEAD']);
			return {
				kind: 'negotiation',
				method,
				target: `/rest/v1/${pick([path, 'check_ins', ''])}`,
				headers,
				body: method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify(row()),
			};
		},
		'nested-json'() {
			const depth = 1000 + int(5000);
			const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
			const key = pick(keys.keys);
			return {
				kind: 'nested-json',
				method: 'POST',
				target: pick(['/rest/v1/check_ins', '/rest/v1/rpc/team_indicators', '/auth/v1/signup']),
				headers: headersFor(key),
				body: pick([nested, `{"p_team": ${nested}}`, `[{"id": ${nested}}]`]),
			};
		},
		'path-encoding'() {
			const bad = pick(['%ZZ', '%', '%E0%A4%A', '%C0%AF', '%00', '%2e%2e%2f', '%FF%FE', 'a%2Fb']);
			return {
				kind: 'path-encoding',
				method: pick(['GET', 'POST']),
				target: pick([`/rest/v1/${bad}`, `/rest/v1/rpc/${bad}`, `/auth/v1/${bad}`, `/rest/v1/check_ins?${bad}=eq.1`]),
				headers: headersFor(keys.anonKey),
			};
		},
		'raw-http'() {
			const raw = pick([
				() => 'GARBAGE\r\n\r\n',
				() => 'FOO /rest/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
				() => 'GET /rest/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n',
				() => `GET /rest/v1/check_ins?select=${'a'.repeat(17_000 + int(5000))} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
				() => `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nx-big: ${'b'.repeat(70_000)}\r\n\r\n`,
				() => 'POST /rest/v1/check_ins HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n',
				() => 'GET /rest/v1/ HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n',
				() => 'POST /rest/v1/check_ins HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
			])();
			return { kind: 'raw-http', method: 'RAW', target: '', headers: {}, raw };
		},
		host() {
			return {
				kind: 'host',
				method: 'GET',
				target: '/rest/v1/check_ins?select=id',
				headers: {
					...headersFor(keys.anonKey),
					host: pick(['rebind.attacker.example', 'localhost.attacker.example', '127.0.0.1.nip.io', '10.0.0.1']),
				},
			};
		},
		keys() {
			const key = pick([...keys.keys, keys.roleless]);
			const where = pick(['header', 'query', 'authorization-only', 'both']);
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (where === 'header' || where === 'both') headers.apikey = key;
			if (where === 'authorization-only' || where === 'both') headers.authorization = `Bearer ${key}`;
			const query = where === 'query' ? `?apikey=${encodeURIComponent(key)}` : '';
			return {
				kind: 'keys',
				method: pick(['GET', 'POST']),
				target: `/rest/v1/${pick(['check_ins', 'rpc/workflow_summary'])}${query}`,
				headers,
				body: JSON.stringify({ p_workflow: 'x' }),
			};
		},
	};
	/** The next request: classes in turn, so a run of N covers each about N / 8 times. */
	let turn = 0;
	return (): HostileRequest => byClass[HOSTILE_CLASSES[turn++ % HOSTILE_CLASSES.length]!]();
}
