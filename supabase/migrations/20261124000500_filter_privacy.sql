-- k-anonymity across calls: a task type hidden in a team's unfiltered indicators (too few people,
-- or hidden so that it cannot be recovered by subtraction) must stay hidden when asked for alone
-- with p_task, or the two calls together would reveal the small cell.
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
      select coalesce(jsonb_agg(jsonb_build_object('task', task, 'checkIns', n, 'participants', p) order by n desc, task), '[]')
      from (
        select task, count(*)::integer as n, count(distinct participant)::integer as p
        from public.check_ins
        where team = p_team and created_at >= p_since
        group by task
      ) per_task), array['task'])) as cell
    where cell ->> 'task' = p_task
  ), false)
$$;

revoke all on function praxis_private.task_hidden_for_team(text, text, timestamptz) from public;

-- team_indicators as before, plus the check above when a task type is chosen.
-- A team's indicators over the last p_weeks weeks (Monday-based, the current week included),
-- optionally for one task type: what the team lead's indicators page shows.
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
  weeks constant integer := least(greatest(coalesce(p_weeks, 12), 1), 52);
  this_week constant timestamptz := date_trunc('week', now());
  since constant timestamptz := date_trunc('week', now()) - make_interval(weeks => weeks - 1);
  recent_from constant timestamptz := date_trunc('week', now()) - make_interval(weeks => 3);
  earlier_from constant timestamptz := date_trunc('week', now()) - make_interval(weeks => 7);
  people integer;
  total integer;
  result jsonb;
begin
  select count(distinct participant), count(*) into people, total
  from public.check_ins
  where team = p_team and created_at >= since and (p_task is null or task = p_task);

  result := jsonb_build_object(
    'team', p_team, 'task', p_task, 'weeks', weeks, 'k', k,
    'since', to_char(since, 'YYYY-MM-DD'),
    'generatedAt', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  );

  -- Asked for one task type: if the unfiltered view hides it, this view must hide it too.
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
    -- because the confidence change compares the last four weeks with the four before.
    with win as materialized (
      select c.task, c.workflow, c.participant, c.confidence, c.outcome, c.error_caught, c.error_kind,
             c.created_at, c.created_at >= since as in_period
      from public.check_ins c
      where c.team = p_team
        and c.created_at >= least(since, earlier_from)
        and (p_task is null or c.task = p_task)
    ),
    period as (select * from win where in_period)
    select jsonb_build_object(
      'suppressed', false,
      'totals', (
        select jsonb_build_object(
          'suppressed', false, 'checkIns', total, 'participants', people,
          'meanConfidence', round(avg(confidence), 2),
          'helpedRate', round(avg((outcome = 'helped')::integer), 3),
          'catchRate', round(avg((error_caught <> 'none')::integer), 3))
        from period),
      'tasks', praxis_private.protect_cells((
        select coalesce(jsonb_agg(cell order by (cell ->> 'checkIns')::integer desc, cell ->> 'task'), '[]')
        from (
          select jsonb_build_object(
            'task', task,
            'checkIns', count(*) filter (where in_period),
            'participants', count(distinct participant) filter (where in_period),
            'meanConfidence', round(avg(confidence) filter (where in_period), 2),
            'confidenceSd', round(coalesce(stddev_pop(confidence) filter (where in_period), 0), 2),
            'helpedRate', round(avg((outcome = 'helped')::integer) filter (where in_period), 3),
            'catchRate', round(avg((error_caught <> 'none')::integer) filter (where in_period), 3),
            'caughtBefore', count(*) filter (where in_period and error_caught = 'before'),
            'caughtAfter', count(*) filter (where in_period and error_caught = 'after'),
            -- Confidence over the last four weeks against the four before, each only with k people.
            'recentConfidence', case when count(distinct participant) filter (where created_at >= recent_from) >= k
              then round(avg(confidence) filter (where created_at >= recent_from), 2) end,
            'earlierConfidence', case when count(distinct participant) filter (where created_at >= earlier_from and created_at < recent_from) >= k
              then round(avg(confidence) filter (where created_at >= earlier_from and created_at < recent_from), 2) end
          ) as cell
          from win
          group by task
          having count(*) filter (where in_period) > 0
        ) per_task), array['task']),
      'weekly', praxis_private.protect_cells((
        select jsonb_agg(jsonb_build_object(
          'week', to_char(w.week, 'YYYY-MM-DD'),
          'checkIns', coalesce(n, 0),
          'participants', coalesce(p, 0)
        ) order by w.week)
        from generate_series(since, this_week, interval '1 week') as w(week)
        left join (
          select date_trunc('week', created_at) as week, count(*)::integer as n, count(distinct participant)::integer as p
          from period group by 1
        ) per_week on per_week.week = w.week), array['week']),
      'workflows', praxis_private.protect_cells((
        select coalesce(jsonb_agg(jsonb_build_object('workflow', workflow, 'task', task, 'checkIns', n, 'participants', p)
                                  order by n desc, workflow), '[]')
        from (
          select workflow, min(task) as task, count(*)::integer as n, count(distinct participant)::integer as p
          from period group by workflow
        ) per_workflow), array['workflow', 'task']),
      'errorKinds', praxis_private.protect_cells((
        select coalesce(jsonb_agg(jsonb_build_object('kind', kind, 'checkIns', n, 'participants', p) order by n desc, kind), '[]')
        from (
          select coalesce(error_kind, 'unspecified') as kind, count(*)::integer as n, count(distinct participant)::integer as p
          from period where error_caught <> 'none'
          group by 1
        ) per_kind), array['kind'])
    )
  );
end
$$;
