/**
 * The subset of Supabase Realtime the site uses: Broadcast on public channels, over the Phoenix
 * channel protocol that @supabase/realtime-js speaks (`/realtime/v1/websocket`). Clients join a
 * channel, the endpoint broadcasts to it, heartbeats are answered. No Postgres Changes, no Presence,
 * no client-sent broadcasts: what is announced is what the database sends with `realtime.send`, as on
 * Supabase (the endpoint's stand-in for it, in platform.sql, notifies BROADCAST_CHANNEL).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { authenticate } from './auth.ts';

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
	broadcast(topic: string, event: string, payload?: Record<string, unknown>): void;
	close(): Promise<void>;
}

export function attachRealtime(server: Server, secret: Uint8Array): Realtime {
	const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
	/** topic → sockets and the join ref each used for it. */
	const members = new Map<string, Map<WebSocket, string | null>>();

	server.on('upgrade', async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/realtime/v1/websocket')) {
			socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
			return;
		}
		try {
			await authenticate({ apikey: url.searchParams.get('apikey') ?? undefined }, secret);
		} catch {
			socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
			return;
		}
		wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
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

	function accept(ws: WebSocket) {
		ws.on('message', (data, isBinary) => {
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
				const config = (message[4] as { config?: { private?: boolean } } | undefined)?.config;
				if (config?.private)
					return reply(ws, message, 'error', { reason: 'private channels are not served by the embedded endpoint' });
				const joined = members.get(topic) ?? new Map<WebSocket, string | null>();
				joined.set(ws, joinRef);
				members.set(topic, joined);
				return reply(ws, message, 'ok', { postgres_changes: [] });
			}
			if (event === 'phx_leave') {
				members.get(topic)?.delete(ws);
				return reply(ws, message, 'ok');
			}
			// access_token refreshes and anything else: acknowledged, nothing to do.
			return reply(ws, message, 'ok');
		});
		ws.on('close', () => {
			for (const joined of members.values()) joined.delete(ws);
		});
		ws.on('error', () => ws.terminate());
	}

	return {
		broadcast(topic, event, payload = {}) {
			const full = `realtime:${topic}`;
			for (const [ws, joinRef] of members.get(full) ?? []) {
				send(ws, [joinRef, null, full, 'broadcast', { type: 'broadcast', event, payload }]);
			}
		},
		async close() {
			for (const ws of wss.clients) ws.terminate();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		},
	};
}
