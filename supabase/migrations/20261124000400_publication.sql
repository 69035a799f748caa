-- The publication model: what a team's figures are made of, so that no sequence of calls can subtract
-- its way to fewer than k other people (the argument, attack by attack, is in docs/privacy.md).
--
--  * Sensitive measures (confidence, outcomes, errors caught and their kinds, minutes saved) are
--    published only for closed weeks (Monday to Monday, UTC), once, into praxis_private.week_cells.
--    Published cells never change afterwards: rows deleted, rows arriving late or a second call an
--    hour later leave them as they are, so comparing answers over time gives nothing.
--  * A cell is shown only with at least min_cell_people() = k + 1 people: a member who subtracts their
--    own rows from it still faces k others.
--  * The cells of one week are one disjoint table per team: task types; within each task type, its
--    workflows and the kinds of errors caught. Within a shown task type, the hidden workflows (and
--    the hidden kinds) together hold no one or at least k + 1 people, so the task type minus the
--    shown parts is again a group of k + 1.
--  * Every figure the read functions return about these measures, for any period, task filter, team
--    or all teams, is a sum of shown cells. No true margin is ever published beside them, so there is
--    no total to subtract a cell from.
--  * Activity (how many check-ins and people, per task type and week, this week live) is published
--    as it is: it is what the live ping already tells every member, one check-in at a time.

-- People a shown cell needs: k others besides whoever is looking.
create or replace function praxis_private.min_cell_people()
returns integer
language sql
immutable
set search_path = ''
as $$ select praxis_private.min_group_size() + 1 $$;

-- The weeks published so far (Mondays, UTC). A week is published once, for every team at once.
create table praxis_private.published_weeks (
  week date primary key,
  published_at timestamptz not null default now()
);

-- One row per team, week and cell. level 'team' is the team's activity that week; 'task' a task type;
-- 'workflow' and 'kind' the parts of a task type. Measures are sums over the cell's people of each
-- person's own mean in the cell (so each person weighs the same), null when the cell is not shown;
-- check_ins and people of hidden workflow and kind cells are not kept either.
create table praxis_private.week_cells (
  team text not null,
  week date not null references praxis_private.published_weeks (week),
  level text not null check (level in ('team', 'task', 'workflow', 'kind')),
  task text not null,
  key text not null,
  shown boolean not null,
  check_ins integer,
  people integer,
  confidence numeric,
  confidence_sq numeric,
  helped numeric,
  got_in_the_way numeric,
  caught_before numeric,
  caught_after numeric,
  before_check_ins integer,
  after_check_ins integer,
  minutes_saved integer,
  primary key (team, week, level, task, key)
);
create index week_cells_workflow on praxis_private.week_cells (key, week) where level = 'workflow' and shown;

revoke all on praxis_private.published_weeks, praxis_private.week_cells from public, anon, authenticated;

-- Publishes one closed week for every team. Called only by publish_closed_weeks, under its lock.
create or replace function praxis_private.publish_week(p_week date)
returns void
language plpgsql
security definer
set search_path = ''
set timezone = 'UTC'
as $$
declare
  t constant integer := praxis_private.min_cell_people();
  from_at constant timestamptz := p_week::timestamptz;
  until_at constant timestamptz := (p_week + 7)::timestamptz;
  parent record;
  part_level text;
  residual integer;
