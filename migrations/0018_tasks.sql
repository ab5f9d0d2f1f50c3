-- Tasks ("my day"): work a person (or a pool of people) does for an account, made by hand or, later, by a
-- playbook step. A task belongs to its account (account_id first in the key, like every customer-owned row) and
-- never moves to another one. src/tasks/.
create table tasks (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null,
  title text not null,
  -- a team member, or nobody and a pool's name (e.g. 'onboarding') from which anyone may take it
  assignee_id uuid references team_users (id) on delete set null,
  pool text,
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  due_date date,
  -- [{ "text": "...", "done": false }]
  checklist jsonb not null default '[]',
  -- the sentence saying why the task exists ("Health turned red on 2026-12-01")
  reason text not null,
  -- 'manual', or 'playbook' with the playbook's id and version (no foreign key: playbooks come later and keep
  -- their versions; a task outlives the version that made it)
  source text not null default 'manual' check (source in ('manual', 'playbook')),
  playbook_id uuid,
  playbook_version integer,
  -- what makes two tasks "the same" for one account and source (a playbook's reason key); null: never merged
  dedupe_key text,
  status text not null default 'open' check (status in ('open', 'done', 'snoozed')),
  snoozed_until date,
  completed_at timestamptz,
  completed_by text,
  created_at timestamptz not null default now(),
  created_by text not null,
  updated_at timestamptz not null default now(),
  primary key (account_id, id),
  check (source = 'manual' or playbook_id is not null),
  check (status <> 'snoozed' or snoozed_until is not null)
);
create unique index tasks_id_idx on tasks (id);
-- At most one task not done per account, source and key: the same trigger firing again updates it (upsertTask).
create unique index tasks_open_dedupe_idx on tasks
  (account_id, (coalesce(playbook_id, '00000000-0000-0000-0000-000000000000'::uuid)), dedupe_key)
  where status <> 'done' and dedupe_key is not null;
create index tasks_assignee_idx on tasks (assignee_id, status);
create index tasks_pool_idx on tasks (pool, status) where assignee_id is null;
