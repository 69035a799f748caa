/**
 * The site's inline scripts, one file each in `inline/`, and their hashes for the Content-Security-Policy.
 * Astro hashes the scripts it bundles; these are written into the page as they are (InlineScript.astro),
 * so their hashes are known before the build and go into every page's policy through `astro.config.mjs`,
 * instead of a pass over every built page.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

export const INLINE_SCRIPT_NAMES = [
	'marks-scripts-running',
	'search-shortcut',
	'local-dates',
	'search-highlight',
	'copy-buttons',
	'team-setting',
	'pagefind-import',
	'team-seats',
] as const;
export type InlineScriptName = (typeof INLINE_SCRIPT_NAMES)[number];

/** Relative to `src/scripts/`. */
export const inlineScriptPath = (name: InlineScriptName) => `inline/${name}.js`;

/** The CSP hash of a script's exact text, as a browser computes it. */
export const scriptHash = (code: string) => `sha256-${createHash('sha256').update(code).digest('base64')}` as const;

/**
 * The hashes of every file in `inline/`; a file that no name above lists is an error, so no script is
 * left out of the policy or shipped without a name.
 */
export function inlineScriptHashes(scriptsDir: URL = new URL('./', import.meta.url)): `sha256-${string}`[] {
	const files = readdirSync(new URL('inline/', scriptsDir)).filter((file) => file.endsWith('.js'));
	const named = new Set<string>(INLINE_SCRIPT_NAMES.map(inlineScriptPath));
	const unnamed = files.filter((file) => !named.has(`inline/${file}`));
	if (unnamed.length > 0) throw new Error(`Inline scripts without a name in inline-scripts.ts: ${unnamed.join(', ')}`);
	return INLINE_SCRIPT_NAMES.map((name) =>
		scriptHash(readFileSync(new URL(inlineScriptPath(name), scriptsDir), 'utf8')),
	);
}
