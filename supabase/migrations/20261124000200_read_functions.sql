-- Read functions: the only way the API roles see feedback data. Each runs as its owner (SECURITY
-- DEFINER) with an empty search_path, returns JSON, and never returns a participant id. Counts and
-- means are shown only for groups of at least praxis_private.min_group_size() distinct participants;
-- smaller groups come back as {"suppressed": true} with no numbers (see docs/data-api.md).

-- k-anonymity across calls: two calls with different filters must not give back a hidden cell either:
--  * team_indicators with p_task hides everything when the unfiltered call hides that task type, or
--    when the rest of the team is smaller than k (unfiltered minus filtered would single them out);
--    its weekly cells hide weeks where the rest of the team is small; it returns no per-workflow or
--    per-kind lists;
--  * workflow_summary with p_team hides a workflow that the team's unfiltered lists hide (in any
--    period the site offers), or whose rest of team is smaller than k;
--  * p_weeks is limited to the periods the site offers (4, 8, 12), so there are three views to
--    check, not fifty-two.

-- Suppress small cells in a list of cells that add up to a published total.
-- Each cell is a JSON object with a "participants" count; a cell with 0 < participants < k is
-- suppressed. If exactly one cell is suppressed, the total minus the others would reveal it, so the
-- next-smallest cell is suppressed too. A cell flagged "hide" counts as small: the caller knows it
-- must not be shown. Suppressed cells keep only their keys (named in p_keys).
create or replace function praxis_private.protect_cells(p_cells jsonb, p_keys text[])
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
declare
  k constant integer := praxis_private.min_group_size();
  small integer;
  victim integer;
  result jsonb := '[]'::jsonb;
  cell jsonb;
  i integer := 0;
  hide boolean;
begin
  if p_cells is null or jsonb_array_length(p_cells) = 0 then
    return '[]'::jsonb;
  end if;

  select count(*) into small
  from jsonb_array_elements(p_cells) c
  where (c ->> 'participants')::integer between 1 and k - 1 or coalesce((c ->> 'hide')::boolean, false);

  if small = 1 then
    -- The smallest visible non-empty cell joins the suppressed one.
    select ord - 1 into victim
    from jsonb_array_elements(p_cells) with ordinality as t(c, ord)
    where (c ->> 'participants')::integer >= k and not coalesce((c ->> 'hide')::boolean, false)
    order by (c ->> 'participants')::integer, (c ->> 'checkIns')::integer nulls first, ord
    limit 1;
  end if;

  for cell in select value from jsonb_array_elements(p_cells) loop
    hide := (cell ->> 'participants')::integer between 1 and k - 1
      or coalesce((cell ->> 'hide')::boolean, false)
      or i = victim;
    if hide then
      result := result || jsonb_build_array(
        (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
         from jsonb_each(cell) where key = any (p_keys)) || jsonb_build_object('suppressed', true)
      );
    else
      result := result || jsonb_build_array((cell - 'hide') || jsonb_build_object('suppressed', false));
    end if;
    i := i + 1;
  end loop;
  return result;
end
$$;

-- Is this task type hidden in the team's unfiltered indicators for the period, or is the rest of the
-- team (other task types) small enough that subtraction would single someone out?
create or replace function praxis_private.task_hidden_for_team(p_team text, p_task text, p_since timestamptz)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select (cell ->> 'suppressed')::boolean
    from jsonb_array_elements(praxis_private.protect_cells((
      -- The same cells, in the same order, as team_indicators' unfiltered task list.
      select coalesce(
        jsonb_agg(jsonb_build_object('task', task, 'checkIns', n, 'participants', p) order by n desc, task), '[]')
      from (
        select task, count(*)::integer as n, count(distinct participant)::integer as p
        from public.check_ins
        where team = p_team and created_at >= p_since
        group by task
      ) per_task), array['task'])) as cell
    where cell ->> 'task' = p_task
  ), false)
  or (
    select count(distinct participant) between 1 and praxis_private.min_group_size() - 1
    from public.check_ins
    where team = p_team and created_at >= p_since and task <> p_task
  )
$$;

