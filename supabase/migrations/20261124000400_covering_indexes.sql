-- The read functions aggregate every check-in of a team (or of a workflow) in a period. A plain
-- (team, created_at) index still visits one heap page per row, because a team's rows are spread
-- over the whole table; at a million check-ins that dominated team_indicators. Covering indexes
-- carry the columns the functions read, so the planner can answer with an index-only scan.
drop index if exists public.check_ins_team_created_at;
create index check_ins_team_created_at on public.check_ins (team, created_at)
  include (task, workflow, participant, confidence, outcome, error_caught, error_kind);

drop index if exists public.check_ins_workflow_created_at;
create index check_ins_workflow_created_at on public.check_ins (workflow, created_at)
  include (team, participant, confidence, outcome, error_caught);
