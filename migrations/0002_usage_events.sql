-- Product usage: raw events (kept for a retention period) and daily rollups (kept forever), updated incrementally.

create table events (
  -- Segment's messageId, or one derived from the row for imports: a retried batch is not counted twice.
  message_id text primary key,
  -- Null until the account is known; account_external_id / user_id say where it belongs when it appears.
  account_id uuid references accounts (id) on delete cascade,
  account_external_id text,
  user_id text,
  type text not null check (type in ('track', 'page', 'screen')),
  name text not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  -- Pre-aggregated rows (a warehouse export of counts per day) carry their count; a single event is 1.
  count integer not null default 1 check (count > 0),
  properties jsonb
);
create index events_account_time_idx on events (account_id, occurred_at desc, message_id);
create index events_unattached_group_idx on events (account_external_id) where account_id is null;
create index events_unattached_user_idx on events (user_id) where account_id is null;
create index events_received_idx on events (received_at);

-- Per account, day (UTC) and event name.
create table usage_daily (
  account_id uuid not null references accounts (id) on delete cascade,
  day date not null,
  event_name text not null,
  events bigint not null,
  primary key (account_id, day, event_name)
);

-- Per account, user, day and event name: active users and per-person usage come from here.
create table usage_user_daily (
  account_id uuid not null references accounts (id) on delete cascade,
  day date not null,
  user_id text not null,
  event_name text not null,
  events bigint not null,
  primary key (account_id, day, user_id, event_name)
);
create index usage_user_daily_user_idx on usage_user_daily (account_id, user_id, day);

-- identify() for a user whose account is not known yet: applied to the contact when group() links them.
create table pending_identities (
  user_id text primary key,
  traits jsonb not null,
  received_at timestamptz not null default now()
);

-- B2C products have no groups: with this set on the write key, each user is its own account.
alter table api_keys add column user_is_account boolean not null default false;

-- Workspace settings that users change (key features, event retention), as JSON values.
create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Imported rows without an id of their own are recognised by a hash of their content, so re-running an import
-- changes nothing.
alter table notes add column import_key text unique;
alter table survey_responses add column import_key text unique;
