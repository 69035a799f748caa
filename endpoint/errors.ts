/** Errors in PostgREST's shape ({code, message, details, hint}) and its mapping from SQLSTATE to HTTP. */
import type { ApiRole } from './database.ts';

export class ApiError extends Error {
	readonly status: number;
	readonly code: string;
	readonly details: string | null;
	readonly hint: string | null;
	constructor(
		status: number,
		code: string,
		message: string,
		details: string | null = null,
		hint: string | null = null,
	) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
		this.hint = hint;
	}
	toJSON() {
		return { code: this.code, message: this.message, details: this.details, hint: this.hint };
	}
}

interface PgError {
	code?: string;
	message?: string;
	detail?: string;
	hint?: string;
}

const isPgError = (error: unknown): error is PgError & Error =>
	error instanceof Error &&
	typeof (error as PgError).code === 'string' &&
	/^[0-9A-Z]{5}$/.test((error as PgError).code!);

/** The SQLSTATE classes (and codes) PostgREST answers with something other than 400. */
const POSTGREST_STATUS: [prefix: string, status: number][] = [
	['23503', 409],
	['23505', 409],
	['25006', 405],
	['42883', 404],
	['42P01', 404],
	['42P17', 500],
	['53400', 500],
	['P0001', 400],
	['08', 503],
	['09', 500],
	['0L', 403],
	['0P', 403],
	['25', 500],
	['28', 403],
	['2D', 500],
	['38', 500],
	['39', 500],
	['3B', 500],
	['40', 500],
	['53', 503],
	['55', 500],
	['57', 500],
	['58', 500],
	['F0', 500],
	['HV', 500],
	['P0', 500],
	['XX', 500],
];

/**
 * HTTP status for a SQLSTATE, following PostgREST's table: anything it does not list is the request's
 * fault, 400. One deliberate difference: program limits (54*, a value too large to index, too many
 * columns) are caused by the request, so 400 here where PostgREST says 500.
 */
export function statusForSqlState(code: string, role: ApiRole): number {
	if (code === '42501') return role === 'anon' ? 401 : 403;
	if (code.startsWith('54')) return 400;
	return POSTGREST_STATUS.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 400;
}

export function toApiError(error: unknown, role: ApiRole): ApiError {
	if (error instanceof ApiError) return error;
	if (isPgError(error)) {
		const code = error.code!;
		return new ApiError(statusForSqlState(code, role), code, error.message, error.detail ?? null, error.hint ?? null);
	}
	return new ApiError(
		500,
		// PGRST000 is PostgREST's 503 "could not connect"; this is a fault of the endpoint itself.
		'PGRSTX00',
		'The endpoint failed to handle the request.',
		error instanceof Error ? error.message : String(error),
	);
}
