/**
 * The embedded Supabase-compatible endpoint: HTTP on loopback in front of the database, serving
 * /rest/v1 as PostgREST does for what Praxis uses, and relaying the database's Realtime broadcasts.
 * A development and single-team convenience, not a production server: production is hosted Supabase
 * with the same migrations.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authenticate, LOCAL_JWT_SECRET } from './auth.ts';

import type { SqlBackend } from './database.ts';
import { ApiError, toApiError } from './errors.ts';
import { AUTH_API_VERSION, AuthError, createAuth } from './gotrue.ts';
import { installPlatform } from './platform.ts';
import { handleRest, type RestResponse, RolledBack } from './postgrest.ts';
import { attachRealtime, BROADCAST_CHANNEL, parseBroadcast, type Realtime, type RealtimeLimits } from './realtime.ts';
import { loadSchemaCache, type SchemaCache } from './schema-cache.ts';

export interface EndpointOptions {
	db: SqlBackend;
	host?: string;
	port?: number;
	jwtSecret?: string;
	/** Largest request body accepted, in bytes; larger ones get 413. */
	maxBodyBytes?: number;
	/** Origins allowed by CORS besides loopback ones (any port on 127.0.0.1, localhost, [::1]). */
	allowedOrigins?: string[];
	/**
	 * Host names requests may name besides loopback ones. Any other `Host` is refused, so a page on a
	 * rebound DNS name (rebind.attacker.example → 127.0.0.1) cannot reach the endpoint.
	 */
	allowedHosts?: string[];
	/** Lifetime of an access token in seconds (GoTrue's JWT_EXP); default 3600. */
	accessTokenSeconds?: number;
	/** Anonymous sign-ins per client address and hour; default 30, as config.toml's auth.rate_limit. */
	anonymousSignInsPerHour?: number;
	/** How long a used refresh token still answers with its successor, in seconds; default 10. */
	refreshReuseSeconds?: number;
	/** Realtime's per-client limits (endpoint/realtime.ts has the defaults). */
	realtimeLimits?: Partial<RealtimeLimits>;
}

export interface Endpoint {
	server: Server;
	url: string;
	realtime: Realtime;
	close(): Promise<void>;
}

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** Longest request target answered; longer ones get 414 (headers may be larger, up to MAX_HEADER_BYTES). */
const MAX_URL_BYTES = 16 * 1024;
const MAX_HEADER_BYTES = 64 * 1024;

/** The host name of a Host header ("127.0.0.1:54321" → "127.0.0.1", "[::1]:80" → "[::1]"). */
export const hostName = (header: string | undefined) => (header ?? '').trim().toLowerCase().replace(/:\d+$/, '');

/** A canned answer for a request Node's parser refused, before any handler saw it. */
const rawAnswer = (status: number, reason: string) =>
	`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: text/plain\r\n` +
	`content-length: ${reason.length}\r\n\r\n${reason}`;
/** Every header supabase-js sends (postgrest-js retries carry x-retry-count). */
const ALLOWED_HEADERS =
	'apikey, authorization, content-type, prefer, x-client-info, accept, accept-profile, content-profile, range, ' +
	'range-unit, x-supabase-api-version, x-retry-count';

class BodyTooLarge extends Error {}

/**
 * Deeper JSON than any Supabase client sends. Walking a value thousands of levels deep (as SQL text,
 * as a response) overflows the stack: such a body is refused before anything reads it.
 */
const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests arrays or objects more than `max` levels deep (no recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
	const stack: [unknown, number][] = [[value, 0]];
	while (stack.length > 0) {
		const [item, depth] = stack.pop()!;
		if (item === null || typeof item !== 'object') continue;
		if (depth >= max) return true;
		for (const child of Object.values(item)) stack.push([child, depth + 1]);
	}
	return false;
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const declared = Number(req.headers['content-length'] ?? 0);
		if (declared > limit) {
			reject(new BodyTooLarge());
			req.resume();
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				reject(new BodyTooLarge());
				req.resume();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string) {
	res.writeHead(status, { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) });
	res.end(body);
}

