import { sql, type Updateable } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { TasksTable } from '../db/schema.js';
import type { Actor } from '../server/actor.js';
import { fieldError, HttpError, notFound } from '../server/http-error.js';
import type { TaskChange } from './task-fields.js';

/**
 * A signed-in CSM changes only their own tasks and the tasks on accounts they own; they may hand one to anyone on
 * the team (that is what reassigning is for). Leaders, admins and keys change any task.
 */
function assertMayChange(actor: Actor, task: { assignee_id: string | null; owner_id: string | null }, id: string) {
  if (!actor.userId || actor.scope !== 'csm') return;
  if (task.assignee_id === actor.userId || task.owner_id === actor.userId) return;
  throw new HttpError(
    403,
    'forbidden',
    `a CSM may change only their own tasks and tasks on the accounts they own; task ${id} is neither`,
  );
}

/**
 * Completes, reopens, snoozes, reassigns or edits a task. Returns the account and the fields as they were and are,
 * for the audit entry.
 */
export async function changeTask(
  db: Executor,
  id: string,
  change: TaskChange,
  actor: Actor,
  day: string,
): Promise<{ accountId: string; before: Record<string, unknown>; after: Record<string, unknown> }> {
  const { rows } = await sql<{
    account_id: string;
    assignee_id: string | null;
    pool: string | null;
    status: 'open' | 'done' | 'snoozed';
    snoozed_until: string | null;
    title: string;
    priority: string;
    due_date: string | null;
    checklist: unknown;
    owner_id: string | null;
  }>`select t.account_id, t.assignee_id, t.pool, t.status, t.snoozed_until, t.title, t.priority, t.due_date,
      t.checklist, a.owner_id
    from tasks t join accounts a on a.id = t.account_id
    where t.id = ${id}::uuid
    for update of t`.execute(db);
  const task = rows[0];
  if (!task) throw notFound('task', id);
  assertMayChange(actor, task, id);

  const set: Record<string, unknown> = {};
  if (change.status === 'done') {
    Object.assign(set, { status: 'done', completed_at: new Date(), completed_by: actor.label, snoozed_until: null });
  } else if (change.status === 'open') {
    Object.assign(set, { status: 'open', completed_at: null, completed_by: null, snoozed_until: null });
  }
  if (change.snoozedUntil !== undefined) {
    if (change.snoozedUntil <= day) throw fieldError('snoozedUntil', `must be a day after today (${day})`);
    if (task.status === 'done') throw fieldError('snoozedUntil', 'a done task cannot be snoozed; reopen it first');
    Object.assign(set, { status: 'snoozed', snoozed_until: change.snoozedUntil });
  }
  if (change.assigneeId !== undefined) {
    if (change.assigneeId !== null) {
      const user = await db
        .selectFrom('team_users')
        .select('id')
        .where('id', '=', change.assigneeId)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      if (!user) throw fieldError('assigneeId', `no active team member has the id ${change.assigneeId}`);
    }
    set.assignee_id = change.assigneeId;
  }
  if (change.pool !== undefined) set.pool = change.pool;
  const assignee =
    (set.assignee_id as string | null | undefined) ?? (change.assigneeId === null ? null : task.assignee_id);
  const pool = change.pool !== undefined ? change.pool : change.assigneeId ? null : task.pool;
  if (change.assigneeId) set.pool = null;
  if (assignee === null && !pool) throw fieldError('pool', 'is needed when the task has no assignee');
  if (change.title !== undefined) set.title = change.title;
  if (change.priority !== undefined) set.priority = change.priority;
  if (change.dueDate !== undefined) set.due_date = change.dueDate;
  if (change.checklist !== undefined) set.checklist = JSON.stringify(change.checklist);

  await db
    .updateTable('tasks')
    .set({ ...set, updated_at: new Date() } as Updateable<TasksTable>)
    .where('account_id', '=', task.account_id)
    .where('id', '=', id)
    .execute();

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const current = task as unknown as Record<string, unknown>;
  for (const [column, value] of Object.entries(set)) {
    if (column === 'completed_at' || column === 'completed_by') continue;
    before[column] = current[column] ?? null;
    after[column] = column === 'checklist' ? change.checklist : value;
  }
  return { accountId: task.account_id, before, after };
}
