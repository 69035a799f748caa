-- Live updates for the indicators page on hosted Supabase.
--
-- Anon cannot read raw rows, so Realtime's Postgres Changes (which checks RLS per subscriber) would
-- deliver nothing. Instead, each new check-in sends a Broadcast message on the public channel
-- `indicators:<team>` that carries no data at all: it only tells open indicators pages to fetch the
-- aggregates again through the read functions, where k-anonymity applies.
--
-- `realtime.send` exists only on Supabase (hosted, or `supabase start`). Elsewhere (plain Postgres,
-- PGlite, the embedded endpoint) the trigger is not created and the site polls instead.

create or replace function praxis_private.announce_check_in()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform realtime.send('{}'::jsonb, 'check_in', 'indicators:' || new.team, false);
  return null;
exception when others then
  -- A failed announcement must never lose the check-in; pages still poll.
  return null;
end
$$;

do $$
begin
  if exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'realtime' and p.proname = 'send'
  ) then
    drop trigger if exists check_ins_announce on public.check_ins;
    create trigger check_ins_announce
      after insert on public.check_ins
      for each row execute function praxis_private.announce_check_in();
  end if;
end
$$;
