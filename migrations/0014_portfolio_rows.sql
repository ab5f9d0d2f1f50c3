-- The portfolio: one row per account holding what the web app's main table shows and sorts by (latest health,
-- latest churn risk, MRR/ARR and MRR at risk in the reporting currency, next renewal, last active day), so that a
-- page sorted by risk or MRR at risk at 100,000 accounts is an index range scan, not a join and sort of five tables.
-- Triggers mark accounts whose inputs changed in portfolio_dirty, whoever wrote them (API, importer, scoring,
-- prediction, SQL); src/portfolio/refresh-portfolio-rows.ts recomputes those rows before every read and every
-- second in the background, and every row once a day (live subscriptions and renewals depend on the day).

create table portfolio_rows (
  account_id uuid primary key references accounts (id) on delete cascade,
  name text not null,
  external_id text,
  domain text,
  owner_id uuid,
  lifecycle_stage text,
  coverage_tier text,
  health_score real,
  health_colour text,
  -- points the score moved since the latest snapshot 30 or more days before the latest one
  health_trend real,
  health_overridden boolean not null default false,
  churn_risk real,
  -- one MRR figure: in the reporting currency when every part converts, else in the one currency it is billed in;
  -- null (and mrr_parts set) when it is billed in several currencies that cannot be added
  currency text,
  mrr_minor bigint,
  arr_minor bigint,
  mrr_at_risk_minor bigint,
  -- sort groups for money: 0 in the reporting currency, 1 in its own currency (money_currency), 2 no figure
  mrr_group smallint not null,
  at_risk_group smallint not null,
  money_currency text not null,
  -- [{ currency, mrrMinor, atRiskMinor }] per currency left unconverted, for totals; null when one figure says it
  mrr_parts jsonb,
  renewal_date date,
  last_active_day date,
  refreshed_on date not null
);

-- One index per fast sort, its key written exactly as src/portfolio/portfolio-sorts.ts writes it (nulls last).
create index portfolio_risk_desc_idx on portfolio_rows ((coalesce(-churn_risk, 2::real)), account_id);
create index portfolio_risk_asc_idx on portfolio_rows ((coalesce(churn_risk, 2::real)), account_id);
create index portfolio_at_risk_desc_idx on portfolio_rows
  (at_risk_group, money_currency, (coalesce(-mrr_at_risk_minor, 0::bigint)), account_id);
create index portfolio_mrr_desc_idx on portfolio_rows
  (mrr_group, money_currency, (coalesce(-mrr_minor, 0::bigint)), account_id);
create index portfolio_health_asc_idx on portfolio_rows ((coalesce(health_score, 1000::real)), account_id);
create index portfolio_name_idx on portfolio_rows (name, account_id);
create index portfolio_renewal_idx on portfolio_rows ((coalesce(renewal_date, '9999-12-31'::date)), account_id);
create index portfolio_last_active_idx on portfolio_rows
  ((coalesce(last_active_day, '0001-01-01'::date)), account_id);
create index portfolio_owner_idx on portfolio_rows (owner_id);
create index portfolio_refreshed_idx on portfolio_rows (refreshed_on);

-- Moves on whenever any portfolio row changes (written by a refresh, deleted with its account): counts of matching
-- accounts are remembered per version, so paging through 100,000 accounts does not count them again on every page.
create table portfolio_version (
  version bigint not null
);
insert into portfolio_version (version) values (0);

create function bump_portfolio_version() returns trigger language plpgsql as $$
begin
  update portfolio_version set version = version + 1;
  return null;
end;
$$;

create trigger portfolio_rows_bump_version after insert or update or delete on portfolio_rows
  for each statement execute function bump_portfolio_version();

create table portfolio_dirty (
  account_id uuid primary key
);

create function mark_portfolio_dirty() returns trigger language plpgsql as $$
begin
  insert into portfolio_dirty (account_id)
  select distinct account_id from changed_rows where account_id is not null
  on conflict (account_id) do nothing;
  return null;
end;
$$;

create function mark_portfolio_dirty_accounts() returns trigger language plpgsql as $$
begin
  insert into portfolio_dirty (account_id) select id from changed_rows on conflict (account_id) do nothing;
  return null;
end;
$$;

-- Rates or the reporting currency changed: every account's money is restated.
create function mark_portfolio_all_dirty() returns trigger language plpgsql as $$
begin
  insert into portfolio_dirty (account_id) select id from accounts on conflict (account_id) do nothing;
  return null;
end;
$$;

create trigger accounts_mark_portfolio_insert after insert on accounts
  referencing new table as changed_rows for each statement execute function mark_portfolio_dirty_accounts();
create trigger accounts_mark_portfolio_update after update on accounts
  referencing new table as changed_rows for each statement execute function mark_portfolio_dirty_accounts();
create trigger subscriptions_mark_portfolio_insert after insert on subscriptions
  referencing new table as changed_rows for each statement execute function mark_portfolio_dirty();
create trigger subscriptions_mark_portfolio_update after update on subscriptions
  referencing new table as changed_rows for each statement execute function mark_portfolio_dirty();
create trigger subscriptions_mark_portfolio_delete after delete on subscriptions
  referencing old table as changed_rows for each statement execute function mark_portfolio_dirty();
create trigger health_scores_mark_portfolio_insert after insert on health_scores
  referencing new table as changed_rows for each statement execute function mark_portfolio_dirty();
create trigger health_scores_mark_portfolio_update after update on health_scores
  referencing new table as changed_rows for each statement execute function mark_portfolio_dirty();
create trigger health_scores_mark_portfolio_delete after delete on health_scores
  referencing old table as changed_rows for each statement execute function mark_portfolio_dirty();
create trigger churn_predictions_mark_portfolio_insert after insert on churn_predictions
  referencing new table as changed_rows for each statement execute function mark_portfolio_dirty();
create trigger churn_predictions_mark_portfolio_update after update on churn_predictions
  referencing new table as changed_rows for each statement execute function mark_portfolio_dirty();
create trigger churn_predictions_mark_portfolio_delete after delete on churn_predictions
  referencing old table as changed_rows for each statement execute function mark_portfolio_dirty();
-- A new (account, day, event) rollup row is the first such event of the day: the last active day may move. Counts
-- added to an existing row are updates, which leave it where it is, so the hot path of ingestion is not touched.
create trigger usage_daily_marks_portfolio after insert on usage_daily
  referencing new table as changed_rows for each statement execute function mark_portfolio_dirty();
create trigger settings_mark_portfolio_insert after insert on settings
  for each row when (new.key = 'workspace') execute function mark_portfolio_all_dirty();
create trigger settings_mark_portfolio_update after update on settings
  for each row when (new.key = 'workspace') execute function mark_portfolio_all_dirty();

-- Existing accounts are computed on the first read.
insert into portfolio_dirty (account_id) select id from accounts;
