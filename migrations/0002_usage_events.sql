-- Product usage: raw events (kept for a retention period) and daily rollups (kept forever), updated incrementally.

create table events (
  -- Segment's messageId, or one derived from the row for imports: a retried batch is not counted twice.
  message_id text primary key,
  -- No foreign key: its row lock (FOR KEY SHARE on the account) from every event of concurrent batches was the
  -- bottleneck of ingestion; the trigger below deletes an account's events with it instead.
  account_id uuid not null,
  -- The groupId the event came with, if any.
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
create index events_account_time_idx on events (account_id, occurred_at);

-- Events whose account is not known yet (a groupId no account has, a user who is no contact yet): kept here and
-- moved into events, and counted, when the account or contact appears. Apart so that events needs no index for it.
create table unattached_events (
  message_id text primary key,
  account_external_id text,
  user_id text,
  type text not null,
  name text not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  count integer not null default 1,
  properties jsonb
);
create index unattached_events_group_idx on unattached_events (account_external_id);
create index unattached_events_user_idx on unattached_events (user_id) where account_external_id is null;

create function delete_account_events() returns trigger language plpgsql as $$
begin
  delete from events where account_id = old.id;
  return old;
end;
$$;
create trigger accounts_delete_events after delete on accounts for each row execute function delete_account_events();

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

-- Counts waiting to be added to the rollups. Ingestion appends here in the transaction that stores the events
-- (cheap: no index); the rollup worker moves them into usage_daily/usage_user_daily in set-based upserts every
-- couple of seconds, so the rollups trail the acknowledgement by about that much and no batch waits on hot rows.
create table usage_pending (
  account_id uuid not null,
  day date not null,
  user_id text,
  event_name text not null,
  events bigint not null
);

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
