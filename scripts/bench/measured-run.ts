/**
 * Runs a command and measures its wall time and the peak resident memory of its whole process tree
 * (Astro's build and the Pagefind binary it starts), sampled from /proc every 50 ms: GNU time only
 * sees the largest single process, and the two run side by side.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

export interface MeasuredRun {
	seconds: number;
	peakBytes: number;
}

const pageSize = 4096;

async function treeRss(rootPid: number): Promise<number> {
	const parents = new Map<number, number>();
	const rss = new Map<number, number>();
	for (const entry of await readdir('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		// A process may end between readdir and readFile; it then simply does not count.
		const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
		// Fields after the command name, which may itself hold spaces and parentheses.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (fields.length < 22) continue;
		parents.set(Number(entry), Number(fields[1]));
		rss.set(Number(entry), Number(fields[21]) * pageSize);
	}
	let total = 0;
	for (const [pid, bytes] of rss) {
		for (let p: number | undefined = pid; p && p > 1; p = parents.get(p)) {
			if (p === rootPid) {
				total += bytes;
				break;
			}
		}
	}
	return total;
}

export function measuredRun(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<MeasuredRun> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const keep = (chunk: Buffer) => {
			output = (output + chunk.toString()).slice(-20_000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		let peakBytes = 0;
		let sampling = false;
		const timer = setInterval(() => {
			if (sampling || child.pid === undefined) return;
			sampling = true;
			treeRss(child.pid)
				.then((bytes) => (peakBytes = Math.max(peakBytes, bytes)))
				.finally(() => (sampling = false));
		}, 50);
		child.on('error', (error) => {
			clearInterval(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearInterval(timer);
			const seconds = (performance.now() - started) / 1000;
			if (code !== 0) reject(new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${code}:\n${output}`));
			else resolve({ seconds, peakBytes });
		});
	});
}
