import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
/** Scratch space for test builds and databases, ignored by git. */
export const scratch = fileURLToPath(new URL('../.tmp/', import.meta.url));
export const builtSite = `${scratch}site`;
/** The same site built for a sub-path deployment (as on GitHub Pages). */
export const builtSubpathSite = `${scratch}site-subpath`;
export const SUBPATH = '/playbook/';
/** The feedback endpoint the test builds of the site talk to (not 54321, so a dev endpoint can run). */
export const TEST_ENDPOINT_PORT = 54329;
