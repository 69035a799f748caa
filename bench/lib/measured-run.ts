/**
 * Runs a command and measures its wall time and the peak resident memory of its whole process tree
 * (Astro's build and the Pagefind binary it starts), sampled from /proc every 100 ms: GNU time only
 * sees the largest single process, and the two run side by side.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

export interface MeasuredRun {
	seconds: number;
	peakBytes: number;
	/** The end of what the command printed (its last 20,000 characters). */
	output: string;
}

const pageSize = 4096;
const SAMPLE_MS = 100;

const readOr = (path: string, fallback: string) => readFile(path, 'utf8').catch(() => fallback);

/**
 * Resident memory of a process and all its descendants. Walks only that tree (each thread's
 * \`children\` file), so sampling costs the measured build next to nothing. A process that ends
 * mid-walk simply does not count.
 */
async function treeRss(pid: number): Promise<number> {
	const statm = await readOr(`/proc/${pid}/statm`, '0 0');
	let total = Number(statm.split(' ')[1]) * pageSize;
	const threads = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
	for (const tid of threads) {
		for (const child of (await readOr(`/proc/${pid}/task/${tid}/children`, '')).split(' ').filter(Boolean)) {
			total += await treeRss(Number(child));
		}
	}
	return total;
}

export function measuredRun(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<MeasuredRun> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
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
		}, SAMPLE_MS);
		child.on('error', (error) => {
			clearInterval(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearInterval(timer);
			const seconds = (performance.now() - started) / 1000;
			if (code !== 0)
				reject(new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${code}:\n${output}`));
			else resolve({ seconds, peakBytes, output });
		});
	});
}
