/**
 * zod without `new Function`. Pages run under a Content-Security-Policy without 'unsafe-eval', where
 * even zod's caught probe for it is reported as a violation (and counted by Lighthouse). Imported
 * first by each module that defines schemas the browser uses.
 */
import { config } from 'zod/mini';

config({ jitless: true });
