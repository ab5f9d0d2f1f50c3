import type { ColumnType, Generated } from 'kysely';

// Kysely's view of the tables in migrations/. Keep in step with the SQL.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = ColumnType<Record<string, unknown>, string, string>;

export interface TeamUsersTable {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'leader' | 'csm' | 'viewer';
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  last_failed_sign_in_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SessionsTable {
  token_sha256: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: ColumnType<Date, Date, Date>;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  scope: 'ingest' | 'viewer' | 'csm' | 'admin';
  secret_sha256: string;
  prefix: string;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  user_is_account: ColumnType<boolean, boolean | undefined, boolean>;
  /** A public key for the product's pages: records usage and links users, changes no stored field. */
  browser: ColumnType<boolean, boolean | undefined, boolean>;
  first_used_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface AuditLogTable {
  id: string;
  at: Generated<Date>;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  account_id: string | null;
  changes: Json | null;
}

export interface MigrationsTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: UpdatedAt;
}

/** A contact's role and active flag from valid_from on (migrations/0010_history.sql). */
export interface ContactStatesTable {
  account_id: string;
  contact_id: string;
  valid_from: Timestamp;
  role: string | null;
  active: boolean;
}

/** An account's own fields and traits, whole, from valid_from on (migrations/0010_history.sql). */
export interface AccountStatesTable {
  account_id: string;
  valid_from: Timestamp;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  country: string | null;
  plan: string | null;
  lifecycle_stage: string;
  owner_id: string | null;
  coverage_tier: string | null;
  parent_id: string | null;
  traits: Json;
}

/** One account's row of the portfolio, kept current from its sources (migrations/0014_portfolio_rows.sql). */
export interface PortfolioRowsTable {
  account_id: string;
  name: string;
  external_id: string | null;
  domain: string | null;
  owner_id: string | null;
  lifecycle_stage: string | null;
  coverage_tier: string | null;
  health_score: number | null;
  health_colour: string | null;
  health_trend: number | null;
  health_overridden: boolean;
  churn_risk: number | null;
  currency: string | null;
  mrr_minor: string | null;
  arr_minor: string | null;
  mrr_at_risk_minor: string | null;
  mrr_group: number;
  at_risk_group: number;
  money_currency: string;
  mrr_parts: Json | null;
  renewal_date: string | null;
  last_active_day: string | null;
  refreshed_on: string;
}

/** An import started from the web app (migrations/0016_imports.sql). */
export interface ImportsTable {
  id: string;
  file_name: string;
  format: 'csv' | 'jsonl';
  gzip: boolean;
  size_bytes: number;
  dir: string;
  columns: ColumnType<string[], string, string>;
  kind: string | null;
  mapping: ColumnType<Record<string, string> | null, string | null, string | null>;
  date_order: 'ymd' | 'dmy' | 'mdy' | null;
  status: ColumnType<'uploaded' | 'running' | 'done' | 'failed', 'uploaded' | undefined, 'running' | 'done' | 'failed'>;
  rows_read: ColumnType<number, number | undefined, number>;
  rows_committed: ColumnType<number, number | undefined, number>;
  rows_inserted: ColumnType<number, number | undefined, number>;
  rows_updated: ColumnType<number, number | undefined, number>;
  rows_unchanged: ColumnType<number, number | undefined, number>;
  rows_rejected: ColumnType<number, number | undefined, number>;
  bytes_read: ColumnType<number, number | undefined, number>;
  error: string | null;
  created_by: string;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  updated_at: UpdatedAt;
}

/** The latest health backtest and churn evaluation, stored for the web app (migrations/0015_trust_reports.sql). */
export interface TrustReportsTable {
  id: string;
  kind: 'health-backtest' | 'churn-evaluation';
  computed_at: Generated<Date>;
  computed_by: string;
  seconds: number;
  report: Json;
}

/** Work for a person or a pool on one account (migrations/0018_tasks.sql, src/tasks/). */
export interface TasksTable {
  account_id: string;
  id: string;
  title: string;
  assignee_id: string | null;
  pool: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  due_date: string | null;
  checklist: ColumnType<{ text: string; done: boolean }[], string | undefined, string>;
  reason: string;
  source: 'manual' | 'playbook';
  playbook_id: string | null;
  playbook_version: number | null;
  dedupe_key: string | null;
  status: ColumnType<'open' | 'done' | 'snoozed', 'open' | 'done' | 'snoozed' | undefined, 'open' | 'done' | 'snoozed'>;
  snoozed_until: string | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  created_at: CreatedAt;
  created_by: string;
  updated_at: UpdatedAt;
}

export interface Schema {
  tasks: TasksTable;
  imports: ImportsTable;
  portfolio_rows: PortfolioRowsTable;
  trust_reports: TrustReportsTable;
  settings: SettingsTable;
  team_users: TeamUsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  pacer_migrations: MigrationsTable;
  contact_states: ContactStatesTable;
  account_states: AccountStatesTable;
}
