/**
 * What one client may hold on the embedded endpoint's Realtime: a socket's channels are capped, a
 * client's sockets are capped, a silent socket is closed, and nothing of a socket stays in memory
 * after it leaves or closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LOCAL_ANON_KEY } from '../../endpoint/auth.ts';
import type { Endpoint } from '../../endpoint/endpoint.ts';
import { openEndpoint } from '../helpers/endpoint.ts';

let endpoint: Endpoint;
let stop: () => Promise<void>;
beforeAll(async () => {
	({ endpoint, stop } = await openEndpoint({
		realtimeLimits: { channelsPerSocket: 3, socketsPerClient: 2, idleMs: 400 },
	}));
});
afterAll(async () => stop?.());

const socketUrl = () =>
	`${endpoint.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${LOCAL_ANON_KEY}&vsn=1.0.0`;
/** An open socket, or the HTTP status its upgrade was refused with. */
const open = () =>
	new Promise<WebSocket | number>((resolve) => {
		const ws = new WebSocket(socketUrl());
		ws.once('open', () => resolve(ws));
		ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
	});
/** Sends a Phoenix message and resolves to the reply's status. */
const ask = (ws: WebSocket, ref: string, topic: string, event: string) =>
	new Promise<string>((resolve) => {
		const onMessage = (data: Buffer) => {
			const [, replyRef, , kind, payload] = JSON.parse(String(data));
			if (replyRef !== ref || kind !== 'phx_reply') return;
			ws.off('message', onMessage);
			resolve(payload.status);
		};
		ws.on('message', onMessage);
		ws.send(JSON.stringify([ref, ref, topic, event, {}]));
	});
const closed = (ws: WebSocket) =>
	new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve())));

describe('Realtime limits', () => {
	it('caps channels per socket, and keeps no topic once its subscribers leave or close', async () => {
		const ws = (await open()) as WebSocket;
		for (let i = 0; i < 3; i++) expect(await ask(ws, `j${i}`, `realtime:topic-${i}`, 'phx_join')).toBe('ok');
		expect(await ask(ws, 'j3', 'realtime:topic-3', 'phx_join')).toBe('error');
		expect(endpoint.realtime.topicCount()).toBe(3);
		// Joining and leaving many topics in turn leaves nothing behind.
		for (let i = 0; i < 2000; i++) {
			await ask(ws, `l${i}`, 'realtime:topic-0', 'phx_leave');
			await ask(ws, `r${i}`, 'realtime:topic-0', 'phx_join');
		}
		expect(await ask(ws, 'x', 'realtime:topic-0', 'phx_leave')).toBe('ok');
		expect(endpoint.realtime.topicCount()).toBe(2);
		ws.close();
		await closed(ws);
		await expect.poll(() => endpoint.realtime.topicCount()).toBe(0);
	});

	it('caps sockets per client, and frees the place when one closes', async () => {
		const first = (await open()) as WebSocket;
		const second = (await open()) as WebSocket;
		expect(await open()).toBe(429);
		first.close();
		await closed(first);
		const third = await open();
		expect(third).toBeInstanceOf(WebSocket);
		for (const ws of [second, third as WebSocket]) ws.close();
		await Promise.all([closed(second), closed(third as WebSocket)]);
	});

	it('closes a socket that stays silent, and keeps one that sends heartbeats', async () => {
		const silent = (await open()) as WebSocket;
		const talking = (await open()) as WebSocket;
		const beat = setInterval(() => talking.send(JSON.stringify([null, 'hb', 'phoenix', 'heartbeat', {}])), 100);
		const started = Date.now();
		await closed(silent);
		expect(Date.now() - started).toBeLessThan(2000);
		await new Promise((resolve) => setTimeout(resolve, 600));
		expect(talking.readyState).toBe(WebSocket.OPEN);
		clearInterval(beat);
		talking.close();
		await closed(talking);
	});
});
