/**
 * What a request asks for besides its resource, as PostgREST reads it: the media type (`Accept`), the
 * schema (`Accept-Profile` / `Content-Profile`), the preferences (`Prefer`, with `handling=strict`) and the
 * rows (`Range`, `limit`, `offset`). Anything this endpoint cannot honour is refused with PostgREST's
 * own error for it, never answered some other way.
 * @see https://docs.postgrest.org/en/v12/references/api/preferences.html
 */
import { ApiError } from './errors.ts';

export interface MediaChoice {
	/** `application/vnd.pgrst.object+json`: one row as an object, else 406 PGRST116. */
	singular: boolean;
	/** `;nulls=stripped`: keys whose value is null are left out. */
	stripNulls: boolean;
}

/** The first acceptable type of an `Accept` header, or PGRST107 listing what was asked. */
export function negotiateMedia(accept: string | undefined): MediaChoice {
	if (!accept || accept.trim() === '') return { singular: false, stripNulls: false };
	const offered = accept
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
	for (const part of offered) {
		const [type = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
		const stripNulls = parameters.includes('nulls=stripped');
		if (['application/json', 'application/*', '*/*'].includes(type)) return { singular: false, stripNulls: false };
		if (type === 'application/vnd.pgrst.array+json') return { singular: false, stripNulls };
		if (type === 'application/vnd.pgrst.object+json') return { singular: true, stripNulls };
	}
	throw new ApiError(406, 'PGRST107', `None of these media types are available: ${offered.join(', ')}`);
}

/** The schema a request names; this endpoint exposes `public` only. */
export function checkProfile(profile: string | undefined, exposed: string): void {
	if (profile === undefined || profile.trim() === '' || profile.trim() === exposed) return;
	throw new ApiError(
		406,
		'PGRST106',
		`Invalid schema: ${profile.trim()}`,
		null,
		`Only the following schemas are exposed: ${exposed}`,
	);
}

export interface Preferences {
	return: 'minimal' | 'representation' | 'headers-only' | undefined;
	count: 'exact' | 'planned' | 'estimated' | undefined;
	resolution: 'merge-duplicates' | 'ignore-duplicates' | undefined;
	missing: 'default' | 'null' | undefined;
	handling: 'strict' | 'lenient' | undefined;
	tx: 'commit' | 'rollback' | undefined;
	timezone: string | undefined;
	maxAffected: number | undefined;
	/** The preferences understood, for `Preference-Applied`. */
	applied: string[];
}

const CHOICES: Record<string, readonly string[]> = {
	return: ['minimal', 'representation', 'headers-only'],
	count: ['exact', 'planned', 'estimated'],
	resolution: ['merge-duplicates', 'ignore-duplicates'],
	missing: ['default', 'null'],
	handling: ['strict', 'lenient'],
	tx: ['commit', 'rollback'],
};

/**
 * The `Prefer` headers. An unknown or malformed preference is ignored, as PostgREST does, unless
 * `handling=strict` is among them: then it is a 400 PGRST122 naming each one.
 */
export function parsePreferences(headers: string | string[] | undefined, timezones?: (name: string) => boolean) {
	const prefs: Preferences = {
		return: undefined,
		count: undefined,
		resolution: undefined,
		missing: undefined,
		handling: undefined,
		tx: undefined,
		timezone: undefined,
		maxAffected: undefined,
		applied: [],
	};
	const invalid: string[] = [];
	const parts = [headers ?? '']
		.flat()
		.flatMap((header) => header.split(','))
		.map((part) => part.trim())
		.filter(Boolean);
	for (const part of parts) {
		const eq = part.indexOf('=');
		const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
		const value = eq === -1 ? '' : part.slice(eq + 1).trim();
		if (key in CHOICES && CHOICES[key]!.includes(value)) {
			// The value is one of CHOICES[key], which lists exactly the union of that field.
			Object.assign(prefs, { [key]: value });
		} else if (key === 'max-affected' && /^\d+$/.test(value)) {
			prefs.maxAffected = Number(value);
		} else if (key === 'timezone' && timezones && value && timezones(value)) {
			prefs.timezone = value;
		} else {
			invalid.push(part);
			continue;
		}
		prefs.applied.push(`${key}=${value}`);
	}
	if (prefs.handling === 'strict' && invalid.length > 0) {
		throw new ApiError(
			400,
			'PGRST122',
			'Invalid preferences given with handling=strict',
			`Invalid preferences: ${invalid.join(', ')}`,
		);
	}
	return prefs;
}

export interface RowRange {
	offset: number;
	limit: number | undefined;
}

const rangeError = (details: string) => new ApiError(416, 'PGRST103', 'Requested range not satisfiable', details);

function nonNegative(raw: string | null, name: string): number | undefined {
	if (raw === null) return undefined;
	if (/^-\d+$/.test(raw.trim()) && name === 'limit') throw rangeError('Limit should be greater than or equal to zero.');
	if (!/^\d+$/.test(raw.trim())) {
		throw new ApiError(400, 'PGRST100', `"failed to parse ${name} parameter (${raw})" (line 1, column 1)`);
	}
	return Number(raw);
}

/**
 * The rows asked for: `limit` / `offset` and a `Range: first-last` header (unit items) intersected, as
 * PostgREST does. A header of another form is ignored, as PostgREST ignores it.
 */
export function requestedRange(query: URLSearchParams, header: string | undefined): RowRange {
	const limit = nonNegative(query.get('limit'), 'limit');
	const offset = nonNegative(query.get('offset'), 'offset') ?? 0;
	let lower = offset;
	let upper = limit === undefined ? Number.POSITIVE_INFINITY : offset + limit - 1;
	const range = /^\s*(?:items=)?(\d+)-(\d*)\s*$/.exec(header ?? '');
	if (range) {
		const first = Number(range[1]);
		const last = range[2] === '' ? Number.POSITIVE_INFINITY : Number(range[2]);
		if (first > last) {
			throw rangeError('The lower boundary must be lower than or equal to the upper boundary in the Range header.');
		}
		lower = Math.max(lower, first);
		upper = Math.min(upper, last);
	}
	return { offset: lower, limit: upper === Number.POSITIVE_INFINITY ? undefined : Math.max(0, upper - lower + 1) };
}

/** 200, 206 (part of a counted whole) or 416 (past its end), from PostgREST's rangeStatus. */
export function rangeStatus(offset: number, rows: number, total: number | undefined): number {
	if (total === undefined) return 200;
	if (offset > total) throw rangeError(`An offset of ${offset} was requested, but there are only ${total} rows.`);
	const upper = offset + rows - 1;
	return 1 + upper - offset < total ? 206 : 200;
}
