-- Health: scorecards as versioned data, CSM overrides, and a score snapshot per account per day.

create table scorecards (
  id uuid primary key,
  name text not null,
  version integer not null check (version > 0),
  -- { thresholds, root, appliesTo: { lifecycleStages } } as validated by src/health/scorecard.schema.ts
  definition jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (name, version)
);

create table health_overrides (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null,
  -- null: the overall colour
  measure text,
  score real check (score between 0 and 100),
  color text check (color in ('red', 'yellow', 'green')),
  reason text not null,
  expires_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (account_id, id),
  check (score is not null or color is not null)
);

create table health_scores (
  account_id uuid not null references accounts (id) on delete cascade,
  as_of date not null,
  scorecard text not null,
  scorecard_version integer not null,
  score real,
  color text,
  computed_color text,
  -- every measure: value, score, colour, weight, points, override
  measures jsonb not null,
  computed_at timestamptz not null default now(),
  primary key (account_id, as_of)
);
create index health_scores_as_of_idx on health_scores (as_of);
