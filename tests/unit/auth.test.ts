import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authenticate, LOCAL_JWT_SECRET } from '../../endpoint/auth.ts';

const secret = new TextEncoder().encode(LOCAL_JWT_SECRET);
const sign = (claims: Record<string, unknown>, key: Uint8Array, exp: number) =>
	new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(key);

afterEach(() => void vi.useRealTimers());

describe('API keys', () => {
	it(
		'accepts a key again and again until it expires, and refuses it after, though it was accepted ' + 'before',
		async () => {
			vi.useFakeTimers({ toFake: ['Date'] });
			const start = new Date('2026-11-26T12:00:00Z');
			vi.setSystemTime(start);
			const key = await sign({ role: 'anon' }, secret, start.getTime() / 1000 + 60);
			for (let i = 0; i < 3; i++) expect((await authenticate({ apikey: key }, secret)).role).toBe('anon');
			vi.setSystemTime(start.getTime() + 61_000);
			await expect(authenticate({ apikey: key }, secret)).rejects.toMatchObject({
				status: 401,
				message: 'JWT expired',
			});
		},
	);

	it('refuses a key signed with another secret every time it comes', async () => {
		const forged = await sign(
			{ role: 'service_role' },
			new TextEncoder().encode('x'.repeat(40)),
			Math.floor(Date.now() / 1000) + 60,
		);
		for (let i = 0; i < 2; i++)
			await expect(authenticate({ apikey: forged }, secret)).rejects.toMatchObject({
				status: 401,
				message: 'Invalid API key',
			});
	});

	it('takes the role from the bearer token when it differs from the apikey', async () => {
		const exp = Math.floor(Date.now() / 1000) + 60;
		const [anon, service] = await Promise.all([
			sign({ role: 'anon' }, secret, exp),
			sign({ role: 'service_role' }, secret, exp),
		]);
		expect((await authenticate({ apikey: anon, authorization: `Bearer ${service}` }, secret)).role).toBe(
			'service_role',
		);
		expect((await authenticate({ apikey: anon }, secret)).role).toBe('anon');
	});
});
