-- What the demo simulation knows about each account and Pacer has to find out: its latent value over time and
-- the true date and cause of its churn. A schema of its own, which Pacer's models never read; tests and people
-- use it to check what the models say against the truth.
create schema demo;

create table demo.account_truth (
  account_id uuid primary key references accounts (id) on delete cascade,
  external_id text not null,
  shape text not null check (shape in ('b2b', 'b2c')),
  seed integer not null,
  segment text not null,
  base_value real not null,
  value_at_end real not null,
  mean_value real not null,
  -- [{"month": "2025-03", "value": 0.61}, …]: the value on the first day of each month as a customer.
  value_by_month jsonb not null,
  magic_moment_on date,
  churned_on date,
  churn_cause text not null
    check (churn_cause in ('competitor', 'budget_cut', 'champion_left', 'low_value', 'graduated', 'none')),
  champion_left_on date,
  success_pattern text,
  generated_at timestamptz not null default now()
);
