-- What a Supabase project has before its own migrations run, for the databases that lack it (plain
-- PostgreSQL, PGlite). Each object is created only where it does not exist, so on a Supabase database
-- this changes nothing.

-- Supabase's API roles.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- Realtime Broadcast from the database: Supabase's realtime.send, with its signature. Here it hands
-- the message to the embedded endpoint, which listens on this channel and relays it to subscribers.
create schema if not exists realtime;
do $$
begin
  if to_regprocedure('realtime.send(jsonb, text, text, boolean)') is null then
    create function realtime.send(payload jsonb, event text, topic text, private boolean default true)
    returns void
    language sql
    set search_path = ''
    as $send$
      select pg_notify('realtime_broadcast', json_build_object(
        'topic', topic, 'event', event, 'payload', payload, 'private', private)::text)
    $send$;
  end if;
end
$$;
