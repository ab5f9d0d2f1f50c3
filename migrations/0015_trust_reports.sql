-- How far to trust the scores: the health backtest and the churn evaluation take seconds to minutes, so the web app
-- reads the latest stored report of each kind instead of computing it per request (src/trust/). Each computation adds
-- a row; older ones stay as the history of how the figures moved.

create table trust_reports (
  id uuid primary key,
  kind text not null check (kind in ('health-backtest', 'churn-evaluation')),
  computed_at timestamptz not null default now(),
  -- who asked for it: a person's label, or 'pacer' when the app computed it on first request
  computed_by text not null,
  -- how long it took, for the view to say how long the next one may take
  seconds real not null,
  report jsonb not null
);

create index trust_reports_latest on trust_reports (kind, computed_at desc, id desc);
