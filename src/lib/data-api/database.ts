/**
 * The data API's `Database` type for `createClient<Database>()`: the generated types (tables, enums,
 * function arguments) with the read functions' JSON shapes laid over them, as supabase-js's own tests
 * lay a hand-written override over generated types.
 *
 * @see ./database.generated.ts (generated, never edited)
 * @see ./read-functions.ts (the hand-written shapes)
 */
import type { Database as Generated } from './database.generated.ts';
import type {
	DeletedData,
	IndicatorPeriod,
	JoinCodeMade,
	JoinResult,
	ReflectionWeek,
	TeamIndicators,
	TeamSeats,
	WorkflowHealth,
	WorkflowSummary,
} from './read-functions.ts';

export { Constants, type Enums, type Json, type Tables, type TablesInsert } from './database.generated.ts';
export type * from './read-functions.ts';
export { INDICATOR_PERIODS } from './read-functions.ts';

/** T with the members of R replacing its own. */
type Replace<T, R> = Omit<T, keyof R> & R;
type Functions = Generated['public']['Functions'];

export type Database = Replace<
	Generated,
	{
		public: Replace<
			Generated['public'],
			{
				Functions: Replace<
					Functions,
					{
						workflow_summary: Replace<Functions['workflow_summary'], { Returns: WorkflowSummary }>;
						team_indicators: Replace<
							Functions['team_indicators'],
							{
								Args: Replace<Functions['team_indicators']['Args'], { p_weeks?: IndicatorPeriod }>;
								Returns: TeamIndicators;
							}
						>;
						team_reflections: Replace<Functions['team_reflections'], { Returns: ReflectionWeek[] }>;
						join_team: Replace<Functions['join_team'], { Returns: JoinResult }>;
						workflow_health: Replace<Functions['workflow_health'], { Returns: WorkflowHealth[] }>;
						delete_my_data: Replace<Functions['delete_my_data'], { Returns: DeletedData }>;
						team_seats: Replace<Functions['team_seats'], { Returns: TeamSeats }>;
						create_join_code: Replace<Functions['create_join_code'], { Returns: JoinCodeMade }>;
					}
				>;
			}
		>;
	}
>;
