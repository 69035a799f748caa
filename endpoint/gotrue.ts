/**
 * The part of Supabase Auth (GoTrue) the site needs, with GoTrue's paths, JSON and errors, so
 * @supabase/auth-js works against it unchanged: anonymous sign-up, the refresh-token grant with
 * rotation, the user, logout and settings. Users, sessions and refresh tokens live where GoTrue keeps
 * them (auth.users, auth.sessions, auth.refresh_tokens: platform.sql). Anything else (email, phone,
 * OAuth, passwords) is refused as a GoTrue project with those providers switched off refuses it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { type Caller, verifyToken } from './auth.ts';
import type { SqlBackend } from './database.ts';

/** GoTrue's API version: auth-js reads error codes from `code` when the answer carries it. */
export const AUTH_API_VERSION = '2024-01-01';

export class AuthError extends Error {
	readonly status: number;
	readonly errorCode: string;
	constructor(status: number, errorCode: string, message: string) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}
	toJSON() {
		return { code: this.errorCode, msg: this.message };
	}
}

export interface AuthOptions {
	secret: Uint8Array;
	/** The endpoint's own URL, for the tokens' `iss`. */
	issuer: string;
	/** Lifetime of an access token (GoTrue's JWT_EXP), in seconds. */
	accessTokenSeconds: number;
	/** Anonymous sign-ins per client address and hour (config.toml's auth.rate_limit.anonymous_users). */
	anonymousSignInsPerHour: number;
	/** A used refresh token still answers with its successor this long (GoTrue's reuse interval); default 10 s. */
	refreshReuseSeconds?: number;
	now?: () => number;
}

export interface AuthRequest {
	method: string;
	/** The path after /auth/v1/. */
	path: string;
	query: URLSearchParams;
	authorization: string | undefined;
	body: unknown;
	/** The client's address, for the sign-in rate limit. */
	address: string;
}

export interface AuthResponse {
	status: number;
	body: unknown;
}

const HOUR_MS = 3_600_000;

interface UserRow {
	id: string;
	aud: string;
	role: string;
	is_anonymous: boolean;
	created_at: string;
	updated_at: string;
	last_sign_in_at: string | null;
}

const userJson = (user: UserRow) => ({
	id: user.id,
	aud: user.aud,
	role: user.role,
	email: '',
	phone: '',
	last_sign_in_at: user.last_sign_in_at,
	app_metadata: {},
	user_metadata: {},
	identities: [],
	created_at: user.created_at,
	updated_at: user.updated_at,
	is_anonymous: user.is_anonymous,
});