-- The same question for a workflow, in each period team_indicators offers. One pass over the team's
-- rows, grouped per workflow, person and week; each period's list is team_indicators' workflow list,
-- in the same order, so both functions suppress the same workflows.
create or replace function praxis_private.workflow_hidden_for_team(p_team text, p_workflow text)
returns boolean
language sql
stable
security definer
set search_path = ''
set timezone = 'UTC'
as $$
  with recent as materialized (
    select workflow, min(task) as task, participant, date_trunc('week', created_at) as week, count(*) as n
    from public.check_ins
    where team = p_team and created_at >= date_trunc('week', now()) - interval '11 weeks'
    group by workflow, participant, week
  )
  select exists (
    select 1
    from unnest(array[4, 8, 12]) as w(weeks)
    cross join lateral (select date_trunc('week', now()) - make_interval(weeks => w.weeks - 1) as since) s
    where coalesce((
        select (cell ->> 'suppressed')::boolean
        from jsonb_array_elements(praxis_private.protect_cells((
          select coalesce(
            jsonb_agg(jsonb_build_object('workflow', workflow, 'task', task, 'checkIns', n, 'participants', p)
                      order by n desc, workflow), '[]')
          from (
            select workflow, min(task) as task, sum(n)::integer as n, count(distinct participant)::integer as p
            from recent
            where week >= s.since
            group by workflow
          ) per_workflow), array['workflow', 'task'])) as cell
        where cell ->> 'workflow' = p_workflow
      ), false)
      or (
        select count(distinct participant) between 1 and praxis_private.min_group_size() - 1
        from recent
        where week >= s.since and workflow <> p_workflow
      )
  )
$$;

revoke all on function praxis_private.task_hidden_for_team(text, text, timestamptz) from public;
revoke all on function praxis_private.workflow_hidden_for_team(text, text) from public;

