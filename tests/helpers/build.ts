import { spawn } from 'node:child_process';
import { projectRoot } from '../../harness/paths.ts';

export interface BuildResult {
	code: number | null;
	output: string;
}

/**
 * Runs the real `npm run build` (scripts/build.ts: Astro, then the search index) for a project folder,
 * returning its exit code and all output.
 */
export function buildSite(options: {
	root?: string;
	outDir: string;
	env?: Record<string, string>;
}): Promise<BuildResult> {
	const root = options.root ?? projectRoot;
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [`${projectRoot}scripts/build.ts`, '--outDir', options.outDir], {
			cwd: root,
			// Vitest sets NODE_ENV=test; a site built under it would ship React's development build.
			env: { ...process.env, NODE_ENV: 'production', ...options.env, FORCE_COLOR: '0', NO_COLOR: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, output }));
	});
}
