/**
 * Site-wide settings and URL helpers for Astro components. Values come from build-time env
 * (`astro:env`), so an operator re-points the site without touching code.
 */
import { PUBLIC_REPO_BRANCH, PUBLIC_REPO_HOST, PUBLIC_REPO_URL } from 'astro:env/client';
import { editFileUrl } from '../lib/repository.ts';

const base = import.meta.env.BASE_URL.replace(/\/$/, '');

/** A site path such as `/workflows/x/` under the deployment's base path (`/playbook/workflows/x/`). */
export const href = (path: string) => `${base}${path}`;

export const repository = { url: PUBLIC_REPO_URL, branch: PUBLIC_REPO_BRANCH, host: PUBLIC_REPO_HOST };

/** Link to the hosting service's editor for a file of this repository. */
export const editLink = (filePath: string) => editFileUrl(repository, filePath);