begin
  insert into praxis_private.published_weeks (week) values (p_week) on conflict do nothing;
  if not found then
    return;
  end if;

  insert into praxis_private.week_cells (team, week, level, task, key, shown, check_ins, people)
  select team, p_week, 'team', '', '', true, count(*), count(distinct participant)
  from public.check_ins
  where created_at >= from_at and created_at < until_at
  group by team;

  -- Task types, workflows and kinds, each from one row per person in the cell.
  insert into praxis_private.week_cells (
    team, week, level, task, key, shown, check_ins, people, confidence, confidence_sq, helped, got_in_the_way,
    caught_before, caught_after, before_check_ins, after_check_ins, minutes_saved)
  select team, p_week, level, task, key, count(*) >= t, sum(n), count(*), sum(conf), sum(conf * conf), sum(helped),
         sum(in_the_way), sum(before), sum(after), sum(before_n), sum(after_n), coalesce(sum(minutes), 0)
  from (
    select grouping_set.level, c.team, c.task,
           case grouping_set.level
             when 'task' then c.task
             when 'workflow' then c.workflow
             else coalesce(c.error_kind::text, 'unspecified')
           end as key,
           c.participant,
           count(*) as n,
           avg(c.confidence) as conf,
           avg((c.outcome = 'helped')::integer) as helped,
           avg((c.outcome = 'got_in_the_way')::integer) as in_the_way,
           avg((c.error_caught = 'before')::integer) as before,
           avg((c.error_caught = 'after')::integer) as after,
           count(*) filter (where c.error_caught = 'before') as before_n,
           count(*) filter (where c.error_caught = 'after') as after_n,
           sum(c.minutes_saved) as minutes
    from public.check_ins c
    cross join (values ('task'), ('workflow'), ('kind')) as grouping_set(level)
    where c.created_at >= from_at and c.created_at < until_at
      and (grouping_set.level <> 'kind' or c.error_caught <> 'none')
    group by 1, 2, 3, 4, 5
  ) per_person
  group by team, level, task, key;

  -- A part of a hidden task type is hidden too.
  update praxis_private.week_cells part set shown = false
  from praxis_private.week_cells whole
  where part.week = p_week and part.level in ('workflow', 'kind') and part.shown
    and whole.week = p_week and whole.level = 'task' and whole.team = part.team and whole.task = part.task
    and not whole.shown;

  -- Complementary suppression: within a shown task type, the hidden parts of each kind together hold
  -- no one or at least t people; otherwise the smallest shown part is hidden too, and so on.
  for parent in
    select team, task from praxis_private.week_cells where week = p_week and level = 'task' and shown
  loop
    foreach part_level in array array['workflow', 'kind'] loop
      loop
        select count(distinct c.participant) into residual
        from public.check_ins c
        join praxis_private.week_cells part
          on part.week = p_week and part.level = part_level and part.team = c.team and part.task = c.task
          and not part.shown
          and part.key = case part_level when 'workflow' then c.workflow
                                         else coalesce(c.error_kind::text, 'unspecified') end
        where c.team = parent.team and c.task = parent.task
          and c.created_at >= from_at and c.created_at < until_at
          and (part_level = 'workflow' or c.error_caught <> 'none');
        exit when residual = 0 or residual >= t;
        update praxis_private.week_cells set shown = false
        where (team, week, level, task, key) = (
          select team, week, level, task, key from praxis_private.week_cells
          where team = parent.team and week = p_week and level = part_level and task = parent.task and shown
          order by people, check_ins, key
          limit 1);
        -- Nothing shown is left: the hidden parts are the whole, which the task type already shows.
        exit when not found;
      end loop;
    end loop;
  end loop;

  -- What is not shown is not kept: a task type keeps its activity, a hidden part keeps nothing.
  update praxis_private.week_cells
  set confidence = null, confidence_sq = null, helped = null, got_in_the_way = null, caught_before = null,
      caught_after = null, before_check_ins = null, after_check_ins = null, minutes_saved = null,
      check_ins = case when level = 'task' then check_ins end,
      people = case when level = 'task' then people end
  where week = p_week and not shown;
end
$$;

-- Publishes every closed week not yet published (the last twelve, the first time), once: callers
-- queue on a lock, and whoever comes second finds the work done.
create or replace function praxis_private.publish_closed_weeks()
returns void
language plpgsql
security definer
set search_path = ''
set timezone = 'UTC'
as $$
declare
  last_closed constant date := (date_trunc('week', now()) - interval '1 week')::date;
  first_week date;
  w date;
begin
  if exists (select 1 from praxis_private.published_weeks where week = last_closed) then
    return;
  end if;
  perform pg_advisory_xact_lock(hashtext('praxis_private.publish_closed_weeks'));
  select coalesce(max(week) + 7, last_closed - 7 * 11) into first_week from praxis_private.published_weeks;
  for w in select d::date from generate_series(first_week, last_closed, interval '1 week') as d loop
    perform praxis_private.publish_week(w);
  end loop;
end
$$;

-- For imports of past weeks into a database that has published weeks with nothing in them (a demo
-- opened before it was seeded): forgets those empty weeks so the next read publishes them with the
-- imported rows. Once any week holds a cell, published weeks are final and this changes nothing, since
-- publishing them again would show by difference what was deleted or added since. Service role only.
create or replace function public.reset_empty_publication()
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtext('praxis_private.publish_closed_weeks'));
  if exists (select 1 from praxis_private.week_cells) then
    return false;
  end if;
  delete from praxis_private.published_weeks;
  return true;
end
$$;
revoke all on function public.reset_empty_publication() from public;
grant execute on function public.reset_empty_publication() to service_role;

revoke all on function praxis_private.min_cell_people(), praxis_private.publish_week(date),
  praxis_private.publish_closed_weeks() from public;