-- Refuses a caller who is not a member of the team (or the service role): a team's figures and
-- reflections are for its members. True otherwise, so it can stand in a WHERE clause.
create or replace function praxis_private.require_member(p_team text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not praxis_private.may_read_team(p_team) then
    raise exception 'Only members of team % see its figures and reflections', p_team using errcode = '42501',
      hint = 'Join the team with the link your team lead shares.';
  end if;
  return true;
end
$$;
revoke all on function praxis_private.require_member(text) from public;

-- How one workflow is going: for the summary beside the check-in form.
create or replace function public.workflow_summary(p_workflow text, p_team text default null)
returns json
language plpgsql
stable
security definer
set search_path = ''
-- Weeks start on Monday, UTC, whatever the session's time zone.
set timezone = 'UTC'
as $$
declare
  k constant integer := praxis_private.min_group_size();
  people integer;
  total integer;
  result jsonb;
begin
  if p_team is not null then
    perform praxis_private.require_member(p_team);
  end if;
  select count(distinct participant), count(*) into people, total
  from public.check_ins
  where workflow = p_workflow and (p_team is null or team = p_team);

  result := jsonb_build_object('workflow', p_workflow, 'team', p_team, 'k', k);
  if p_team is not null and praxis_private.workflow_hidden_for_team(p_team, p_workflow) then
    people := 0;
  end if;
  if people < k then
    -- Too few people: say so, and give no number that could be tied to one of them.
    return result || jsonb_build_object('suppressed', true);
  end if;

  return result || (
    select jsonb_build_object(
      'suppressed', false,
      'checkIns', total,
      'participants', people,
      -- Each person weighs the same: the mean of each person's own mean.
      'meanConfidence', round(avg(person.conf), 2),
      'helpedRate', round(avg(person.helped), 3),
      'catchRate', round(avg(person.caught), 3),
      'lastCheckInWeek', to_char(date_trunc('week', max(person.last_at)), 'YYYY-MM-DD'),
      'confidence', praxis_private.protect_cells(
        (select coalesce(
           jsonb_agg(jsonb_build_object('level', level, 'checkIns', n, 'participants', p) order by level), '[]')
         from (
           select level, count(c.id)::integer as n, count(distinct c.participant)::integer as p
           from generate_series(1, 5) as level
           left join public.check_ins c
             on c.confidence = level and c.workflow = p_workflow and (p_team is null or c.team = p_team)
           group by level
         ) buckets),
        array['level'])
    )
    from (
      select avg(confidence) as conf, avg((outcome = 'helped')::integer) as helped,
             avg((error_caught <> 'none')::integer) as caught, max(created_at) as last_at
      from public.check_ins
      where workflow = p_workflow and (p_team is null or team = p_team)
      group by participant
    ) person
  );
end
$$;

-- A team's indicators over the last p_weeks weeks (Monday-based, the current week included),
-- optionally for one task type: what the team lead's indicators page shows. The team's rows are read
-- once into one row per task, workflow, person, week and error kind, with counts and sums, and every
-- list is answered from those; means and spreads come from exact numeric sums, so the figures are
-- those of avg() and stddev_pop() over the rows.
create or replace function public.team_indicators(p_team text, p_weeks integer default 12, p_task text default null)
returns json
language plpgsql
stable
security definer
set search_path = ''
-- Weeks start on Monday, UTC, whatever the session's time zone.
set timezone = 'UTC'
as $$
declare
  k constant integer := praxis_private.min_group_size();
  weeks constant integer := coalesce(p_weeks, 12);
  this_week constant timestamptz := date_trunc('week', now());
  since constant timestamptz := date_trunc('week', now()) - make_interval(weeks => weeks - 1);
  recent_from constant timestamptz := date_trunc('week', now()) - make_interval(weeks => 3);
  earlier_from constant timestamptz := date_trunc('week', now()) - make_interval(weeks => 7);
  people integer;
  total integer;
  result jsonb;
begin
  perform praxis_private.require_member(p_team);
  -- Only the periods the site offers: each extra window is another view to subtract between.
  if weeks not in (4, 8, 12) then
    raise exception 'p_weeks must be 4, 8 or 12, not %', p_weeks using errcode = '22023';
  end if;
  -- Counting people by grouping first: a hash of a few dozen people, not a sort of every row.
  select count(*), coalesce(sum(n), 0) into people, total
  from (
    select participant, count(*)::integer as n
    from public.check_ins
    where team = p_team and created_at >= since and (p_task is null or task = p_task)
    group by participant
  ) per_person;

  result := jsonb_build_object(
    'team', p_team, 'task', p_task, 'weeks', weeks, 'k', k,
    'since', to_char(since, 'YYYY-MM-DD'),
    'generatedAt', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  );

  -- Asked for one task type: hidden if the unfiltered view hides it, or if the rest of the team is
  -- so small that unfiltered minus filtered would single them out.
  if p_task is not null and praxis_private.task_hidden_for_team(p_team, p_task, since) then
    people := 0;
  end if;

  if people < k then
    return result || jsonb_build_object(
      'suppressed', true,
      'totals', jsonb_build_object('suppressed', true),
      'tasks', '[]'::jsonb, 'workflows', '[]'::jsonb, 'errorKinds', '[]'::jsonb,
      'weekly', (select jsonb_agg(jsonb_build_object('week', to_char(w, 'YYYY-MM-DD'), 'suppressed', true) order by w)
                 from generate_series(since, this_week, interval '1 week') as w)
    );
  end if;

  return result || (
    -- One index range scan; the eight weeks before now are read even for a shorter period,
    -- because the confidence change compares the last four weeks with the four before. Every
    -- boundary is a Monday, so comparing weeks is comparing check-in times.
    with win as materialized (
      select c.task, c.workflow, c.participant, date_trunc('week', c.created_at) as week,
             case when c.error_caught <> 'none' then coalesce(c.error_kind::text, 'unspecified') end as kind,
             count(*)::numeric as n,
             sum(c.confidence)::numeric as conf,
             count(*) filter (where c.outcome = 'helped')::numeric as helped,
             count(*) filter (where c.error_caught = 'before')::numeric as caught_before,
             count(*) filter (where c.error_caught = 'after')::numeric as caught_after
      from public.check_ins c
      where c.team = p_team
        and c.created_at >= least(since, earlier_from)
        and (p_task is null or c.task = p_task)
      group by 1, 2, 3, 4, 5
    ),
    period as (select * from win where week >= since),
    -- Each person weighs the same: a figure about confidence, outcomes or errors is the mean of each
    -- person's own mean, so someone who checks in thirty times moves it as much as someone who
    -- checks in once.
    per_person as (
      select participant, sum(n) as n, sum(conf) / sum(n) as conf, sum(helped) / sum(n) as helped,
             (sum(caught_before) + sum(caught_after)) / sum(n) as caught
      from period group by participant
    ),
    per_person_task as (
      select task, participant,
             sum(n) filter (where week >= since) as n,
             sum(conf) filter (where week >= since) as conf,
             sum(helped) filter (where week >= since) as helped,
             sum(caught_before) filter (where week >= since) as caught_before,
             sum(caught_after) filter (where week >= since) as caught_after,
             sum(conf) filter (where week >= recent_from) as recent_conf,
             sum(n) filter (where week >= recent_from) as recent_n,
             sum(conf) filter (where week >= earlier_from and week < recent_from) as earlier_conf,
             sum(n) filter (where week >= earlier_from and week < recent_from) as earlier_n
      from win group by task, participant
    )
    select jsonb_build_object(
      'suppressed', false,
      'totals', (
        select jsonb_build_object(
          'suppressed', false, 'checkIns', total, 'participants', people,
          'meanConfidence', round(avg(conf), 2),
          'helpedRate', round(avg(helped), 3),
          'catchRate', round(avg(caught), 3))
        from per_person),
      'tasks', praxis_private.protect_cells((
        select coalesce(jsonb_agg(cell order by (cell ->> 'checkIns')::integer desc, cell ->> 'task'), '[]')
        from (
          select jsonb_build_object(
            'task', task,
            'checkIns', p.n::integer,
            'participants', p.people,
            'meanConfidence', round(p.conf, 2),
            -- The spread between people: of each person's mean confidence.
            'confidenceSd', round(p.conf_sd, 2),
            'helpedRate', round(p.helped, 3),
            'catchRate', round(p.caught, 3),
            'caughtBefore', p.caught_before::integer,
            'caughtAfter', p.caught_after::integer,
            -- Confidence over the last four weeks against the four before, each only with k people.
            'recentConfidence', case when p.recent_people >= k then round(p.recent_conf, 2) end,
            'earlierConfidence', case when p.earlier_people >= k then round(p.earlier_conf, 2) end
          ) as cell
          from (
            select task,
                   sum(n) as n,
                   count(*) filter (where n > 0) as people,
                   avg(conf / n) filter (where n > 0) as conf,
                   stddev_pop(conf / n) filter (where n > 0) as conf_sd,
                   avg(helped / n) filter (where n > 0) as helped,
                   avg((caught_before + caught_after) / n) filter (where n > 0) as caught,
                   sum(caught_before) as caught_before,
                   sum(caught_after) as caught_after,
                   count(*) filter (where recent_n > 0) as recent_people,
                   avg(recent_conf / recent_n) filter (where recent_n > 0) as recent_conf,
                   count(*) filter (where earlier_n > 0) as earlier_people,
                   avg(earlier_conf / earlier_n) filter (where earlier_n > 0) as earlier_conf
            from per_person_task
            group by task
          ) p
          where p.n > 0
        ) per_task), array['task']),
      'weekly', praxis_private.protect_cells((
        select jsonb_agg(jsonb_build_object(
          'week', to_char(w.week, 'YYYY-MM-DD'),
          'checkIns', coalesce(per_week.n, 0),
          'participants', coalesce(per_week.p, 0),
          -- Filtered by task: a week where the rest of the team is small stays hidden.
          'hide', p_task is not null and coalesce(rest.p, 0) between 1 and k - 1
        ) order by w.week)
        from generate_series(since, this_week, interval '1 week') as w(week)
        left join (
          select week, sum(n)::integer as n, count(distinct participant)::integer as p
          from period group by 1
        ) per_week on per_week.week = w.week
        left join (
          select date_trunc('week', c.created_at) as week, count(distinct c.participant)::integer as p
          from public.check_ins c
          where p_task is not null and c.team = p_team and c.created_at >= since and c.task <> p_task
          group by 1
        ) rest on rest.week = w.week), array['week']),
      -- Per-workflow and per-kind lists only unfiltered: within one task they could be subtracted
      -- from the unfiltered lists.
      'workflows', case when p_task is not null then '[]'::jsonb else praxis_private.protect_cells((
        select coalesce(jsonb_agg(
                 jsonb_build_object('workflow', workflow, 'task', task, 'checkIns', n, 'participants', p)
                 order by n desc, workflow), '[]')
        from (
          select workflow, min(task) as task, sum(n)::integer as n, count(distinct participant)::integer as p
          from period group by workflow
        ) per_workflow), array['workflow', 'task']) end,
      'errorKinds', case when p_task is not null then '[]'::jsonb else praxis_private.protect_cells((
        select coalesce(
          jsonb_agg(jsonb_build_object('kind', kind, 'checkIns', n, 'participants', p) order by n desc, kind), '[]')
        from (
          select kind, sum(n)::integer as n, count(distinct participant)::integer as p
          from period where kind is not null
          group by 1
        ) per_kind), array['kind']) end
    )
  );
end
$$;

-- The reflections a team chose to share, for the weekly discussion: text and workflow only.
create or replace function public.team_reflections(p_team text, p_since timestamptz, p_until timestamptz default null)
returns json
language sql
stable
security definer
set search_path = ''
-- Weeks start on Monday, UTC, whatever the session's time zone.
set timezone = 'UTC'
as $$
  select coalesce(json_agg(json_build_object(
    'id', r.id,
    'workflow', r.workflow,
    'task', r.task,
    'worked', r.worked,
    'didNotWork', r.did_not_work,
    'tryNext', r.try_next,
    'day', to_char(r.created_at at time zone 'utc', 'YYYY-MM-DD')
  ) order by r.created_at desc), '[]'::json)
  from public.reflections r
  where praxis_private.require_member(p_team)
    and r.team = p_team
    and r.visibility = 'team'
    and r.created_at >= p_since
    and (p_until is null or r.created_at < p_until)
$$;

revoke all on function public.workflow_summary(text, text) from public;
revoke all on function public.team_indicators(text, integer, text) from public;
revoke all on function public.team_reflections(text, timestamptz, timestamptz) from public;
grant execute on function public.workflow_summary(text, text) to anon, authenticated, service_role;
grant execute on function public.team_indicators(text, integer, text) to anon, authenticated, service_role;
grant execute on function public.team_reflections(text, timestamptz, timestamptz) to anon, authenticated, service_role;