export function createAuth(db: SqlBackend, options: AuthOptions) {
	const now = options.now ?? Date.now;
	const signIns = new Map<string, number[]>();

	/** GoTrue counts anonymous sign-ins per address in a sliding hour. */
	function admitSignIn(address: string) {
		const since = now() - HOUR_MS;
		const recent = (signIns.get(address) ?? []).filter((t) => t > since);
		if (recent.length >= options.anonymousSignInsPerHour) {
			throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
		}
		recent.push(now());
		signIns.set(address, recent);
		if (signIns.size > 10_000) {
			for (const [key, times] of signIns) if (times.every((t) => t <= since)) signIns.delete(key);
		}
	}

	async function session(user: UserRow, sessionId: string, refreshToken: string) {
		const issuedAt = Math.floor(now() / 1000);
		const expiresAt = issuedAt + options.accessTokenSeconds;
		const accessToken = await new SignJWT({
			aud: 'authenticated',
			role: 'authenticated',
			email: '',
			phone: '',
			app_metadata: {},
			user_metadata: {},
			aal: 'aal1',
			amr: [{ method: 'anonymous', timestamp: issuedAt }],
			session_id: sessionId,
			is_anonymous: user.is_anonymous,
		})
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setSubject(user.id)
			.setIssuer(`${options.issuer}/auth/v1`)
			.setIssuedAt(issuedAt)
			.setExpirationTime(expiresAt)
			.sign(options.secret);
		return {
			access_token: accessToken,
			token_type: 'bearer',
			expires_in: options.accessTokenSeconds,
			expires_at: expiresAt,
			refresh_token: refreshToken,
			user: userJson(user),
		};
	}

	const newToken = () => randomBytes(24).toString('base64url');

	async function signUpAnonymously(request: AuthRequest) {
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (typeof body !== 'object' || Array.isArray(body)) {
			throw new AuthError(400, 'validation_failed', 'Could not read the sign-up request');
		}
		if (body.email !== undefined || body.phone !== undefined || body.password !== undefined) {
			throw new AuthError(400, 'email_provider_disabled', 'Email and phone sign-ups are disabled: sign in anonymously');
		}
		admitSignIn(request.address);
		const id = randomUUID();
		const sessionId = randomUUID();
		const token = newToken();
		const { rows } = await db.admin.query<UserRow>(
			`with u as (
			   insert into auth.users (id, aud, role, is_anonymous, raw_app_meta_data, raw_user_meta_data, last_sign_in_at)
			   values ($1, 'authenticated', 'authenticated', true, '{}', '{}', now()) returning *),
			 s as (insert into auth.sessions (id, user_id) select $2, id from u returning id),
			 t as (insert into auth.refresh_tokens (token, user_id, session_id) select $3, $1, id from s returning id)
			 select u.id, u.aud, u.role, u.is_anonymous, u.created_at, u.updated_at, u.last_sign_in_at from u, t`,
			[id, sessionId, token],
		);
		return session(rows[0]!, sessionId, token);
	}

	async function refresh(request: AuthRequest) {
		const token = (request.body as { refresh_token?: unknown } | undefined)?.refresh_token;
		if (typeof token !== 'string' || token === '') {
			throw new AuthError(400, 'validation_failed', 'Refresh Token is required');
		}
		const next = newToken();
		// One statement: two refreshes of the same token at once cannot both rotate it.
		const rotated = await db.admin.query<UserRow & { session_id: string }>(
			`with old as (
			   update auth.refresh_tokens set revoked = true, updated_at = now()
			   where token = $1 and not revoked returning user_id, session_id, token),
			 new as (
			   insert into auth.refresh_tokens (token, user_id, parent, session_id)
			   select $2, user_id, token, session_id from old returning session_id)
			 select u.id, u.aud, u.role, u.is_anonymous, u.created_at, u.updated_at, u.last_sign_in_at, new.session_id
			 from new join auth.users u on u.id::text = (select user_id from old)`,
			[token, next],
		);
		if (rotated.rows[0]) return session(rotated.rows[0], rotated.rows[0].session_id, next);

		const { rows } = await db.admin.query<{ session_id: string; recent_child: string | null }>(
			`select t.session_id,
			        case when t.updated_at > now() - make_interval(secs => $2) then
			          (select c.token from auth.refresh_tokens c
			            where c.session_id = t.session_id and not c.revoked order by c.id desc limit 1)
			        end as recent_child
			 from auth.refresh_tokens t where t.token = $1 and t.revoked`,
			[token, options.refreshReuseSeconds ?? 10],
		);
		const used = rows[0];
		if (!used) throw new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
		if (used.recent_child) {
			// Two tabs refreshing at once: the late one gets the session's current token.
			const user = await userOfSession(used.session_id);
			return session(user, used.session_id, used.recent_child);
		}
		// A token used again later may have been stolen: end the whole session, as GoTrue does.
		await db.admin.query('delete from auth.sessions where id = $1', [used.session_id]);
		throw new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
	}

	async function userOfSession(sessionId: string): Promise<UserRow> {
		const { rows } = await db.admin.query<UserRow>(
			`select u.id, u.aud, u.role, u.is_anonymous, u.created_at, u.updated_at, u.last_sign_in_at
			 from auth.sessions s join auth.users u on u.id = s.user_id where s.id = $1`,
			[sessionId],
		);
		if (!rows[0]) throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
		return rows[0];
	}

	/** The signed-in caller of /user and /logout: a valid user JWT whose session still exists. */
	async function caller(request: AuthRequest): Promise<{ claims: Caller['claims']; user: UserRow }> {
		const bearer = request.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
		if (!bearer) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
		let verified: Caller;
		try {
			verified = await verifyToken(bearer, options.secret);
		} catch (error) {
			throw new AuthError(403, 'bad_jwt', `invalid JWT: ${(error as Error).message}`);
		}
		const sessionId = verified.claims.session_id;
		if (verified.role !== 'authenticated' || typeof sessionId !== 'string') {
			throw new AuthError(403, 'bad_jwt', 'invalid JWT: not a user session');
		}
		return { claims: verified.claims, user: await userOfSession(sessionId) };
	}

	async function logout(request: AuthRequest) {
		const { claims, user } = await caller(request);
		const scope = request.query.get('scope') ?? 'global';
		if (scope === 'local') await db.admin.query('delete from auth.sessions where id = $1', [claims.session_id]);
		else if (scope === 'others') {
			await db.admin.query('delete from auth.sessions where user_id = $1 and id <> $2', [user.id, claims.session_id]);
		} else if (scope === 'global') await db.admin.query('delete from auth.sessions where user_id = $1', [user.id]);
		else throw new AuthError(400, 'validation_failed', 'Unsupported logout scope');
	}

	return {
		async handle(request: AuthRequest): Promise<AuthResponse> {
			const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
			switch (route) {
				case 'GET settings':
					return {
						status: 200,
						body: {
							external: { anonymous_users: true, email: false, phone: false },
							disable_signup: false,
							mailer_autoconfirm: false,
							phone_autoconfirm: false,
							sms_provider: '',
							saml_enabled: false,
						},
					};
				case 'POST signup':
					return { status: 200, body: await signUpAnonymously(request) };
				case 'POST token': {
					const grant = request.query.get('grant_type');
					if (grant === 'refresh_token') return { status: 200, body: await refresh(request) };
					if (grant === 'password' || grant === 'pkce' || grant === 'id_token') {
						throw new AuthError(400, 'provider_disabled', `The ${grant} grant is not enabled: sign in anonymously`);
					}
					throw new AuthError(400, 'validation_failed', 'unsupported_grant_type');
				}
				case 'GET user':
					return { status: 200, body: userJson((await caller(request)).user) };
				case 'POST logout':
					await logout(request);
					return { status: 204, body: undefined };
				default:
					throw new AuthError(
						404,
						'not_found',
						`The embedded endpoint serves anonymous sign-ins only, not ${request.method} /auth/v1/${request.path}. ` +
							'Email, phone and OAuth need hosted Supabase or `supabase start`.',
					);
			}
		},
	};
}