-- The figures of a set of shown cells, as the read functions return them: an aggregate over
-- week_cells rows, `praxis_private.figures(cell)`. Sums in, means out; null for no people.
create or replace function praxis_private.add_cell(state numeric[], cell praxis_private.week_cells)
returns numeric[]
language sql
immutable
set search_path = ''
as $$
  select array[
    coalesce(state[1], 0) + coalesce(cell.check_ins, 0),
    coalesce(state[2], 0) + coalesce(cell.people, 0),
    coalesce(state[3], 0) + coalesce(cell.confidence, 0),
    coalesce(state[4], 0) + coalesce(cell.confidence_sq, 0),
    coalesce(state[5], 0) + coalesce(cell.helped, 0),
    coalesce(state[6], 0) + coalesce(cell.got_in_the_way, 0),
    coalesce(state[7], 0) + coalesce(cell.caught_before, 0),
    coalesce(state[8], 0) + coalesce(cell.caught_after, 0),
    coalesce(state[9], 0) + coalesce(cell.before_check_ins, 0),
    coalesce(state[10], 0) + coalesce(cell.after_check_ins, 0),
    coalesce(state[11], 0) + coalesce(cell.minutes_saved, 0)]
$$;

create or replace function praxis_private.cell_figures(sums numeric[])
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case when coalesce(sums[2], 0) = 0 then null else jsonb_build_object(
    'checkIns', sums[1],
    'personWeeks', sums[2],
    'meanConfidence', round(sums[3] / sums[2], 2),
    -- The spread between people's own means, over the person-weeks.
    'confidenceSd', round(sqrt(greatest(sums[4] / sums[2] - (sums[3] / sums[2]) ^ 2, 0)), 2),
    'helpedRate', round(sums[5] / sums[2], 3),
    'gotInTheWayRate', round(sums[6] / sums[2], 3),
    'catchRate', round((sums[7] + sums[8]) / sums[2], 3),
    'caughtBeforeRate', round(sums[7] / sums[2], 3),
    'caughtAfterRate', round(sums[8] / sums[2], 3),
    'caughtBefore', sums[9],
    'caughtAfter', sums[10],
    'minutesSaved', sums[11]
  ) end
$$;

create aggregate praxis_private.figures(praxis_private.week_cells) (
  sfunc = praxis_private.add_cell,
  stype = numeric[],
  finalfunc = praxis_private.cell_figures
);
revoke all on function praxis_private.add_cell(numeric[], praxis_private.week_cells),
  praxis_private.cell_figures(numeric[]) from public;

drop function if exists public.workflow_summary(text, text);
drop function if exists public.team_indicators(text, integer, text);
drop function if exists public.team_reflections(text, timestamptz, timestamptz);
drop function if exists praxis_private.task_hidden_for_team(text, text, timestamptz);
drop function if exists praxis_private.workflow_hidden_for_team(text, text);
drop function if exists praxis_private.protect_cells(jsonb, text[]);

-- How one workflow has gone over the last twelve closed weeks, in one team or all of them: the sum
-- of the shown cells. Volatile only because it may publish the weeks that closed since the last call.
create or replace function public.workflow_summary(p_workflow text, p_team text default null)
returns json
language plpgsql
volatile
security definer
set search_path = ''
set timezone = 'UTC'
as $$
declare
  this_week constant date := date_trunc('week', now())::date;
  result jsonb;
  figures jsonb;
begin
  if p_team is not null then
    perform praxis_private.require_member(p_team);
  end if;
  perform praxis_private.publish_closed_weeks();
  result := jsonb_build_object(
    'workflow', p_workflow, 'team', p_team, 'k', praxis_private.min_group_size(),
    'minPeople', praxis_private.min_cell_people(),
    'since', to_char(this_week - 7 * 12, 'YYYY-MM-DD'), 'until', to_char(this_week, 'YYYY-MM-DD'));
  select praxis_private.figures(c)
         || jsonb_build_object('weeks', count(distinct c.week), 'lastWeek', to_char(max(c.week), 'YYYY-MM-DD'))
    into figures
  from praxis_private.week_cells c
  where c.level = 'workflow' and c.key = p_workflow and c.shown
    and c.week >= this_week - 7 * 12 and c.week < this_week
    and (p_team is null or c.team = p_team);
  if figures is null then
    return result || jsonb_build_object('suppressed', true);
  end if;
  return result || jsonb_build_object('suppressed', false) || figures;
end
$$;

