/**
 * A small static file server for the built site, used by `npm start` and the browser tests. It
 * mounts the site under an optional base path (as GitHub Pages does) and answers unknown paths
 * with the site's own 404 page.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';
import { SECURITY_HEADERS } from '../src/lib/site/security-headers.ts';

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.wasm': 'application/wasm',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml',
};

const COMPRESSIBLE = /^(text\/|application\/(json|xml)|image\/svg)/;

export interface StaticSiteOptions {
	/** Folder of the built site. */
	root: string;
	/** Base path the site is built for, e.g. "/" or "/playbook/". */
	base?: string;
	host?: string;
	port?: number;
}

export async function serveStaticSite(options: StaticSiteOptions): Promise<{ server: Server; url: string }> {
	const root = resolve(options.root);
	const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
	const host = options.host ?? '127.0.0.1';

	const realRoot = await realpath(root).catch(() => root);
	const inside = (path: string, top: string) => path === top || path.startsWith(top + sep);
	const fileFor = async (pathname: string): Promise<string | undefined> => {
		const candidate = normalize(join(root, pathname));
		if (!inside(candidate, root)) return undefined;
		// Nor through a link that leads out of the site.
		const real = await realpath(candidate).catch(() => undefined);
		if (real && !inside(real, realRoot)) return undefined;
		const info = await stat(candidate).catch(() => undefined);
		if (info?.isFile()) return candidate;
		if (info?.isDirectory()) {
			const index = join(candidate, 'index.html');
			if ((await stat(index).catch(() => undefined))?.isFile()) return index;
		}
		return undefined;
	};

	const server = createServer(async (req, res) => {
		try {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const path = decodeURIComponent(url.pathname);
			if (!path.startsWith(base) && `${path}/` !== base) {
				res.writeHead(302, { ...SECURITY_HEADERS, location: base }).end();
				return;
			}
			const inSite = path.slice(base.length - 1) || '/';
			const file = await fileFor(inSite);
			// Directory URLs without their trailing slash redirect, as static hosts do.
			if (file?.endsWith(`${sep}index.html`) && !inSite.endsWith('/') && !inSite.endsWith('.html')) {
				// The raw path, its encoding kept, with one leading slash: `//host` or `/%2Fhost` never
				// becomes a redirect to another site.
				const here = `/${url.pathname.replace(/^[/\\]+/, '')}`;
				res.writeHead(301, { ...SECURITY_HEADERS, location: `${here}/${url.search}` }).end();
				return;
			}
			const served = file ?? (await fileFor('/404.html'));
			if (!served) {
				res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('Not found');
				return;
			}
			const type = types[extname(served)] ?? 'application/octet-stream';
			// Text is sent compressed, as any static host sends it: on a phone network that is most of a page's time.
			const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
			res.writeHead(file ? 200 : 404, {
				...SECURITY_HEADERS,
				'content-type': type,
				'cache-control': 'no-cache',
				vary: 'accept-encoding',
				...(gzip ? { 'content-encoding': 'gzip' } : {}),
			});
			const stream = createReadStream(served);
			if (gzip) stream.pipe(createGzip()).pipe(res);
			else stream.pipe(res);
		} catch {
			res.writeHead(400, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('Bad request');
		}
	});
	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(options.port ?? 0, host, () => done());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	return { server, url: `http://${host}:${port}${base}` };
}
