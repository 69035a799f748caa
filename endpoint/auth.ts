/**
 * API keys as Supabase issues them: HS256 JWTs whose `role` claim picks the Postgres role. The
 * defaults are the Supabase CLI's well-known local demo secret and keys, so a site built for
 * `supabase start` works against this endpoint unchanged (and the other way round).
 */
import { errors, type JWTPayload, jwtVerify } from 'jose';
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_ROLE_KEY } from '../src/lib/data-api/local-keys.ts';
import { API_ROLES, type ApiRole } from './database.ts';
import { ApiError } from './errors.ts';

export { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_ROLE_KEY };

export interface Caller {
	role: ApiRole;
	claims: JWTPayload;
}

const unauthorized = (message: string, hint: string | null = null) =>
	new ApiError(401, 'PGRST301', message, null, hint);

/** A JWT signed with the secret whose role (anon when absent) is an API role; throws an ApiError (401) otherwise. */
export async function verifyToken(token: string, secret: Uint8Array): Promise<Caller> {
	let payload: JWTPayload;
	try {
		({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] }));
	} catch (error) {
		if (error instanceof errors.JWTExpired) throw unauthorized('JWT expired');
		throw unauthorized('Invalid API key', "The key is not a JWT signed with this project's secret.");
	}
	// As PostgREST: a token without a role claim is the anonymous role's.
	const role = payload.role ?? 'anon';
	if (typeof role !== 'string' || !API_ROLES.includes(role as ApiRole)) {
		throw unauthorized(
			`JWT role ${JSON.stringify(role)} is not allowed`,
			`Use a key with role ${API_ROLES.join(', ')}.`,
		);
	}
	return { role: role as ApiRole, claims: payload };
}

/**
 * Keys already verified, per secret. Every request carries the same few keys, and checking the
 * signature again each time was a visible share of the endpoint's time under insert load. An entry is
 * used only until its JWT expires; only keys that passed are kept, and at most MAX_VERIFIED of them.
 */
const verified = new WeakMap<Uint8Array, Map<string, Caller>>();
const MAX_VERIFIED = 1000;

async function verifyOnce(token: string, secret: Uint8Array): Promise<Caller> {
	let cache = verified.get(secret);
	if (!cache) {
		cache = new Map();
		verified.set(secret, cache);
	}
	const known = cache.get(token);
	if (known && (known.claims.exp === undefined || known.claims.exp * 1000 > Date.now())) return known;
	cache.delete(token);
	const caller = await verifyToken(token, secret);
	if (cache.size >= MAX_VERIFIED) cache.clear();
	cache.set(token, caller);
	return caller;
}

/**
 * The caller of a request, as hosted Supabase's gateway decides it: an `apikey` (header, or the
 * `apikey` query parameter) is required and must be a valid key; an `Authorization: Bearer` token,
 * when present, then decides the role, as in PostgREST. A token in `Authorization` alone is refused.
 */
export async function authenticate(
	headers: { apikey?: string | string[]; authorization?: string | string[] },
	secret: Uint8Array,
	queryApikey?: string | null,
): Promise<Caller> {
	const apikey = (Array.isArray(headers.apikey) ? headers.apikey[0] : headers.apikey) ?? queryApikey ?? undefined;
	const authorization = Array.isArray(headers.authorization) ? headers.authorization[0] : headers.authorization;
	const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (!apikey) {
		throw unauthorized(
			'No API key found in request',
			"Send the project's public key in the `apikey` header (or `?apikey=`), also with an `Authorization` token.",
		);
	}
	const key = await verifyOnce(apikey, secret);
	return bearer && bearer !== apikey ? verifyOnce(bearer, secret) : key;
}
