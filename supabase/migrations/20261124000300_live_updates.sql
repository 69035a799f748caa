-- Live updates for the indicators page.
--
-- The API roles cannot read raw rows, so Realtime's Postgres Changes (which checks RLS per subscriber)
-- would deliver nothing. Instead, each statement that stores check-ins sends one Broadcast message per
-- team on the public channel `indicators:<team>`. It carries no data at all: it only tells open
-- indicators pages to fetch the aggregates again through the read functions, where k-anonymity applies.
--
-- `realtime.send` is Supabase's (hosted, or `supabase start`); the embedded endpoint provides one with
-- the same signature that hands the message to it through pg_notify. Where none exists (plain
-- PostgreSQL, PGlite on their own) the trigger stores the check-in and announces nothing: pages poll.

create or replace function praxis_private.announce_check_ins()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  team text;
begin
  if to_regprocedure('realtime.send(jsonb, text, text, boolean)') is null then
    return null;
  end if;
  -- No exception block of its own (each would be a subtransaction per statement): Supabase's
  -- realtime.send catches its own errors and only warns, and the endpoint's is a pg_notify.
  for team in select distinct n.team from new_rows n loop
    perform realtime.send('{}'::jsonb, 'check_in', 'indicators:' || team, false);
  end loop;
  return null;
end
$$;

revoke all on function praxis_private.announce_check_ins() from public;

create trigger check_ins_announce
  after insert on public.check_ins
  referencing new table as new_rows
  for each statement execute function praxis_private.announce_check_ins();
