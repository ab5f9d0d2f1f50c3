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
  -- what the score was made from: { values: { measure: value }, overrides: [...] }; with the scorecard version,
  -- the whole explanation (each measure's score, colour, weight and points) is recomputed exactly, and stays small.
  inputs jsonb not null,
  computed_at timestamptz not null default now(),
  primary key (account_id, as_of)
);
create index health_scores_as_of_idx on health_scores (as_of);

-- Accounts whose data changed since they were last scored; the health worker rescores them within seconds.
create table health_dirty (
  account_id uuid primary key,
  marked_at timestamptz not null default now()
);

create function mark_health_dirty() returns trigger language plpgsql as $$
begin
  insert into health_dirty (account_id)
  select distinct account_id from changed_rows where account_id is not null
  on conflict (account_id) do nothing;
  return null;
end;
$$;

-- Statement-level with transition tables: one insert per statement, however many rows it touched.
create trigger usage_daily_marks_health_insert after insert on usage_daily
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
create trigger usage_daily_marks_health_update after update on usage_daily
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
create trigger notes_mark_health after insert on notes
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
create trigger survey_responses_mark_health after insert on survey_responses
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
create trigger tickets_mark_health_insert after insert on tickets
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
create trigger tickets_mark_health_update after update on tickets
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
create trigger subscriptions_mark_health_insert after insert on subscriptions
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
create trigger subscriptions_mark_health_update after update on subscriptions
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
create trigger contacts_mark_health_update after update on contacts
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
create trigger overrides_mark_health after insert on health_overrides
  referencing new table as changed_rows for each statement execute function mark_health_dirty();
