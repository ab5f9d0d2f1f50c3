import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/executor.js';

export interface AuditRecord {
  /** Who did it, as the audit log names people and keys: "key:<id> (<name>)", "cli", a user. */
  actor: string;
  action: string;
  entity: string;
  entityId?: string | null;
  accountId?: string | null;
  changes?: Record<string, unknown> | null;
}

/**
 * Writes audit entries for changes made outside a route's own audit (the CLI, tracking calls that manage their own
 * transaction). Give it the transaction of the change, so the entry commits or rolls back with it.
 */
export async function recordAudit(db: Executor, records: readonly AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      records.map((record) => ({
        id: uuidv7(),
        actor: record.actor,
        action: record.action,
        entity: record.entity,
        entity_id: record.entityId ?? null,
        account_id: record.accountId ?? null,
        changes: record.changes ? JSON.stringify(record.changes) : null,
      })),
    )
    .execute();
}
