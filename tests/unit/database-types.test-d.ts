/**
 * Type-level checks, run by `tsc --noEmit` in `npm test`: what the forms make is what the tables take,
 * and the read functions return the hand-written shapes, not `Json`.
 */
import { expectTypeOf } from 'vitest';
import type {
	Database,
	Enums,
	TablesInsert,
	TeamIndicators,
	WorkflowSummary,
} from '../../src/lib/data-api/database.ts';
import type { ErrorKind, Outcome } from '../../src/lib/feedback/model.ts';
import type { OutboxItem } from '../../src/lib/feedback/outbox.ts';
import type { CheckIn, Reflection } from '../../src/lib/feedback/schema.ts';

type Functions = Database['public']['Functions'];

expectTypeOf<CheckIn>().toExtend<TablesInsert<'check_ins'>>();
expectTypeOf<Reflection>().toExtend<TablesInsert<'reflections'>>();
expectTypeOf<CheckIn['outcome']>().toEqualTypeOf<Outcome>();
expectTypeOf<ErrorKind>().toEqualTypeOf<Enums<'error_kind'>>();

expectTypeOf<Functions['team_indicators']['Returns']>().toEqualTypeOf<TeamIndicators>();
expectTypeOf<Functions['workflow_summary']['Returns']>().toEqualTypeOf<WorkflowSummary>();
expectTypeOf<Functions['team_indicators']['Args']['p_weeks']>().toEqualTypeOf<4 | 8 | 12 | undefined>();

// The outbox carries a check-in or a reflection, and its kind says which.
expectTypeOf<Extract<OutboxItem, { kind: 'check_in' }>['payload']>().toEqualTypeOf<CheckIn>();
expectTypeOf<Extract<OutboxItem, { kind: 'reflection' }>['payload']>().toEqualTypeOf<Reflection>();
