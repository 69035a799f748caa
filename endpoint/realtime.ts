/**
 * The subset of Supabase Realtime the site uses: Broadcast, over the Phoenix channel protocol that
 * @supabase/realtime-js speaks (`/realtime/v1/websocket`). Clients join a channel, the endpoint
 * broadcasts to it, heartbeats are answered. No Postgres Changes, no Presence, no client-sent
 * broadcasts: what is announced is what the database sends with `realtime.send`, as on Supabase (the
 * endpoint's stand-in for it, in platform.sql, notifies BROADCAST_CHANNEL).
 *
 * Private channels are authorized as Supabase's Realtime does it: at join, with the access token in
 * the join payload, the SELECT policies on realtime.messages must let the caller see a broadcast row
 * of that topic (realtime.topic() names it). A private message reaches only private subscribers.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { authenticate, verifyToken } from './auth.ts';
import type { SqlBackend } from './database.ts';

type Message = [joinRef: string | null, ref: string | null, topic: string, event: string, payload: unknown];

/** The NOTIFY channel platform.sql's realtime.send speaks on. */
export const BROADCAST_CHANNEL = 'realtime_broadcast';

export interface BroadcastMessage {
	topic: string;
	event: string;
	payload: Record<string, unknown>;
	private: boolean;
}

/** A NOTIFY payload from realtime.send, or undefined if it is not one. */
export function parseBroadcast(text: string): BroadcastMessage | undefined {
	try {
		const value = JSON.parse(text) as Partial<BroadcastMessage>;
		if (typeof value.topic !== 'string' || typeof value.event !== 'string') return undefined;
		const payload =
			value.payload && typeof value.payload === 'object' && !Array.isArray(value.payload) ? value.payload : {};
		return { topic: value.topic, event: value.event, payload, private: value.private !== false };
	} catch {
		return undefined;
	}
}

export interface Realtime {
	/** Sends a broadcast `event` to everyone joined to `topic` (without the `realtime:` prefix). */
	broadcast(topic: string, event: string, payload?: Record<string, unknown>, isPrivate?: boolean): void;
	/** Topics with at least one subscriber: what the endpoint holds in memory for Realtime. */
	topicCount(): number;
	close(): Promise<void>;
}

/** Thrown to roll the authorization check back, carrying its answer. */
class Answer {
	readonly allowed: boolean;
	constructor(allowed: boolean) {
		this.allowed = allowed;
	}
}

/** Whether the caller with these claims may listen on a private topic, by the project's RLS policies. */
export async function mayListen(db: SqlBackend, token: string | undefined, topic: string, secret: Uint8Array) {
	if (!token) return false;
	const caller = await verifyToken(token, secret).catch(() => undefined);
	if (!caller) return false;
	return db
		.asRole(caller.role, caller.claims, async (sql) => {
			// The row to check is written as the owner, read as the caller, and never kept.
			await sql.query('reset role');
			await sql.query(`insert into realtime.messages (topic, extension, private) values ($1, 'broadcast', true)`, [
				topic,
			]);
			await sql.query(`select set_config('role', $1, true), set_config('realtime.topic', $2, true)`, [
				caller.role,
				topic,
			]);
			const { rows } = await sql.query<{ n: number }>(
				`select count(*)::integer as n from realtime.messages where topic = $1 and extension = 'broadcast'`,
				[topic],
			);
			throw new Answer((rows[0]?.n ?? 0) > 0);
		})
		.catch((error: unknown) => {
			if (error instanceof Answer) return error.allowed;
			return false;
		});
}

/** What one client may hold open; defaults suit a team's pages, not a crowd. */
export interface RealtimeLimits {
	/** Channels one socket may join (realtime-js pages join one or two). Default 100. */
	channelsPerSocket: number;
	/** Sockets open at once from one client address. Default 50. */
	socketsPerClient: number;
	/** A socket that sends nothing (not even realtime-js's 25 s heartbeat) for this long is closed. Default 60 s. */
	idleMs: number;
}
export const REALTIME_LIMITS: RealtimeLimits = { channelsPerSocket: 100, socketsPerClient: 50, idleMs: 60_000 };

export interface UpgradePolicy {
	/** Whether the Host header names this endpoint (DNS rebinding). */
	hostAllowed(host: string | undefined): boolean;
	/** Whether a page of this Origin may open a socket, as CORS decides for HTTP. */
	originAllowed(origin: string | undefined): boolean;
	limits?: Partial<RealtimeLimits>;
}

