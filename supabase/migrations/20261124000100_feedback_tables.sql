-- Praxis feedback: check-ins and reflections.
--
-- Runs unchanged on hosted Supabase (`supabase db push`), the Supabase CLI's local stack, plain
-- PostgreSQL 15/17 and PGlite. Every rule a user could break is enforced here, so every mode
-- rejects the same input. The browser only ever holds the anon key: anon may insert, nothing else.

-- The API roles (anon, authenticated, service_role) are Supabase's; the embedded endpoint creates
-- them where they are missing (endpoint/platform.sql).
grant usage on schema public to anon, authenticated, service_role;

-- Settings and helpers that the API must not expose live outside `public`.
create schema if not exists praxis_private;
revoke all on schema praxis_private from public;

-- The k of k-anonymity: no indicator is shown for fewer than this many distinct participants.
-- Change it here (create or replace) and every read function follows.
create or replace function praxis_private.min_group_size()
returns integer
language sql
immutable
set search_path = ''
as $$ select 3 $$;

-- The choices a check-in and a reflection offer. Enum types, so `supabase gen types` carries their
-- values into src/lib/data-api/database.generated.ts, where the site's labels are checked against them.
create type public.outcome as enum ('helped', 'no_difference', 'got_in_the_way');
create type public.error_caught as enum ('none', 'before', 'after');
create type public.error_kind as enum ('made_up_fact', 'wrong_number', 'outdated', 'tone', 'leaked_data', 'other');
create type public.visibility as enum ('team', 'private');

-- Slugs (workflow, task, team) follow the content schema's rule: lowercase words joined by single hyphens.
-- The limits below (slug length, confidence, minutes, text length) are those of
-- src/lib/feedback/model.ts; tests/db/model-constraints.test.ts compares the two.

-- "I used this workflow." One row per use. The id is made by the client so a retried send can
-- never store the same check-in twice.
create table public.check_ins (
  id uuid primary key,
  workflow text not null constraint check_ins_workflow_slug check (workflow ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(workflow) <= 80),
  task text not null constraint check_ins_task_slug check (task ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(task) <= 80),
  team text not null constraint check_ins_team_slug check (team ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(team) <= 80),
  -- A random id made in the browser; never a name or an email.
  participant uuid not null,
  confidence smallint not null constraint check_ins_confidence_range check (confidence between 1 and 5),
  outcome public.outcome not null,
  error_caught public.error_caught not null default 'none',
  error_kind public.error_kind,
  minutes_saved smallint
    constraint check_ins_minutes_saved_range check (minutes_saved between 0 and 480),
  created_at timestamptz not null default now(),
  constraint check_ins_error_kind_needs_catch check (error_kind is null or error_caught <> 'none')
);

comment on table public.check_ins is 'One use of a workflow by a pseudonymous participant. Insert-only for the API roles.';

-- What worked, what did not, what to try next. Shared with the team only if the author chose so.
create table public.reflections (
  id uuid primary key,
  workflow text not null constraint reflections_workflow_slug check (workflow ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(workflow) <= 80),
  task text not null constraint reflections_task_slug check (task ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(task) <= 80),
  team text not null constraint reflections_team_slug check (team ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(team) <= 80),
  participant uuid not null,
  worked text constraint reflections_worked_length check (char_length(worked) <= 1000),
  did_not_work text constraint reflections_did_not_work_length check (char_length(did_not_work) <= 1000),
  try_next text constraint reflections_try_next_length check (char_length(try_next) <= 1000),
  visibility public.visibility not null default 'team',
  created_at timestamptz not null default now(),
  constraint reflections_not_empty check (
    coalesce(btrim(worked), '') <> '' or coalesce(btrim(did_not_work), '') <> '' or coalesce(btrim(try_next), '') <> ''
  )
);

comment on table public.reflections is 'A reflection on one use of a workflow. Read only through team_reflections(), and only when visibility = team.';

-- Indexes for the read functions: every query filters by team and period, or by workflow. They
-- carry the columns the functions read, because a team's rows are spread over the whole table and a
-- heap visit per row dominated team_indicators at a million check-ins (see BENCHMARKS.md).
create index check_ins_team_created_at on public.check_ins (team, created_at)
  include (task, workflow, participant, confidence, outcome, error_caught, error_kind);
create index check_ins_workflow_created_at on public.check_ins (workflow, created_at)
  include (team, participant, confidence, outcome, error_caught);
create index reflections_team_created_at on public.reflections (team, created_at) where visibility = 'team';

-- Row level security: the API roles may insert and do nothing else. No select, update or delete
-- policy exists, so raw rows are invisible and immutable to anon and authenticated.
alter table public.check_ins enable row level security;
alter table public.reflections enable row level security;

create policy "check-ins: anyone with the public key may add one"
  on public.check_ins for insert to anon, authenticated with check (true);
create policy "reflections: anyone with the public key may add one"
  on public.reflections for insert to anon, authenticated with check (true);

-- Supabase grants everything on new tables to the API roles by default; take it back and grant
-- only INSERT, and only of the columns a client may set (created_at is the server's).
revoke all on public.check_ins, public.reflections from anon, authenticated;
grant insert (id, workflow, task, team, participant, confidence, outcome, error_caught, error_kind, minutes_saved)
  on public.check_ins to anon, authenticated;
grant insert (id, workflow, task, team, participant, worked, did_not_work, try_next, visibility)
  on public.reflections to anon, authenticated;
grant all on public.check_ins, public.reflections to service_role;
