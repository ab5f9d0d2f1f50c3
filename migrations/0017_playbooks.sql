-- Playbooks as versioned data (issue 19). A playbook is a name that stays put and a list of versions; each save
-- adds a version (the whole definition as JSON, validated by src/playbooks/playbook.schema.ts), so a run started
-- under one version can later replay what it was told to do, and the history says who changed what.

create table playbooks (
  id uuid primary key,
  -- the version in force: the latest saved
  current_version integer not null check (current_version > 0),
  enabled boolean not null default false,
  -- which shipped playbook this is (src/playbooks/shipped-playbooks.ts), created once and off; null for a team's own
  shipped_key text unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table playbook_versions (
  playbook_id uuid not null references playbooks (id) on delete cascade,
  version integer not null check (version > 0),
  definition jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (playbook_id, version)
);

-- The note_tagged and nps_answer triggers read recent rows by day across every account.
create index notes_occurred_at_idx on notes (occurred_at);
create index survey_responses_answered_at_idx on survey_responses (answered_at);