-- A team's indicators over the last p_weeks weeks (the current one included), optionally for one
-- task type. Measures come from the shown cells of the closed weeks; activity from every week, the
-- current one live.
create or replace function public.team_indicators(p_team text, p_weeks integer default 12, p_task text default null)
returns json
language plpgsql
volatile
security definer
set search_path = ''
set timezone = 'UTC'
as $$
declare
  weeks constant integer := coalesce(p_weeks, 12);
  this_week constant date := date_trunc('week', now())::date;
  since constant date := this_week - 7 * (weeks - 1);
  recent_from constant date := this_week - 7 * 4;
  earlier_from constant date := this_week - 7 * 8;
begin
  perform praxis_private.require_member(p_team);
  if weeks not in (4, 8, 12) then
    raise exception 'p_weeks must be 4, 8 or 12, not %', p_weeks using errcode = '22023';
  end if;
  perform praxis_private.publish_closed_weeks();

  return (
    with live as (
      -- This week's activity, as the pings announce it.
      select task, count(*)::integer as check_ins, count(distinct participant)::integer as people
      from public.check_ins
      where team = p_team and created_at >= this_week::timestamptz and (p_task is null or task = p_task)
      group by task
    ),
    live_team as (
      select count(*)::integer as check_ins, count(distinct participant)::integer as people
      from public.check_ins
      where team = p_team and created_at >= this_week::timestamptz and (p_task is null or task = p_task)
    ),
    cells as (
      -- Each row also as itself (cell), for the figures aggregate.
      select c.*, c as cell from praxis_private.week_cells c
      where team = p_team and week >= least(since, earlier_from) and week < this_week
        and (p_task is null or task = p_task)
    ),
    period as (select * from cells where week >= since),
    tasks as (
      select coalesce(p.task, l.task) as task,
             coalesce(p.check_ins, 0) + coalesce(l.check_ins, 0) as check_ins,
             coalesce(p.person_weeks, 0) + coalesce(l.people, 0) as person_weeks,
             p.figures, p.recent, p.earlier
      from (
        select task,
               sum(check_ins) as check_ins,
               sum(people) as person_weeks,
               praxis_private.figures(cell) filter (where shown) as figures,
               (select round(sum(c.confidence) / sum(c.people), 2) from cells c
                where c.level = 'task' and c.task = pt.task and c.shown and c.week >= recent_from) as recent,
               (select round(sum(c.confidence) / sum(c.people), 2) from cells c
                where c.level = 'task' and c.task = pt.task and c.shown
                  and c.week >= earlier_from and c.week < recent_from) as earlier
        from period pt
        where level = 'task'
        group by task
      ) p
      full join live l on l.task = p.task
    )
    select json_build_object(
      'team', p_team, 'task', p_task, 'weeks', weeks,
      'k', praxis_private.min_group_size(), 'minPeople', praxis_private.min_cell_people(),
      'since', to_char(since, 'YYYY-MM-DD'),
      'thisWeek', to_char(this_week, 'YYYY-MM-DD'),
      'generatedAt', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'totals', (
        select jsonb_build_object(
                 'checkIns', coalesce(sum(check_ins), 0) + (select check_ins from live_team),
                 'shown', coalesce(bool_or(shown), false))
               || coalesce(praxis_private.figures(cell) filter (where shown) - 'checkIns', '{}'::jsonb)
               || coalesce(jsonb_build_object('shownCheckIns', sum(check_ins) filter (where shown)), '{}'::jsonb)
        from period where level = 'task'),
      'thisWeekActivity', (
        select jsonb_build_object('checkIns', lt.check_ins, 'people', lt.people,
          'tasks', coalesce((select jsonb_agg(jsonb_build_object('task', task, 'checkIns', check_ins, 'people', people)
                                              order by check_ins desc, task) from live), '[]'::jsonb))
        from live_team lt),
      'tasks', coalesce((
        select jsonb_agg(
          jsonb_build_object('task', task, 'checkIns', check_ins, 'personWeeks', person_weeks,
                             'shown', figures is not null, 'recentConfidence', recent, 'earlierConfidence', earlier)
          || coalesce(figures - 'checkIns' - 'personWeeks'
                      || jsonb_build_object('shownCheckIns', figures -> 'checkIns',
                                            'shownPersonWeeks', figures -> 'personWeeks'), '{}'::jsonb)
          order by check_ins desc, task)
        from tasks), '[]'::jsonb),
      'weekly', (
        select jsonb_agg(jsonb_build_object(
                 'week', to_char(w.week, 'YYYY-MM-DD'),
                 'closed', w.week < this_week,
                 'checkIns', case when w.week = this_week then (select check_ins from live_team)
                                  else coalesce(a.check_ins, 0) end,
                 'people', case when w.week = this_week then (select people from live_team)
                                else coalesce(a.people, 0) end,
                 'shown', f.figures is not null)
               || coalesce(f.figures - 'checkIns' - 'personWeeks'
                           || jsonb_build_object('shownCheckIns', f.figures -> 'checkIns'), '{}'::jsonb)
               order by w.week)
        from (select d::date as week from generate_series(since, this_week, interval '1 week') as d) w
        left join (
          -- Activity: the whole team's, or the one task type's.
          select week, sum(check_ins)::integer as check_ins, sum(people)::integer as people
          from period
          where level = case when p_task is null then 'team' else 'task' end
          group by week
        ) a on a.week = w.week
        left join (
          select week, praxis_private.figures(cell) as figures
          from period where level = 'task' and shown
          group by week
        ) f on f.week = w.week),
      'workflows', coalesce((
        select jsonb_agg(jsonb_build_object('workflow', key, 'task', task) || figures
                         order by (figures ->> 'checkIns')::integer desc, key)
        from (
          select key, min(task) as task, praxis_private.figures(cell) as figures
          from period where level = 'workflow' and shown
          group by key
        ) per_workflow), '[]'::jsonb),
      'errorKinds', coalesce((
        select jsonb_agg(jsonb_build_object('kind', key, 'checkIns', n, 'personWeeks', p) order by n desc, key)
        from (
          select key, sum(check_ins)::integer as n, sum(people)::integer as p
          from period where level = 'kind' and shown
          group by key
        ) per_kind), '[]'::jsonb)
    )
  );
