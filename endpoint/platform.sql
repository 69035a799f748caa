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

-- Realtime Authorization: Supabase keeps realtime.messages, whose RLS policies decide who may join a
-- private channel (select) and send on it (insert), and realtime.topic(), the topic being checked.
-- The embedded endpoint asks them the same question Supabase's Realtime does.
create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone not null default now(),
  inserted_at timestamp without time zone not null default now(),
  id uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
);
alter table realtime.messages enable row level security;
do $$
begin
  if to_regprocedure('realtime.topic()') is null then
    create function realtime.topic()
    returns text
    language sql
    stable
    as $topic$ select nullif(current_setting('realtime.topic', true), '')::text $topic$;
  end if;
end
$$;
grant usage on schema realtime to anon, authenticated, service_role;
grant select, insert on realtime.messages to anon, authenticated;

-- Supabase Auth's tables and helpers, in the shape and place GoTrue keeps them (the part the embedded
-- endpoint's /auth/v1 uses), so the project's migrations can refer to auth.users and auth.uid() as they
-- do on Supabase.
-- On a Supabase database all of this exists already and belongs to its auth service: nothing here
-- touches it (each statement runs only where its object is missing).
do $$
begin
  if to_regnamespace('auth') is null then
    create schema auth;
    grant usage on schema auth to anon, authenticated, service_role;
  end if;
end
$$;

create table if not exists auth.users (
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  is_anonymous boolean not null default false,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  last_sign_in_at timestamptz,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  user_agent text,
  ip inet
);

create table if not exists auth.refresh_tokens (
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean default false,
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

do $$
begin
  if to_regprocedure('auth.uid()') is null then
    -- Functions are executable by PUBLIC unless revoked, so the API roles may call these.
    create function auth.uid() returns uuid language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $f$;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $f$;
  end if;
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $f$;
  end if;
end
$$;
