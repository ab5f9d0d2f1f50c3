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
  role: 'admin' | 'csm' | 'viewer';
  created_at: CreatedAt;
  updated_at: UpdatedAt;
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

export interface Schema {
  settings: SettingsTable;
  team_users: TeamUsersTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  pacer_migrations: MigrationsTable;
}
