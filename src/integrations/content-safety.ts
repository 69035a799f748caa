/**
 * The build's guard for contributed content (see src/lib/playbook/content-safety.ts): it refuses
 * symbolic links under `content/` and `public/` before anything is built, and every workflow body that
 * is not plain Markdown before the MDX compiler sees it, so a file that skipped `npm run check` still
 * cannot run code at build time or ship it to readers.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { assertSafeBody, bodyOf } from '../lib/playbook/content-safety.ts';
import { findSymlinks, SYMLINK_FIX } from '../lib/playbook/symlinks.ts';

export function contentSafety(): AstroIntegration {
	return {
		name: 'praxis:content-safety',
		hooks: {
			'astro:config:setup': async ({ config, updateConfig }) => {
				const root = fileURLToPath(config.root);
				const links = await findSymlinks(root, ['content', 'public']);
				if (links.length > 0) {
					throw new Error(
						`Symbolic links are not allowed in content/ or public/ (${SYMLINK_FIX}):\n${links.join('\n')}`,
					);
				}
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'praxis:markdown-only',
								// Before the MDX plugin compiles (and the build later runs) anything.
								enforce: 'pre',
								transform(code, id) {
									const file = id.split('?')[0] ?? id;
									if (!file.endsWith('.mdx')) return null;
									const { body, firstLine } = bodyOf(code);
									assertSafeBody(relative(root, file), body, firstLine);
									return null;
								},
							},
						],
					},
				});
			},
		},
	};
}
