/**
 * The demo as a new user meets it, for screenshots and page benchmarks: a throwaway embedded endpoint on
 * the site's port (54321, which must be free) over a fresh data folder, seeded by `npm run seed`, and
 * the built site (dist/) served on a free port. Support's join link comes back pointed at that site.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEndpointForSite } from '../endpoint/main.ts';
import { serveStaticSite } from '../scripts/static-site.ts';
import { projectRoot } from './paths.ts';

const run = promisify(execFile);
const SITE_API = 'http://127.0.0.1:54321';

export interface SeededDemo {
	siteUrl: string;
	/** Support's join link on the served site. */
	joinUrl: string;
	close(): Promise<void>;
}

export async function seededDemo(): Promise<SeededDemo> {
	const busy = await fetch(`${SITE_API}/rest/v1/`, { signal: AbortSignal.timeout(1000) }).then(
		() => true,
		() => false,
	);
	if (busy)
		throw new Error(`Something answers on ${SITE_API} already: stop it (npm start, npm run endpoint) and retry.`);
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-demo-'));
	const env = { ...process.env, PRAXIS_DATA_DIR: dataDir };
	const endpoint = await startEndpointForSite(env);
	const site = await serveStaticSite({ root: join(projectRoot, 'dist'), port: 0 });
	const close = async () => {
		site.server.close();
		await endpoint.close();
		await rm(dataDir, { recursive: true, force: true });
	};
	try {
		const { stdout } = await run(process.execPath, ['scripts/seed.ts'], { cwd: projectRoot, env });
		const link = /support\s+(\S+)/.exec(stdout)?.[1];
		if (!link) throw new Error(`The seed printed no join link for Support:\n${stdout}`);
		const url = new URL(link);
		return { siteUrl: site.url, joinUrl: `${site.url}${url.pathname.slice(1)}${url.hash}`, close };
	} catch (error) {
		await close();
		throw error;
	}
}
