/** Which workflows their use says need revising, from published figures only (workflow_health). */
import type { WorkflowHealth } from '../data-api/database.ts';

/** The lines a workflow is flagged on, and where. */
export const REVISION_RULES = {
	/** Mean confidence below this, on a 1–5 scale. */
	lowConfidence: 3,
	/** Share of uses where it got in the way, at or above this. */
	gotInTheWay: 0.25,
	/** Share of uses where an AI error was caught only after it went somewhere, at or above this. */
	caughtAfter: 0.1,
} as const;

export interface Revision {
	workflow: string;
	reasons: string[];
	figures: WorkflowHealth;
}

const pct = (rate: number) => `${Math.round(rate * 100)}%`;

export function needsRevision(health: WorkflowHealth[]): Revision[] {
	return health
		.map((figures) => {
			const reasons: string[] = [];
			if (figures.meanConfidence < REVISION_RULES.lowConfidence) {
				reasons.push(`low confidence (${figures.meanConfidence.toFixed(1)} of 5)`);
			}
			if (figures.gotInTheWayRate >= REVISION_RULES.gotInTheWay) {
				reasons.push(`got in the way in ${pct(figures.gotInTheWayRate)} of uses`);
			}
			if (figures.caughtAfterRate >= REVISION_RULES.caughtAfter) {
				reasons.push(`AI errors caught only after they went somewhere in ${pct(figures.caughtAfterRate)} of uses`);
			}
			return { workflow: figures.workflow, reasons, figures };
		})
		.filter((r) => r.reasons.length > 0)
		.sort((a, b) => b.reasons.length - a.reasons.length || a.figures.meanConfidence - b.figures.meanConfidence);
}
