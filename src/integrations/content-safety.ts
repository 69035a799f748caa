/**
 * The build's guard for contributed files: it refuses symbolic links under `content/` and `public/`
 * before anything is built. Workflow bodies are guarded where they are loaded (workflow-loader.ts), so
 * a file that skipped `npm run check` still cannot ship code to readers.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { findSymlinks, SYMLINK_FIX } from '../lib/playbook/symlinks.ts';

export function contentSafety(): AstroIntegration {
	return {
		name: 'praxis:content-safety',
		hooks: {
			'astro:config:setup': async ({ config }) => {
				const root = fileURLToPath(config.root);
				const links = await findSymlinks(root, ['content', 'public']);
				if (links.length > 0) {
					throw new Error(
						`Symbolic links are not allowed in content/ or public/ (${SYMLINK_FIX}):\n${links.join('\n')}`,
					);
				}
			},
		},
	};
}
