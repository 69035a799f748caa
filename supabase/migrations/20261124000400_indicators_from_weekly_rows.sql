-- team_indicators, same answer, less work: at a million check-ins its count(distinct participant)
-- sorts over every row of the team (about 20,000 for 12 weeks) made p95 about 100 ms. It now reads
-- the team's rows once into one row per task, workflow, person, week and error kind, with counts
-- and sums, and answers every list from those (a few thousand rows at most). Means and spreads are
-- computed from exact numeric sums, so the figures are those of avg() and stddev_pop() over the rows.
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
             case when c.error_caught <> 'none' then coalesce(c.error_kind, 'unspecified') end as kind,
             count(*)::numeric as n,
             sum(c.confidence)::numeric as conf,
             sum(c.confidence * c.confidence)::numeric as conf_sq,
             count(*) filter (where c.outcome = 'helped')::numeric as helped,
             count(*) filter (where c.error_caught = 'before')::numeric as caught_before,
             count(*) filter (where c.error_caught = 'after')::numeric as caught_after
      from public.check_ins c
      where c.team = p_team
        and c.created_at >= least(since, earlier_from)
        and (p_task is null or c.task = p_task)
      group by 1, 2, 3, 4, 5
    ),
    period as (select * from win where week >= since)
    select jsonb_build_object(
      'suppressed', false,
      'totals', (
        select jsonb_build_object(
          'suppressed', false, 'checkIns', total, 'participants', people,
          'meanConfidence', round(sum(conf) / sum(n), 2),
          'helpedRate', round(sum(helped) / sum(n), 3),
          'catchRate', round((sum(caught_before) + sum(caught_after)) / sum(n), 3))
        from period),
      'tasks', praxis_private.protect_cells((
        select coalesce(jsonb_agg(cell order by (cell ->> 'checkIns')::integer desc, cell ->> 'task'), '[]')
        from (
          select jsonb_build_object(
            'task', task,
            'checkIns', p.n::integer,
            'participants', p.people,
            'meanConfidence', round(p.conf / p.n, 2),
            -- stddev_pop from the sums, as PostgreSQL computes it: sqrt((n·Σx² − (Σx)²) / n²).
            'confidenceSd', round(sqrt(greatest(p.n * p.conf_sq - p.conf * p.conf, 0) / (p.n * p.n)), 2),
            'helpedRate', round(p.helped / p.n, 3),
            'catchRate', round((p.caught_before + p.caught_after) / p.n, 3),
            'caughtBefore', p.caught_before::integer,
            'caughtAfter', p.caught_after::integer,
            -- Confidence over the last four weeks against the four before, each only with k people.
            'recentConfidence', case when p.recent_people >= k then round(p.recent_conf / p.recent_n, 2) end,
            'earlierConfidence', case when p.earlier_people >= k then round(p.earlier_conf / p.earlier_n, 2) end
          ) as cell
          from (
            select task,
                   sum(n) filter (where week >= since) as n,
                   count(distinct participant) filter (where week >= since) as people,
                   sum(conf) filter (where week >= since) as conf,
                   sum(conf_sq) filter (where week >= since) as conf_sq,
                   sum(helped) filter (where week >= since) as helped,
                   sum(caught_before) filter (where week >= since) as caught_before,
                   sum(caught_after) filter (where week >= since) as caught_after,
                   count(distinct participant) filter (where week >= recent_from) as recent_people,
                   sum(conf) filter (where week >= recent_from) as recent_conf,
                   sum(n) filter (where week >= recent_from) as recent_n,
                   count(distinct participant) filter (where week >= earlier_from and week < recent_from) as earlier_people,
                   sum(conf) filter (where week >= earlier_from and week < recent_from) as earlier_conf,
                   sum(n) filter (where week >= earlier_from and week < recent_from) as earlier_n
            from win
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
        select coalesce(jsonb_agg(jsonb_build_object('workflow', workflow, 'task', task, 'checkIns', n, 'participants', p)
                                  order by n desc, workflow), '[]')
        from (
          select workflow, min(task) as task, sum(n)::integer as n, count(distinct participant)::integer as p
          from period group by workflow
        ) per_workflow), array['workflow', 'task']) end,
      'errorKinds', case when p_task is not null then '[]'::jsonb else praxis_private.protect_cells((
        select coalesce(jsonb_agg(jsonb_build_object('kind', kind, 'checkIns', n, 'participants', p) order by n desc, kind), '[]')
        from (
          select kind, sum(n)::integer as n, count(distinct participant)::integer as p
          from period where kind is not null
          group by 1
        ) per_kind), array['kind']) end
    )
  );
end
$$;

-- The same for workflow_summary(workflow, team): whether the team's lists hide the workflow was six
-- passes over the team's rows (two per period); it is now one, grouped per workflow, person and
-- week, and each period's list is made from that. The cells are team_indicators' workflow list,
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
          select coalesce(jsonb_agg(jsonb_build_object('workflow', workflow, 'task', task, 'checkIns', n, 'participants', p) order by n desc, workflow), '[]')
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

revoke all on function praxis_private.workflow_hidden_for_team(text, text) from public;
