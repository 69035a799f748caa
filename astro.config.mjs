// @ts-check
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { defineConfig, envField } from 'astro/config';
import { contentSafety } from './src/integrations/content-safety.ts';
import { securityHeaders } from './src/integrations/security-headers.ts';
import { LOCAL_ANON_KEY } from './src/lib/data-api/local-keys.ts';
import { PLACEHOLDER_REPO_URL } from './src/lib/playbook/repository.ts';
import { inlineScriptHashes } from './src/scripts/inline-scripts.ts';

/** The feedback API's origin, over HTTP and as a websocket (Realtime). */
const supabaseOrigins = (/** @type {string} */ url) => {
	const origin = new URL(url).origin;
	return `${origin} ${origin.replace(/^http/, 'ws')}`;
};

// Deployments under a sub-path (GitHub Pages: https://org.github.io/playbook/) set PRAXIS_BASE=/playbook.
const base = process.env.PRAXIS_BASE || '/';

export default defineConfig({
	site: process.env.PRAXIS_SITE || 'http://127.0.0.1:4321',
	base,
	trailingSlash: 'always',
	build: {
		format: 'directory',
		// A page's render waits on the disk (its file, its directory); rendering eight at once keeps the CPU
		// busy (BENCHMARKS.md, "Measurements behind the code").
		concurrency: 8,
	},
	integrations: [contentSafety(), mdx(), react(), securityHeaders()],
	// Shiki's highlighting writes inline styles, which the Content-Security-Policy refuses.
	markdown: { syntaxHighlight: false },
	security: {
		// Only the site's own scripts and styles (Astro adds their hashes) and the feedback API; the static
		// servers add frame-ancestors and the other headers (src/lib/site/security-headers.ts).
		csp: {
			directives: [
				"default-src 'self'",
				`connect-src 'self' ${supabaseOrigins(process.env.PUBLIC_SUPABASE_URL || 'http://127.0.0.1:54321')}`,
				"img-src 'self' data:",
				"object-src 'none'",
				"base-uri 'self'",
				"form-action 'self'",
			],
			scriptDirective: {
				// Pagefind's search runs as WebAssembly, which script-src must allow by name.
				resources: ["'self'", "'wasm-unsafe-eval'"],
				// The few inline scripts (src/scripts/inline/), written into pages exactly as hashed here.
				hashes: inlineScriptHashes(new URL('./src/scripts/', import.meta.url)),
			},
		},
	},
	env: {
		schema: {
			PUBLIC_SUPABASE_URL: envField.string({
				context: 'client',
				access: 'public',
				default: 'http://127.0.0.1:54321',
			}),
			PUBLIC_SUPABASE_ANON_KEY: envField.string({
				context: 'client',
				access: 'public',
				// The Supabase CLI's well-known local anon key: public by design, valid only on a local stack.
				default: LOCAL_ANON_KEY,
			}),
			PUBLIC_REPO_URL: envField.string({
				context: 'client',
				access: 'public',
				default: PLACEHOLDER_REPO_URL,
			}),
			// Workflows not reviewed for longer than this are flagged "needs review" and listed on /maintenance/.
			PUBLIC_REVIEW_AFTER_DAYS: envField.number({
				context: 'client',
				access: 'public',
				default: 180,
				int: true,
				gt: 0,
			}),
			PUBLIC_REPO_BRANCH: envField.string({ context: 'client', access: 'public', default: 'main' }),
			PUBLIC_REPO_HOST: envField.enum({
				context: 'client',
				access: 'public',
				values: ['github', 'gitlab'],
				default: 'github',
			}),
		},
	},
});
