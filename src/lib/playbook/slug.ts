/**
 * What a slug is: the id of every workflow, task type, team, tool, expert and track (and their file
 * names), and what check-ins and reflections refer to. The migrations' `*_slug` CHECK constraints
 * hold the same rule; tests/db/model-constraints.test.ts compares them.
 */

/** Lowercase letters and digits in words joined by single hyphens, e.g. "customer-replies". */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Longest slug accepted, in characters. */
export const SLUG_MAX_LENGTH = 80;
