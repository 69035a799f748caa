-- Praxis feedback: check-ins and reflections.
--
-- Runs unchanged on hosted Supabase (`supabase db push`), the Supabase CLI's local stack, plain
-- PostgreSQL 15/17 and PGlite. Every rule a user could break is enforced here, so every mode
-- rejects the same input. The browser only ever holds the anon key: anon may insert, nothing else.

-- The API roles (anon, authenticated, service_role) are Supabase's; the embedded endpoint creates
-- them where they are missing (endpoint/platform.sql).
grant usage on schema public to anon, authenticated, service_role;

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
  workflow text not null
    constraint check_ins_workflow_slug check (workflow ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(workflow) <= 80),
  task text not null
    constraint check_ins_task_slug check (task ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(task) <= 80),
  team text not null
    constraint check_ins_team_slug check (team ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(team) <= 80),
  -- The Supabase Auth user who checked in, set by the database from the caller's JWT: never sent by
  -- the client (it has no privilege on the column), never a name or an email.
  participant uuid not null default auth.uid(),
  confidence smallint not null constraint check_ins_confidence_range check (confidence between 1 and 5),
  outcome public.outcome not null,
  error_caught public.error_caught not null default 'none',
  error_kind public.error_kind,
  minutes_saved smallint
    constraint check_ins_minutes_saved_range check (minutes_saved between 0 and 480),
  created_at timestamptz not null default now(),
  constraint check_ins_error_kind_needs_catch check (error_kind is null or error_caught <> 'none')
);

comment on table public.check_ins is
  'One use of a workflow by a pseudonymous participant (an auth user). Members add and read their own.';

-- What worked, what did not, what to try next. Shared with the team only if the author chose so.
create table public.reflections (
  id uuid primary key,
  workflow text not null
    constraint reflections_workflow_slug check (workflow ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(workflow) <= 80),
  task text not null
    constraint reflections_task_slug check (task ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(task) <= 80),
  team text not null
    constraint reflections_team_slug check (team ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(team) <= 80),
  participant uuid not null default auth.uid(),
  worked text constraint reflections_worked_length check (char_length(worked) <= 1000),
  did_not_work text constraint reflections_did_not_work_length check (char_length(did_not_work) <= 1000),
  try_next text constraint reflections_try_next_length check (char_length(try_next) <= 1000),
  visibility public.visibility not null default 'team',
  created_at timestamptz not null default now(),
  constraint reflections_not_empty check (
    coalesce(btrim(worked), '') <> '' or coalesce(btrim(did_not_work), '') <> '' or coalesce(btrim(try_next), '') <> ''
  )
);

comment on table public.reflections is
  'A reflection on one use of a workflow. Others read it only through team_reflections(), when visibility = team.';

-- Indexes for the read functions: every query filters by team and period, or by workflow. They
-- carry the columns the functions read, because a team's rows are spread over the whole table and a
-- heap visit per row dominated team_indicators at a million check-ins (see BENCHMARKS.md).
create index check_ins_team_created_at on public.check_ins (team, created_at)
  include (task, workflow, participant, confidence, outcome, error_caught, error_kind);
create index check_ins_workflow_created_at on public.check_ins (workflow, created_at)
  include (team, participant, confidence, outcome, error_caught);
create index reflections_team_created_at on public.reflections (team, created_at) where visibility = 'team';

-- A person's own rows, for the daily limits and for reading, exporting or deleting them.
create index check_ins_participant_created_at on public.check_ins (participant, created_at);
create index reflections_participant_created_at on public.reflections (participant, created_at);

-- Row level security. Members of a team add check-ins and reflections for it as themselves; a person
-- reads, and may delete, their own rows and nobody else's; a person may change who sees their own
-- reflection. The anon role (no session) may do nothing. Team figures come only from the read
-- functions, which count people and hide small groups.
alter table public.check_ins enable row level security;
alter table public.reflections enable row level security;

create policy "check-ins: members add their own"
  on public.check_ins for insert to authenticated
  with check (
    participant = (select auth.uid())
    and praxis_private.is_member(team)
  );
create policy "check-ins: a person reads their own"
  on public.check_ins for select to authenticated using (participant = (select auth.uid()));
create policy "check-ins: a person deletes their own"
  on public.check_ins for delete to authenticated using (participant = (select auth.uid()));

create policy "reflections: members add their own"
  on public.reflections for insert to authenticated
  with check (
    participant = (select auth.uid())
    and praxis_private.is_member(team)
  );
create policy "reflections: a person reads their own"
  on public.reflections for select to authenticated using (participant = (select auth.uid()));
create policy "reflections: a person changes who sees their own"
  on public.reflections for update to authenticated
  using (participant = (select auth.uid())) with check (participant = (select auth.uid()));
create policy "reflections: a person deletes their own"
  on public.reflections for delete to authenticated using (participant = (select auth.uid()));

-- Supabase grants everything on new tables to the API roles by default; take it back. A client may
-- set only the columns it owns: not participant (the database's), not created_at (the server's).
revoke all on public.check_ins, public.reflections from anon, authenticated;
grant insert (id, workflow, task, team, confidence, outcome, error_caught, error_kind, minutes_saved), select, delete
  on public.check_ins to authenticated;
grant insert (id, workflow, task, team, worked, did_not_work, try_next, visibility), select, delete,
  update (visibility)
  on public.reflections to authenticated;
grant all on public.check_ins, public.reflections to service_role;

-- Bounded influence: at most this many rows a person adds per UTC day, also within one bulk request.
-- src/lib/feedback/model.ts has the same numbers (tests/db/model-constraints.test.ts compares them).
create or replace function praxis_private.daily_limit(p_table text)
returns integer
language sql
immutable
set search_path = ''
as $$ select case p_table when 'check_ins' then 30 when 'reflections' then 10 end $$;

create or replace function praxis_private.enforce_daily_limit()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  limit_per_day constant integer := praxis_private.daily_limit(tg_table_name);
  since constant timestamptz := date_trunc('day', now(), 'UTC');
  today integer;
begin
  -- Only the API's people are limited: seeding and imports (the service role, or the database owner
  -- with no role set) bring history of their own. The role set for the request, not the JWT parsed.
  if current_setting('role', true) is distinct from 'authenticated' or new.participant is null then
    return new;
  end if;
  -- One person's inserts one after another, so two requests at once cannot both pass the count.
  perform pg_advisory_xact_lock(hashtext(tg_table_name), hashtext(new.participant::text));
  -- A row-level BEFORE trigger sees the rows its own statement inserted before this one. Static
  -- queries, one per table, so their plans are kept from one row to the next.
  if tg_table_name = 'check_ins' then
    select count(*) into today from public.check_ins c
    where c.participant = new.participant and c.created_at >= since;
  else
    select count(*) into today from public.reflections r
    where r.participant = new.participant and r.created_at >= since;
  end if;
  if today >= limit_per_day then
    raise exception 'At most % % a day per person', limit_per_day,
      case tg_table_name when 'check_ins' then 'check-ins' else 'reflections' end
      using errcode = 'P0001', hint = 'Try again tomorrow (UTC).';
  end if;
  return new;
end
$$;

create trigger check_ins_daily_limit before insert on public.check_ins
  for each row execute function praxis_private.enforce_daily_limit();
create trigger reflections_daily_limit before insert on public.reflections
  for each row execute function praxis_private.enforce_daily_limit();
