-- My practice: the tracks a person follows, deleting all of one's own data at once, and how each
-- workflow is going across teams for the maintenance page.

-- The tracks a person follows. Only they can see, add or remove their own.
create table public.track_follows (
  user_id uuid not null default auth.uid(),
  track text not null
    constraint track_follows_track_slug check (track ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(track) <= 80),
  created_at timestamptz not null default now(),
  primary key (user_id, track)
);

comment on table public.track_follows is 'A track a person follows; only they read it.';

alter table public.track_follows enable row level security;
create policy "track follows: a person adds their own"
  on public.track_follows for insert to authenticated with check (user_id = (select auth.uid()));
create policy "track follows: a person reads their own"
  on public.track_follows for select to authenticated using (user_id = (select auth.uid()));
create policy "track follows: a person removes their own"
  on public.track_follows for delete to authenticated using (user_id = (select auth.uid()));
revoke all on public.track_follows from anon, authenticated;
grant insert (track), select, delete on public.track_follows to authenticated;
grant all on public.track_follows to service_role;

-- Deletes everything the caller wrote: check-ins, reflections, track follows, in one transaction,
-- as the caller (their own delete policies decide). Published weeks keep their sums (docs/privacy.md).
create or replace function public.delete_my_data()
returns json
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  me constant uuid := auth.uid();
  check_ins integer;
  reflections integer;
  follows integer;
begin
  if me is null then
    raise exception 'Sign in to delete your data' using errcode = '42501';
  end if;
  delete from public.check_ins where participant = me;
  get diagnostics check_ins = row_count;
  delete from public.reflections where participant = me;
  get diagnostics reflections = row_count;
  delete from public.track_follows where user_id = me;
  get diagnostics follows = row_count;
  return json_build_object('checkIns', check_ins, 'reflections', reflections, 'trackFollows', follows);
end
$$;
revoke all on function public.delete_my_data() from public;
grant execute on function public.delete_my_data() to authenticated;

-- How each workflow has gone across all teams over the last twelve closed weeks: the sum of the shown
-- workflow cells, as workflow_summary(workflow) gives it for one. For the maintenance page.
create or replace function public.workflow_health()
returns json
language plpgsql
volatile
security definer
set search_path = ''
set timezone = 'UTC'
as $$
declare
  this_week constant date := date_trunc('week', now())::date;
begin
  perform praxis_private.publish_closed_weeks();
  return coalesce((
    select json_agg(jsonb_build_object('workflow', key, 'weeks', weeks) || figures order by key)
    from (
      select c.key, count(distinct c.week) as weeks, praxis_private.figures(c) as figures
      from praxis_private.week_cells c
      where c.level = 'workflow' and c.shown and c.week >= this_week - 7 * 12 and c.week < this_week
      group by c.key
    ) per_workflow
  ), '[]'::json);
end
$$;
revoke all on function public.workflow_health() from public;
grant execute on function public.workflow_health() to anon, authenticated, service_role;
