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

/** HTTP status for a SQLSTATE, following PostgREST's table. Input errors are all 4xx. */
export function statusForSqlState(code: string, role: ApiRole): number {
	if (code === '42501') return role === 'anon' ? 401 : 403;
	if (code === '23505' || code === '23503') return 409;
	if (code === '42883' || code === '42P01') return 404;
	if (code === '25006') return 405;
	if (code === 'P0001' || code.startsWith('22') || code.startsWith('23') || code.startsWith('42')) return 400;
	// Program limits (a value too large to index, too many columns) are caused by the request.
	if (code.startsWith('54')) return 400;
	if (code.startsWith('08') || code.startsWith('53') || code.startsWith('57')) return 503;
	return 500;
}

export function toApiError(error: unknown, role: ApiRole): ApiError {
	if (error instanceof ApiError) return error;
	if (isPgError(error)) {
		const code = error.code!;
		return new ApiError(statusForSqlState(code, role), code, error.message, error.detail ?? null, error.hint ?? null);
	}
	return new ApiError(
		500,
		'PGRST000',
		'The endpoint failed to handle the request.',
		error instanceof Error ? error.message : String(error),
	);
}
