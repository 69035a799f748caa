/**
 * The last touches of the site's Content-Security-Policy and headers, after the build:
 * - Astro hashes the scripts and styles it bundles; the few `is:inline` scripts (the theme and team
 *   settings, which must run before the page paints) are hashed here and added to each page's policy.
 * - `_headers` (Netlify, Cloudflare Pages and others read it) carries the headers a `<meta>` cannot:
 *   frame-ancestors, nosniff, the referrer policy. The embedded static server sends the same ones.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headersFile } from '../lib/site/security-headers.ts';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)(?![^>]*\btype="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g;
const CSP_META = /(<meta http-equiv="content-security-policy" content=")([^"]*)(")/;

/** A page's HTML with every inline script's hash in its policy's script-src. */
export function withInlineScriptHashes(html: string): string {
	const hashes = [...html.matchAll(INLINE_SCRIPT)]
		.map(
			(match) =>
				`'sha256-${createHash('sha256')
					.update(match[1] ?? '')
					.digest('base64')}'`,
		)
		.filter((hash, i, all) => all.indexOf(hash) === i);
	if (hashes.length === 0) return html;
	return html.replace(CSP_META, (_all, open: string, policy: string, close: string) => {
		const missing = hashes.filter((hash) => !policy.includes(hash));
		const next = policy.replace(/script-src ([^;]*)/, (directive) => `${directive} ${missing.join(' ')}`);
		return `${open}${next}${close}`;
	});
}

async function* htmlFiles(dir: string): AsyncGenerator<string> {
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* htmlFiles(path);
		else if (entry.name.endsWith('.html')) yield path;
	}
}

export function securityHeaders(): AstroIntegration {
	return {
		name: 'praxis:security-headers',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const root = fileURLToPath(dir);
				const files: string[] = [];
				for await (const file of htmlFiles(root)) files.push(file);
				// Mostly waiting on the disk: several files at a time.
				const rewrite = async () => {
					for (let file = files.pop(); file !== undefined; file = files.pop()) {
						const html = await readFile(file, 'utf8');
						const next = withInlineScriptHashes(html);
						if (next !== html) await writeFile(file, next);
					}
				};
				const pages = files.length;
				await Promise.all(Array.from({ length: 16 }, rewrite));
				await writeFile(join(root, '_headers'), headersFile());
				logger.info(`Inline scripts hashed into the policy of ${pages} pages; _headers written.`);
			},
		},
	};
}
