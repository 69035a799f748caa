/**
 * Writes `_headers` after the build (Netlify, Cloudflare Pages and others read it): the headers a
 * `<meta>` Content-Security-Policy cannot carry, frame-ancestors, nosniff, the referrer policy. The
 * embedded static server sends the same ones. The policy itself is in each page, from Astro: the
 * scripts it bundles and the inline ones (src/scripts/inline-scripts.ts) are hashed into it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headersFile } from '../lib/site/security-headers.ts';

export function securityHeaders(): AstroIntegration {
	return {
		name: 'praxis:security-headers',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const root = fileURLToPath(dir);
				await writeFile(join(root, '_headers'), headersFile());
				logger.info('_headers written.');
			},
		},
	};
}
