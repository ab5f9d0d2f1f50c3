-- People sign in: team users get a password (Argon2id hash), a leader role, a disabled flag and the state of their
-- failed sign-ins; sessions are rows keyed by the SHA-256 of the cookie's token, so a stolen table cannot sign in.
alter table team_users drop constraint team_users_role_check;
alter table team_users add constraint team_users_role_check check (role in ('admin', 'leader', 'csm', 'viewer'));
alter table team_users add column password_hash text;
alter table team_users add column disabled_at timestamptz;
alter table team_users add column failed_sign_ins integer not null default 0;
alter table team_users add column last_failed_sign_in_at timestamptz;
alter table team_users add column locked_until timestamptz;

create table sessions (
  token_sha256 text primary key,
  user_id uuid not null references team_users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);
