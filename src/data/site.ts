/**
 * Site-wide settings and URL helpers for Astro components. Values come from build-time env
 * (`astro:env`), so an operator re-points the site without touching code.
 */
import { PUBLIC_REPO_BRANCH, PUBLIC_REPO_HOST, PUBLIC_REPO_URL, PUBLIC_REVIEW_AFTER_DAYS } from 'astro:env/client';
import { editFileUrl } from '../lib/playbook/repository.ts';

/** The deployment's base path without its trailing slash ('' at the root). */
export const base = import.meta.env.BASE_URL.replace(/\/$/, '');

/** A site path such as `/workflows/x/` under the deployment's base path (`/playbook/workflows/x/`). */
export const href = (path: string) => `${base}${path}`;

export const repository = { url: PUBLIC_REPO_URL, branch: PUBLIC_REPO_BRANCH, host: PUBLIC_REPO_HOST };

/** Link to the hosting service's editor for a file of this repository. */
export const editLink = (filePath: string) => editFileUrl(repository, filePath);

/** Days since a workflow was last reviewed, at build time, and whether that is too long. */
export function reviewAge(lastReviewed: Date, now = new Date()) {
	const days = Math.floor((now.getTime() - lastReviewed.getTime()) / 86_400_000);
	return { days, overdue: days > PUBLIC_REVIEW_AFTER_DAYS, limit: PUBLIC_REVIEW_AFTER_DAYS };
}
