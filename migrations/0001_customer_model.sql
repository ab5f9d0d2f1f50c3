-- The customer data model. Every row a customer owns carries account_id and has it first in its primary key, so the
-- tables can later be distributed by account (Citus-style). What would change then: the unique indexes on id and
-- external_id alone become lookups through a reference table. Money is bigint minor units of the row's currency.

create table team_users (
  id uuid primary key,
  email text not null unique,
  name text not null,
  role text not null check (role in ('admin', 'csm', 'viewer')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table accounts (
  id uuid primary key,
  external_id text unique,
  name text not null,
  domain text,
  industry text,
  employees integer check (employees >= 0),
  country text,
  plan text,
  lifecycle_stage text not null default 'onboarding'
    check (lifecycle_stage in ('onboarding', 'adoption', 'renewal', 'expansion', 'advocacy', 'churned')),
  owner_id uuid references team_users (id) on delete set null,
  coverage_tier text check (coverage_tier in ('high_touch', 'low_touch', 'tech_touch')),
  parent_id uuid references accounts (id) on delete set null,
  first_seen_at timestamptz not null default now(),
  traits jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (parent_id is null or parent_id <> id)
);
create index accounts_owner_idx on accounts (owner_id);
create index accounts_parent_idx on accounts (parent_id);
create index accounts_name_idx on accounts (name, id);
create index accounts_created_idx on accounts (created_at, id);

create table contacts (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null,
  external_id text unique,
  email text,
  name text,
  title text,
  role text check (role in ('executive_sponsor', 'decision_maker', 'champion', 'admin', 'end_user')),
  active boolean not null default true,
  traits jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (account_id, id)
);
create unique index contacts_id_idx on contacts (id);
create index contacts_email_idx on contacts (email);
create index contacts_created_idx on contacts (created_at, id);

create table subscriptions (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null,
  external_id text unique,
  plan text,
  currency char(3) not null,
  mrr_minor bigint not null check (mrr_minor >= 0),
  amount_minor bigint check (amount_minor >= 0),
  billing_period text not null default 'month' check (billing_period in ('month', 'quarter', 'year')),
  seats integer check (seats >= 0),
  status text not null default 'active' check (status in ('trial', 'active', 'cancelled', 'expired')),
  start_date date not null,
  end_date date,
  renewal_date date,
  cancelled_at timestamptz,
  cancel_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (account_id, id),
  check (end_date is null or end_date >= start_date)
);
create unique index subscriptions_id_idx on subscriptions (id);
create index subscriptions_renewal_idx on subscriptions (renewal_date);
create index subscriptions_created_idx on subscriptions (created_at, id);

create table notes (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null,
  contact_id uuid,
  author text not null,
  body text not null,
  sentiment smallint check (sentiment between -2 and 2),
  tags text[] not null default '{}',
  occurred_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (account_id, id),
  foreign key (account_id, contact_id) references contacts (account_id, id) on delete set null (contact_id)
);
create unique index notes_id_idx on notes (id);
create index notes_occurred_idx on notes (account_id, occurred_at);
create index notes_created_idx on notes (created_at, id);

create table survey_responses (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null,
  contact_id uuid,
  kind text not null check (kind in ('nps', 'csat', 'ces')),
  score smallint not null,
  comment text,
  answered_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (account_id, id),
  foreign key (account_id, contact_id) references contacts (account_id, id) on delete set null (contact_id),
  check (
    (kind = 'nps' and score between 0 and 10) or
    (kind = 'csat' and score between 1 and 5) or
    (kind = 'ces' and score between 1 and 7)
  )
);
create unique index survey_responses_id_idx on survey_responses (id);
create index survey_responses_answered_idx on survey_responses (account_id, answered_at);
create index survey_responses_created_idx on survey_responses (created_at, id);

create table tickets (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null,
  external_id text unique,
  contact_id uuid,
  subject text,
  opened_at timestamptz not null,
  closed_at timestamptz,
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  status text not null default 'open' check (status in ('open', 'pending', 'solved', 'closed')),
  first_response_minutes integer check (first_response_minutes >= 0),
  resolution_minutes integer check (resolution_minutes >= 0),
  satisfaction smallint check (satisfaction between 1 and 5),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (account_id, id),
  foreign key (account_id, contact_id) references contacts (account_id, id) on delete set null (contact_id),
  check (closed_at is null or closed_at >= opened_at)
);
create unique index tickets_id_idx on tickets (id);
create index tickets_opened_idx on tickets (account_id, opened_at);
create index tickets_created_idx on tickets (created_at, id);

-- API keys: only a SHA-256 of the secret is kept; the secret is shown once when the key is made.
create table api_keys (
  id uuid primary key,
  name text not null,
  scope text not null check (scope in ('ingest', 'viewer', 'csm', 'admin')),
  secret_sha256 text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create table audit_log (
  id uuid primary key,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  entity text not null,
  entity_id uuid,
  account_id uuid,
  changes jsonb
);
create index audit_log_entity_idx on audit_log (entity, entity_id);
create index audit_log_account_idx on audit_log (account_id, at);