const sendError = (res: ServerResponse, cors: Record<string, string>, error: ApiError) =>
	send(res, error.status, { ...cors, 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(error));

export async function startEndpoint(options: EndpointOptions): Promise<Endpoint> {
	const { db } = options;
	const secret = new TextEncoder().encode(options.jwtSecret ?? LOCAL_JWT_SECRET);
	const limit = options.maxBodyBytes ?? 1024 * 1024;
	const allowed = new Set(options.allowedOrigins ?? []);
	const host = options.host ?? '127.0.0.1';
	const hosts = new Set([...LOOPBACK_HOSTS, ...(options.allowedHosts ?? []).map((name) => name.toLowerCase())]);
	if (!LOOPBACK_HOSTS.has(host) && (options.jwtSecret ?? LOCAL_JWT_SECRET) === LOCAL_JWT_SECRET) {
		throw new Error(
			`Refusing to listen on ${host} with the public demo JWT secret: anyone could sign a service-role key. ` +
				'Set PRAXIS_JWT_SECRET to a secret of your own, or listen on 127.0.0.1.',
		);
	}
	if (!LOOPBACK_HOSTS.has(host) && host !== '0.0.0.0' && host !== '::') hosts.add(host.toLowerCase());
	await installPlatform(db);
	const cache: SchemaCache = await loadSchemaCache(db.admin);

	const corsFor = (origin: string | undefined): Record<string, string> =>
		origin && (LOOPBACK_ORIGIN.test(origin) || allowed.has(origin))
			? {
					'access-control-allow-origin': origin,
					'access-control-allow-headers': ALLOWED_HEADERS,
					'access-control-allow-methods': 'GET, HEAD, POST, PATCH, DELETE, OPTIONS',
					'access-control-expose-headers':
						'content-range, content-location, preference-applied, range-unit, x-total-count, x-supabase-api-version',
					'access-control-max-age': '600',
					vary: 'origin',
				}
			: { vary: 'origin' };

	const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, async (req, res) => {
		const cors = corsFor(req.headers.origin);
		try {
			if (!hosts.has(hostName(req.headers.host))) {
				throw new ApiError(
					403,
					'PGRSTX01',
					`Host ${JSON.stringify(req.headers.host ?? '')} is not served here`,
					null,
					'The embedded endpoint answers loopback host names only; add others with PRAXIS_ALLOWED_HOSTS.',
				);
			}
			if ((req.url ?? '').length > MAX_URL_BYTES) {
				throw new ApiError(414, 'PGRSTX02', `The request URL is longer than ${MAX_URL_BYTES} bytes`);
			}
			const url = new URL(req.url ?? '/', 'http://localhost');
			if (req.method === 'OPTIONS') {
				send(res, 204, cors, '');
				return;
			}
			if (url.pathname === '/' || url.pathname === '/health') {
				send(
					res,
					200,
					{ ...cors, 'content-type': 'application/json' },
					JSON.stringify({ status: 'ok', database: db.description }),
				);
				return;
			}
			if (url.pathname.startsWith('/auth/v1/')) {
				await serveAuth(req, res, url, cors);
				return;
			}
			if (!url.pathname.startsWith('/rest/v1/')) {
				throw new ApiError(
					404,
					'PGRST125',
					`The embedded endpoint serves /rest/v1, /auth/v1 (anonymous sign-ins) and Realtime broadcasts, ` +
						`not ${url.pathname}. Storage needs hosted Supabase or \`supabase start\`.`,
				);
			}
			const caller = await authenticate(req.headers, secret, url.searchParams.get('apikey'));
			const text = await readBody(req, limit);
			let body: unknown;
			if (text.trim() !== '') {
				try {
					body = JSON.parse(text);
				} catch (error) {
					throw new ApiError(400, 'PGRST102', 'Empty or invalid json', (error as Error).message);
				}
				if (nestedDeeperThan(body, MAX_JSON_DEPTH)) {
					throw new ApiError(400, 'PGRST102', `JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
				}
			}
			const request = {
				method: req.method ?? 'GET',
				path: url.pathname.slice('/rest/v1/'.length),
				query: url.searchParams,
				headers: req.headers,
				body,
				role: caller.role,
			};
			let response: RestResponse;
			try {
				response = await db.asRole(caller.role, caller.claims, (sql) => handleRest(sql, cache, request));
			} catch (error) {
				if (!(error instanceof RolledBack)) throw toApiError(error, caller.role);
				response = error.response;
			}
			send(res, response.status, { ...cors, ...response.headers }, response.body);
		} catch (error) {
			if (error instanceof BodyTooLarge) {
				sendError(res, cors, new ApiError(413, 'PGRST413', `Request body larger than ${limit} bytes`));
			} else {
				sendError(res, cors, toApiError(error, 'anon'));
			}
		}
	});
	const auth = createAuth(db, {
		secret,
		issuer: `http://${options.host ?? '127.0.0.1'}:${options.port ?? 54321}`,
		accessTokenSeconds: options.accessTokenSeconds ?? 3600,
		anonymousSignInsPerHour: options.anonymousSignInsPerHour ?? 30,
		refreshReuseSeconds: options.refreshReuseSeconds,
	});
	/** /auth/v1: behind the same API key check as Supabase's gateway, answered in GoTrue's shapes. */
	async function serveAuth(req: IncomingMessage, res: ServerResponse, url: URL, cors: Record<string, string>) {
		const headers = {
			...cors,
			'content-type': 'application/json; charset=utf-8',
			'x-supabase-api-version': AUTH_API_VERSION,
		};
		try {
			await authenticate({ apikey: req.headers.apikey ?? url.searchParams.get('apikey') ?? undefined }, secret);
			const text = await readBody(req, limit);
			let body: unknown;
			if (text.trim() !== '') {
				try {
					body = JSON.parse(text);
				} catch {
					throw new AuthError(400, 'bad_json', 'Could not parse request body as JSON');
				}
				if (nestedDeeperThan(body, MAX_JSON_DEPTH)) {
					throw new AuthError(400, 'bad_json', `JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
				}
			}
			const authorization = [req.headers.authorization].flat()[0];
			const answer = await auth.handle({
				method: req.method ?? 'GET',
				path: url.pathname.slice('/auth/v1/'.length),
				query: url.searchParams,
				authorization,
				body,
				address: req.socket.remoteAddress ?? 'unknown',
			});
			send(res, answer.status, headers, answer.body === undefined ? '' : JSON.stringify(answer.body));
		} catch (error) {
			if (error instanceof AuthError) send(res, error.status, headers, JSON.stringify(error));
			else if (error instanceof ApiError) send(res, error.status, headers, JSON.stringify({ message: error.message }));
			else if (error instanceof BodyTooLarge) {
				send(res, 413, headers, JSON.stringify({ code: 'request_too_large', msg: 'Request body too large' }));
			} else send(res, 500, headers, JSON.stringify({ code: 'unexpected_failure', msg: (error as Error).message }));
		}
	}
	const realtime = attachRealtime(server, secret, db, {
		hostAllowed: (header) => hosts.has(hostName(header)),
		originAllowed: (origin) => origin === undefined || LOOPBACK_ORIGIN.test(origin) || allowed.has(origin),
		limits: options.realtimeLimits,
	});
	// What the database sends with realtime.send (platform.sql) reaches the subscribers of its topic.
	const stopRelay = await db.listen(BROADCAST_CHANNEL, (text) => {
		const message = parseBroadcast(text);
		if (message) realtime.broadcast(message.topic, message.event, message.payload, message.private);
	});
	// What Node's parser refuses (a bad request line or header, an unknown method, headers too large) gets
	// an answer, as the HTTP spec asks, and a client that drops its connection mid-request takes nothing down.
	server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
		if (!socket.writable || error.code === 'ECONNRESET') {
			socket.destroy();
			return;
		}
		socket.end(
			error.code === 'HPE_HEADER_OVERFLOW'
				? rawAnswer(431, 'Request Header Fields Too Large')
				: rawAnswer(400, 'Bad Request'),
		);
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 54321, host, () => resolve());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	return {
		server,
		realtime,
		url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
		async close() {
			await stopRelay();
			await realtime.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
