import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../harness/paths.ts';

interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }>;
}

describe('the pull-request workflow', () => {
	it('runs untrusted pull requests with read-only rights, no secrets, and the check before the build', async () => {
		const text = await readFile(`${projectRoot}.github/workflows/content-check.yml`, 'utf8');
		const workflow = yaml.load(text) as Workflow;
		expect(Object.keys(workflow.on)).toContain('pull_request');
		expect(Object.keys(workflow.on)).not.toContain('pull_request_target');
		expect(workflow.permissions).toEqual({ contents: 'read' });
		expect(text).not.toMatch(/secrets\./);
		for (const job of Object.values(workflow.jobs)) {
			const runs = job.steps.map((step) => step.run ?? '');
			const check = runs.findIndex((run) => run.includes('npm run check'));
			const build = runs.findIndex((run) => run.includes('npm run build'));
			expect(check).toBeGreaterThanOrEqual(0);
			expect(check).toBeLessThan(build);
			const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout'));
			expect(checkout?.with?.['persist-credentials']).toBe(false);
		}
	});
});
