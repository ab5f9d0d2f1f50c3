-- Churn prediction: each trained model (the fitted model as JSON, what it learned from, how it validated) and
-- the churn risk it gives each account, with the reasons, per as-of day.

create table churn_models (
  id uuid primary key,
  trained_at timestamptz not null default now(),
  horizon_days integer not null check (horizon_days > 0),
  definition jsonb not null,
  as_of_dates date[] not null,
  estimator text not null check (estimator in ('logistic', 'boosting')),
  model jsonb not null,
  summary jsonb not null
);

create table churn_predictions (
  account_id uuid not null references accounts (id) on delete cascade,
  as_of date not null,
  model_id uuid not null references churn_models (id) on delete cascade,
  probability real not null check (probability between 0 and 1),
  reasons jsonb not null,
  computed_at timestamptz not null default now(),
  primary key (account_id, as_of)
);

create index churn_predictions_by_day on churn_predictions (as_of, probability desc);