export function attachRealtime(server: Server, secret: Uint8Array, db: SqlBackend, policy: UpgradePolicy): Realtime {
	const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
	/** topic → sockets, the join ref each used for it, and whether they joined it as a private channel. */
	const members = new Map<string, Map<WebSocket, { joinRef: string | null; private: boolean }>>();
	const limits = { ...REALTIME_LIMITS, ...policy.limits };
	/** Per socket: the topics it joined, and when it last sent anything. */
	const sockets = new Map<WebSocket, { topics: Set<string>; seen: number; client: string }>();
	const perClient = new Map<string, number>();
	const leave = (ws: WebSocket, topic: string) => {
		const joined = members.get(topic);
		joined?.delete(ws);
		if (joined?.size === 0) members.delete(topic);
		sockets.get(ws)?.topics.delete(topic);
	};
	const idle = setInterval(
		() => {
			const now = Date.now();
			for (const [ws, state] of sockets) if (now - state.seen > limits.idleMs) ws.terminate();
		},
		Math.min(10_000, Math.max(50, limits.idleMs / 4)),
	);
	idle.unref();

	server.on('upgrade', async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/realtime/v1/websocket')) {
			socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
			return;
		}
		if (!policy.hostAllowed(req.headers.host) || !policy.originAllowed(req.headers.origin)) {
			socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
			return;
		}
		const client = req.socket.remoteAddress ?? '';
		if ((perClient.get(client) ?? 0) >= limits.socketsPerClient) {
			socket.end('HTTP/1.1 429 Too Many Requests\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
			return;
		}
		const apikey = url.searchParams.get('apikey') ?? undefined;
		try {
			await authenticate({ apikey }, secret);
		} catch {
			socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
			return;
		}
		wss.handleUpgrade(req, socket, head, (ws) => accept(ws, apikey, client));
	});

	const send = (ws: WebSocket, message: Message) => {
		if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
	};
	const reply = (
		ws: WebSocket,
		[joinRef, ref, topic]: Message,
		status: 'ok' | 'error',
		response: Record<string, unknown> = {},
	) => send(ws, [joinRef, ref, topic, 'phx_reply', { status, response }]);

	/** `apikey`: the socket's key, which stands for the caller when a join carries no access token. */
	function accept(ws: WebSocket, apikey: string | undefined, client: string) {
		const state = { topics: new Set<string>(), seen: Date.now(), client };
		sockets.set(ws, state);
		perClient.set(client, (perClient.get(client) ?? 0) + 1);
		ws.on('message', (data, isBinary) => {
			state.seen = Date.now();
			// Client broadcasts arrive as binary frames; this endpoint does not relay them.
			if (isBinary) return;
			let message: Message;
			try {
				message = JSON.parse(String(data)) as Message;
				if (!Array.isArray(message) || typeof message[2] !== 'string' || typeof message[3] !== 'string') return;
			} catch {
				return;
			}
			const [joinRef, , topic, event] = message;
			if (topic === 'phoenix' && event === 'heartbeat') return reply(ws, message, 'ok');
			if (event === 'phx_join') {
				const payload = message[4] as { config?: { private?: boolean }; access_token?: unknown } | undefined;
				const isPrivate = payload?.config?.private === true;
				if (!state.topics.has(topic) && state.topics.size >= limits.channelsPerSocket) {
					return reply(ws, message, 'error', {
						reason: `At most ${limits.channelsPerSocket} channels per connection`,
					});
				}
				const join = () => {
					if (ws.readyState !== ws.OPEN) return;
					state.topics.add(topic);
					const joined = members.get(topic) ?? new Map();
					joined.set(ws, { joinRef, private: isPrivate });
					members.set(topic, joined);
					reply(ws, message, 'ok', { postgres_changes: [] });
				};
				if (!isPrivate) return join();
				const token = typeof payload?.access_token === 'string' ? payload.access_token : apikey;
				void mayListen(db, token, topic.replace(/^realtime:/, ''), secret).then((allowed) =>
					allowed
						? join()
						: reply(ws, message, 'error', {
								reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`,
							}),
				);
				return;
			}
			if (event === 'phx_leave') {
				leave(ws, topic);
				return reply(ws, message, 'ok');
			}
			// access_token refreshes and anything else: acknowledged, nothing to do.
			return reply(ws, message, 'ok');
		});
		ws.on('close', () => {
			// Only the topics this socket joined: nothing of it stays behind.
			for (const topic of [...state.topics]) leave(ws, topic);
			sockets.delete(ws);
			const open = (perClient.get(client) ?? 1) - 1;
			if (open > 0) perClient.set(client, open);
			else perClient.delete(client);
		});
		ws.on('error', () => ws.terminate());
	}

	return {
		broadcast(topic, event, payload = {}, isPrivate = false) {
			const full = `realtime:${topic}`;
			for (const [ws, joined] of members.get(full) ?? []) {
				if (joined.private !== isPrivate) continue;
				send(ws, [joined.joinRef, null, full, 'broadcast', { type: 'broadcast', event, payload }]);
			}
		},
		topicCount: () => members.size,
		async close() {
			clearInterval(idle);
			for (const ws of wss.clients) ws.terminate();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		},
	};
}
