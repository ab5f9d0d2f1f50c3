import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { recordAudit } from '../audit/record-audit.js';
import type { Executor } from '../db/executor.js';
import { fieldError } from '../server/http-error.js';
import type { ChecklistItem, Priority } from './task-fields.js';

export interface TaskInput {
  accountId: string;
  title: string;
  /** A team member; null with a pool. */
  assigneeId: string | null;
  pool?: string | null;
  priority: Priority;
  dueDate?: string | null;
  checklist?: ChecklistItem[];
  reason: string;
  /** Left out for a task made by hand. */
  playbook?: { id: string; version: number };
  dedupeKey?: string | null;
}

/**
 * Makes a task, or — when a task not yet done has the same account, playbook (or none) and dedupe key — updates
 * that one's title, due date, priority and reason instead, so a trigger firing again does not pile up duplicates.
 * Its checklist, assignee and status stay as people left them. Audited as its caller (a person, a key, a
 * playbook run), in the caller's transaction. The one statement is safe against a concurrent twin: the partial
 * unique index on (account, playbook, key) decides.
 */
export async function upsertTask(
  db: Executor,
  input: TaskInput,
  actor: string,
): Promise<{ id: string; created: boolean }> {
  const { rows: accounts } = await sql`select id from accounts where id = ${input.accountId}`.execute(db);
  if (accounts.length === 0) throw fieldError('accountId', `no account has the id ${input.accountId}`);
  if (input.assigneeId !== null) {
    const user = await db
      .selectFrom('team_users')
      .select('id')
      .where('id', '=', input.assigneeId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!user) throw fieldError('assigneeId', `no active team member has the id ${input.assigneeId}`);
  }
  const id = uuidv7();
  const playbookId = input.playbook?.id ?? null;
  const row = {
    title: input.title,
    priority: input.priority,
    due_date: input.dueDate ?? null,
    reason: input.reason,
  };
  const { rows } = await sql<{ id: string; inserted: boolean }>`
    insert into tasks (account_id, id, title, assignee_id, pool, priority, due_date, checklist, reason, source,
      playbook_id, playbook_version, dedupe_key, created_by)
    values (${input.accountId}, ${id}, ${row.title}, ${input.assigneeId}, ${input.pool ?? null}, ${row.priority},
      ${row.due_date}, ${JSON.stringify(input.checklist ?? [])}::jsonb, ${row.reason},
      ${input.playbook ? 'playbook' : 'manual'}, ${playbookId}, ${input.playbook?.version ?? null},
      ${input.dedupeKey ?? null}, ${actor})
    on conflict (account_id, (coalesce(playbook_id, '00000000-0000-0000-0000-000000000000'::uuid)), dedupe_key)
      where status <> 'done' and dedupe_key is not null
    do update set title = excluded.title, priority = excluded.priority, due_date = excluded.due_date,
      reason = excluded.reason, playbook_version = excluded.playbook_version, updated_at = now()
    returning id, (xmax = 0) as inserted`.execute(db);
  const saved = rows[0] as { id: string; inserted: boolean };
  await recordAudit(db, [
    {
      actor,
      action: saved.inserted ? 'create' : 'update',
      entity: 'task',
      entityId: saved.id,
      accountId: input.accountId,
      changes: saved.inserted
        ? {
            title: row.title,
            assigneeId: input.assigneeId,
            pool: input.pool ?? null,
            priority: row.priority,
            dueDate: row.due_date,
            reason: row.reason,
            source: input.playbook ? `playbook ${playbookId} v${input.playbook.version}` : 'manual',
            dedupeKey: input.dedupeKey ?? null,
          }
        : { ...row, dedupeKey: input.dedupeKey, merged: true },
    },
  ]);
  return { id: saved.id, created: saved.inserted };
}
