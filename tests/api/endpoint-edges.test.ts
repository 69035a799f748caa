/**
 * The embedded endpoint at its edges: requests Node's parser refuses get an answer (400, 414, 431), the
 * API key is required as hosted Supabase requires it, and only loopback host names (and configured
 * ones) are served, over HTTP and on the Realtime socket, against DNS rebinding.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ANON_KEY } from '../../endpoint/auth.ts';
import type { SqlBackend } from '../../endpoint/database.ts';
import { type Endpoint, startEndpoint } from '../../endpoint/endpoint.ts';
import { openEndpoint } from '../helpers/endpoint.ts';

let db: SqlBackend;
let endpoint: Endpoint;
let stop: () => Promise<void>;
let port = 0;
beforeAll(async () => {
	({ db, endpoint, stop } = await openEndpoint({ allowedHosts: ['praxis.internal'] }));
	port = Number(new URL(endpoint.url).port);
});
afterAll(async () => stop?.());

/** Sends raw bytes and resolves to the first line of the answer ('' when the socket closes silently). */
const raw = (text: string) =>
	new Promise<string>((resolve, reject) => {
		const socket = connect(port, '127.0.0.1', () => socket.end(text));
		let answer = '';
		socket.on('data', (chunk) => (answer += chunk));
		socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
		socket.on('error', reject);
	});

/** A request with any Host header (fetch cannot set one). */
const withHost = (host: string, path: string, headers: Record<string, string> = {}) =>
	new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = request(
			{ host: '127.0.0.1', port, path, headers: { host, apikey: LOCAL_ANON_KEY, ...headers } },
			(res) => {
				let body = '';
				res.on('data', (chunk) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			},
		);
		req.on('error', reject);
		req.end();
	});

describe('malformed HTTP', () => {
	it('answers what the parser refuses instead of closing the socket', async () => {
		expect(await raw('GARBAGE\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
		expect(await raw('FOO /rest/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
		expect(await raw('GET /rest/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n')).toBe(
			'HTTP/1.1 400 Bad Request',
		);
		const longUrl = `GET /rest/v1/check_ins?select=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
		expect(await raw(longUrl)).toMatch(/^HTTP\/1\.1 414/);
		const bigHeader = `GET /rest/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nx-big: ${'b'.repeat(70_000)}\r\n\r\n`;
		expect(await raw(bigHeader)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
		// Still serving afterwards.
		expect((await fetch(`${endpoint.url}/health`)).status).toBe(200);
	});
});

describe('the API key', () => {
	it('is required as hosted Supabase requires it: apikey header or ?apikey=, not Authorization alone', async () => {
		const alone = await fetch(`${endpoint.url}/rest/v1/check_ins?select=id`, {
			headers: { authorization: `Bearer ${LOCAL_ANON_KEY}` },
		});
		expect(alone.status).toBe(401);
		expect(await alone.json()).toMatchObject({ message: 'No API key found in request' });
		const query = await fetch(`${endpoint.url}/rpc/none?apikey=x`.replace('/rpc', '/rest/v1/rpc'));
		expect(query.status).toBe(401);
		const good = await fetch(`${endpoint.url}/rest/v1/rpc/workflow_summary?apikey=${LOCAL_ANON_KEY}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ p_workflow: 'nda-first-pass-review' }),
		});
		expect(good.status).toBe(200);
	});
});

describe('host names', () => {
	it('serves loopback and configured host names only, with a clear 403 otherwise', async () => {
		for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'praxis.internal']) {
			expect((await withHost(host, '/health')).status, host).toBe(200);
		}
		const rebound = await withHost('rebind.attacker.example', '/rest/v1/rpc/workflow_summary');
		expect(rebound.status).toBe(403);
		expect(JSON.parse(rebound.body)).toMatchObject({ hint: expect.stringContaining('PRAXIS_ALLOWED_HOSTS') });
	});

	it('refuses a Realtime socket from a rebound name or a foreign page', async () => {
		const upgrade = (headers: Record<string, string>) =>
			raw(
				`GET /realtime/v1/websocket?apikey=${LOCAL_ANON_KEY}&vsn=1.0.0 HTTP/1.1\r\n` +
					Object.entries({
						connection: 'Upgrade',
						upgrade: 'websocket',
						'sec-websocket-version': '13',
						'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
						...headers,
					})
						.map(([name, value]) => `${name}: ${value}`)
						.join('\r\n') +
					'\r\n\r\n',
			);
		expect(await upgrade({ host: `127.0.0.1:${port}`, origin: 'http://localhost:4321' })).toBe(
			'HTTP/1.1 101 Switching Protocols',
		);
		expect(await upgrade({ host: 'rebind.attacker.example' })).toBe('HTTP/1.1 403 Forbidden');
		expect(await upgrade({ host: `127.0.0.1:${port}`, origin: 'https://evil.example' })).toBe('HTTP/1.1 403 Forbidden');
	});

	it('will not listen beyond loopback with the public demo secret', async () => {
		await expect(startEndpoint({ db, host: '0.0.0.0', port: 0 })).rejects.toThrow(/public demo JWT secret/);
	});
});