end
$$;

-- The reflections a team shared, for the weekly discussion: by closed week, without ids or times, in
-- a random order, and a week only once at least min_cell_people() people of the team shared in it.
create or replace function public.team_reflections(p_team text, p_weeks integer default 4)
returns json
language plpgsql
stable
security definer
set search_path = ''
set timezone = 'UTC'
as $$
declare
  weeks constant integer := coalesce(p_weeks, 4);
  this_week constant date := date_trunc('week', now())::date;
  t constant integer := praxis_private.min_cell_people();
begin
  perform praxis_private.require_member(p_team);
  if weeks < 1 or weeks > 12 then
    raise exception 'p_weeks must be between 1 and 12, not %', p_weeks using errcode = '22023';
  end if;
  return (
    select json_agg(json_build_object(
             'week', to_char(w.week, 'YYYY-MM-DD'),
             'shown', s.people >= t,
             'reflections', case when s.people >= t then s.items else '[]'::json end)
           order by w.week desc)
    from (select d::date as week from generate_series(this_week - 7 * weeks, this_week - 7, interval '1 week') as d) w
    cross join lateral (
      select count(distinct r.participant) as people,
             json_agg(json_build_object('workflow', r.workflow, 'task', r.task, 'worked', r.worked,
                                        'didNotWork', r.did_not_work, 'tryNext', r.try_next)
                      order by random()) as items
      from public.reflections r
      where r.team = p_team and r.visibility = 'team'
        and r.created_at >= w.week::timestamptz and r.created_at < (w.week + 7)::timestamptz
    ) s
  );
end
$$;

revoke all on function public.workflow_summary(text, text) from public;
revoke all on function public.team_indicators(text, integer, text) from public;
revoke all on function public.team_reflections(text, integer) from public;
grant execute on function public.workflow_summary(text, text) to anon, authenticated, service_role;
grant execute on function public.team_indicators(text, integer, text) to anon, authenticated, service_role;
grant execute on function public.team_reflections(text, integer) to anon, authenticated, service_role;

-- Live pings: on the team's private channel, carrying the task types of the new check-ins (what the
-- live activity figures would show anyway) and nothing else.
create or replace function praxis_private.announce_check_ins()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  ping record;
begin
  if to_regprocedure('realtime.send(jsonb, text, text, boolean)') is null then
    return null;
  end if;
  for ping in select n.team, jsonb_agg(distinct n.task) as tasks from new_rows n group by n.team loop
    perform realtime.send(jsonb_build_object('tasks', ping.tasks), 'check_in', 'indicators:' || ping.team, true);
  end loop;
  return null;
end
$$;

-- Who may listen on a team's channel: its members. No policy lets anyone send on it, so only the
-- database's realtime.send (which bypasses these policies) broadcasts there.
do $$
begin
  if to_regclass('realtime.messages') is not null then
    execute $policy$
      create policy "indicators: members of the team listen"
      on realtime.messages for select to authenticated
      using (
        realtime.messages.extension = 'broadcast'
        and (select realtime.topic()) like 'indicators:%'
        and praxis_private.is_member(substr((select realtime.topic()), length('indicators:') + 1))
      )
    $policy$;
  end if;
end
$$;
