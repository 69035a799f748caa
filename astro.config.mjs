// @ts-check
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { defineConfig, envField } from 'astro/config';
import { contentSafety } from './src/integrations/content-safety.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { securityHeaders } from './src/integrations/security-headers.ts';
import { LOCAL_ANON_KEY } from './src/lib/data-api/local-keys.ts';
import { PLACEHOLDER_REPO_URL } from './src/lib/playbook/repository.ts';

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
		// A workflow page spends much of its render waiting for its MDX module to be imported; rendering
		// eight at once keeps the CPU busy (BENCHMARKS.md, "Measurements behind the code").
		concurrency: 8,
	},
	integrations: [contentSafety(), mdx(), react(), pagefindIndex(), securityHeaders()],
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
			// Pagefind's search runs as WebAssembly, which script-src must allow by name.
			scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
		},
	},
	vite: {
		environments: {
			// The pages are rendered at build time from a server bundle. Left to itself the bundler makes
			// one chunk per workflow body (each is imported on its own), and with thousands of workflows
			// handling those chunks is most of the bundling time; a few chunks of MDX bodies give the same
			// pages, faster, for some more memory; one chunk for all was as fast but took more memory still,
			// so chunks are kept to 2 MB (BENCHMARKS.md, "Measurements behind the code").
			prerender: {
				build: {
					rolldownOptions: {
						output: {
							codeSplitting: { groups: [{ name: 'workflow-bodies', test: /\.mdx\b/, maxSize: 2 * 1024 * 1024 }] },
						},
					},
				},
			},
		},
		build: {
			rolldownOptions: {
				// Every MDX module carries Astro's own "use astro:head-inject" directive, and the bundler
				// printed a code frame about it for each workflow: thousands of lines, and time, in a large
				// playbook, about something Astro handles and no contributor can act on.
				onwarn(warning, warn) {
					if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /\.mdx\b/.test(warning.message)) return;
					warn(warning);
				},
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
