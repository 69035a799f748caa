/**
 * `npm start`: builds the playbook (pages and search index), starts the embedded
 * Supabase-compatible endpoint, and serves the site, all on loopback. Ctrl+C stops everything.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveStaticSite } from './static-site.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const port = Number(process.env.PORT ?? 4321);

function run(command: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
	});
}

if (!process.env.PRAXIS_SKIP_BUILD) {
	await run(process.execPath, ['scripts/build.ts']);
}
const { startEndpointForSite } = await import('../endpoint/main.ts');
const endpoint = await startEndpointForSite();
const site = await serveStaticSite({ root: `${root}dist`, base: process.env.PRAXIS_BASE, port });

console.log(
	`\nPraxis is running:\n  site      ${site.url}\n  endpoint  ${endpoint.url} (${endpoint.description})\nPress ` +
		`Ctrl+C to stop.`,
);

const stop = async () => {
	site.server.close();
	await endpoint.close();
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
