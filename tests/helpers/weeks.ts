/** Closed weeks for tests: the publication model shows measures only for them. */
import { weekStart } from '../../src/lib/indicators/weeks.ts';

const DAY = 86_400_000;
const mondayTime = (weeksAgo: number) => weekStart(new Date()).getTime() - weeksAgo * 7 * DAY;

/** Monday (UTC) of the week `weeksAgo` weeks before this one, YYYY-MM-DD. */
export const monday = (weeksAgo: number) => new Date(mondayTime(weeksAgo)).toISOString().slice(0, 10);

/** Wednesday noon (UTC) of that week, as an ISO time: inside a closed week when weeksAgo ≥ 1. */
export const inWeek = (weeksAgo: number) => new Date(mondayTime(weeksAgo) + 2.5 * DAY).toISOString();
