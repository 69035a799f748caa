-- Who belongs to which team. A person is a Supabase Auth user (by default an anonymous sign-in: a
-- random id, no name, no email); a team lead admits people with a join link whose secret code is
-- stored here only as a hash, with a number of seats and an expiry, so identities made up to pad a
-- team show up as used seats. Check-ins, reflections and a team's figures are for its members only.

-- Settings and helpers that the API must not expose live outside `public`.
create schema if not exists praxis_private;
revoke all on schema praxis_private from public;

create table public.team_members (
  team text not null
    constraint team_members_team_slug check (team ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(team) <= 80),
  user_id uuid not null references auth.users (id) on delete cascade,
  joined_at timestamptz not null default now(),
  primary key (team, user_id)
);
create index team_members_user_id on public.team_members (user_id);
comment on table public.team_members is
  'A person (auth user) in a team. Made only by join_team(); a person sees and may leave their own.';

alter table public.team_members enable row level security;
create policy "team members: a person sees their own memberships"
  on public.team_members for select to authenticated using (user_id = (select auth.uid()));
create policy "team members: a person may leave a team"
  on public.team_members for delete to authenticated using (user_id = (select auth.uid()));
revoke all on public.team_members from anon, authenticated;
grant select, delete on public.team_members to authenticated;
grant all on public.team_members to service_role;

-- Join codes: the code itself is shown once, to whoever made it; only its SHA-256 is kept.
create table praxis_private.join_codes (
  id uuid primary key default gen_random_uuid(),
  team text not null
    constraint join_codes_team_slug check (team ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(team) <= 80),
  code_hash text not null unique,
  seats integer not null constraint join_codes_seats_range check (seats between 1 and 10000),
  used integer not null default 0,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);

create or replace function praxis_private.hash_code(p_code text)
returns text
language sql
immutable
set search_path = ''
as $$ select encode(pg_catalog.sha256(convert_to(coalesce(p_code, ''), 'UTF8')), 'hex') $$;

-- Whether the caller is a member of the team. PL/pgSQL, not SQL, so its query plan is kept for the
-- session: the insert policies of check_ins and reflections call it for every row.
create or replace function praxis_private.is_member(p_team text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (select 1 from public.team_members m where m.team = p_team and m.user_id = auth.uid());
end
$$;

-- Whether the caller may read a team's figures: a member, or the service role (operators, tests).
create or replace function praxis_private.may_read_team(p_team text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(auth.role() = 'service_role', false) or praxis_private.is_member(p_team)
$$;

-- Join a team with the code from a join link. Joining a team one is already in uses no seat.
create or replace function public.join_team(p_code text)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  me constant uuid := auth.uid();
  code praxis_private.join_codes;
begin
  if me is null then
    raise exception 'Sign in before joining a team' using errcode = '42501';
  end if;
  select * into code from praxis_private.join_codes where code_hash = praxis_private.hash_code(p_code) for update;
  if not found then
    raise exception 'This join link is not valid' using errcode = '22023',
      hint = 'Check that the whole link was copied, or ask your team lead for a new one.';
  end if;
  if exists (select 1 from public.team_members m where m.team = code.team and m.user_id = me) then
    return json_build_object('team', code.team, 'joined', false);
  end if;
  if code.revoked_at is not null then
    raise exception 'This join link has been withdrawn'
      using errcode = '22023', hint = 'Ask your team lead for a new one.';
  end if;
  if code.expires_at <= now() then
    raise exception 'This join link has expired' using errcode = '22023', hint = 'Ask your team lead for a new one.';
  end if;
  if code.used >= code.seats then
    raise exception 'This join link has no seats left'
      using errcode = '22023', hint = 'Ask your team lead for a new one.';
  end if;
  insert into public.team_members (team, user_id) values (code.team, me);
  update praxis_private.join_codes set used = used + 1 where id = code.id;
  return json_build_object('team', code.team, 'joined', true);
end
$$;

-- For the team lead (service role): a new join code, shown once.
create or replace function public.create_join_code(p_team text, p_seats integer, p_days integer default 14)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  -- Two random UUIDs: 244 random bits from the server's strong generator.
  secret constant text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
  made praxis_private.join_codes;
begin
  if p_days is null or p_days not between 1 and 365 then
    raise exception 'A join link lasts from 1 to 365 days, not %', p_days using errcode = '22023';
  end if;
  insert into praxis_private.join_codes (team, code_hash, seats, expires_at)
  values (p_team, praxis_private.hash_code(secret), p_seats, now() + make_interval(days => p_days))
  returning * into made;
  return json_build_object('id', made.id, 'team', made.team, 'code', secret, 'seats', made.seats,
    'expiresAt', made.expires_at);
end
$$;

-- For the team lead (service role): stop a code admitting anyone else.
create or replace function public.revoke_join_code(p_id uuid)
returns json
language sql
volatile
security definer
set search_path = ''
as $$
  update praxis_private.join_codes set revoked_at = coalesce(revoked_at, now()) where id = p_id
  returning json_build_object('id', id, 'team', team, 'revokedAt', revoked_at)
$$;

-- For the team lead (service role): the team's codes, without the codes themselves.
create or replace function public.team_join_codes(p_team text)
returns json
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(json_agg(json_build_object('id', id, 'seats', seats, 'used', used, 'expiresAt', expires_at,
    'revokedAt', revoked_at, 'createdAt', created_at) order by created_at), '[]'::json)
  from praxis_private.join_codes where team = p_team
$$;

-- For everyone (the team page): how many seats the team's join links have given and how many are
-- taken, so identities made up to pad the team are visible. No person is in this number.
create or replace function public.team_seats(p_team text)
returns json
language sql
stable
security definer
set search_path = ''
as $$
  select json_build_object(
    'team', p_team,
    'seats', coalesce((select sum(seats) from praxis_private.join_codes where team = p_team and revoked_at is null), 0),
    'used', coalesce((select sum(used) from praxis_private.join_codes where team = p_team), 0),
    'members', (select count(*) from public.team_members where team = p_team)
  )
$$;

revoke all on function praxis_private.may_read_team(text), praxis_private.is_member(text) from public;
grant execute on function praxis_private.is_member(text) to authenticated;
revoke all on function public.join_team(text), public.create_join_code(text, integer, integer),
  public.revoke_join_code(uuid), public.team_join_codes(text), public.team_seats(text) from public;
grant execute on function public.join_team(text) to authenticated;
grant execute on function public.create_join_code(text, integer, integer), public.revoke_join_code(uuid),
  public.team_join_codes(text) to service_role;
grant execute on function public.team_seats(text) to anon, authenticated, service_role;
