import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { toDecimalText, toMajorUnits } from '../shared/money.js';
import { type Rank, rankTasks } from './rank-tasks.js';
import type { ChecklistItem, Priority } from './task-fields.js';

export interface TaskFilters {
  /** A team member's id, 'none' (the pools' unassigned tasks) or undefined (everyone's). */
  assignee?: string;
  /** 'open': open tasks and snoozed ones whose snooze has ended (what is to do today); 'all': every status. */
  status: 'open' | 'snoozed' | 'done' | 'all';
  accountId?: string;
  limit: number;
}

export interface TaskView {
  id: string;
  accountId: string;
  accountName: string;
  title: string;
  assigneeId: string | null;
  assigneeName: string | null;
  pool: string | null;
  priority: Priority;
  dueDate: string | null;
  checklist: ChecklistItem[];
  reason: string;
  source: 'manual' | 'playbook';
  playbookId: string | null;
  playbookVersion: number | null;
  dedupeKey: string | null;
  status: 'open' | 'done' | 'snoozed';
  snoozedUntil: string | null;
  completedAt: string | null;
  completedBy: string | null;
  createdAt: string;
  createdBy: string;
  account: {
    ownerId: string | null;
    healthColour: string | null;
    healthScore: number | null;
    churnRisk: number | null;
    mrr: { amount: string; currency: string } | null;
  };
  rank: Rank & { position: number };
}

interface Row {
  id: string;
  account_id: string;
  account_name: string;
  title: string;
  assignee_id: string | null;
  assignee_name: string | null;
  pool: string | null;
  priority: Priority;
  due_date: string | null;
  checklist: ChecklistItem[];
  reason: string;
  source: 'manual' | 'playbook';
  playbook_id: string | null;
  playbook_version: number | null;
  dedupe_key: string | null;
  status: 'open' | 'done' | 'snoozed';
  snoozed_until: string | null;
  completed_at: Date | null;
  completed_by: string | null;
  created_at: Date;
  created_by: string;
  owner_id: string | null;
  health_colour: string | null;
  health_score: number | null;
  churn_risk: number | null;
  currency: string | null;
  mrr_minor: number | null;
  mrr_group: number | null;
}

/** One task as the API shows it (rank position 1), or undefined. */
export async function findTask(db: Executor, id: string, day: string): Promise<TaskView | undefined> {
  const rows = await selectTasks(db, sql`t.id = ${id}::uuid`, 1);
  return rows.length === 0 ? undefined : viewsOf(rows, day)[0];
}

/**
 * The tasks matching the filters in "My day" order (rank-tasks.ts); done tasks newest completed first. The set
 * is one person's or one account's tasks, small enough to rank in full; `limit` cuts the ranked list.
 */
export async function listTasks(db: Executor, filters: TaskFilters, day: string): Promise<TaskView[]> {
  const conditions = [sql`true`];
  if (filters.assignee === 'none') conditions.push(sql`t.assignee_id is null`);
  else if (filters.assignee !== undefined) conditions.push(sql`t.assignee_id = ${filters.assignee}::uuid`);
  if (filters.accountId !== undefined) conditions.push(sql`t.account_id = ${filters.accountId}::uuid`);
  if (filters.status === 'open')
    conditions.push(sql`(t.status = 'open' or (t.status = 'snoozed' and t.snoozed_until <= ${day}::date))`);
  else if (filters.status === 'snoozed') conditions.push(sql`t.status = 'snoozed' and t.snoozed_until > ${day}::date`);
  else if (filters.status === 'done') conditions.push(sql`t.status = 'done'`);
  const rows = await selectTasks(db, sql.join(conditions, sql` and `), 10_000);
  const views = viewsOf(rows, day);
  if (filters.status === 'done') views.sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
  return views.slice(0, filters.limit);
}

async function selectTasks(db: Executor, where: ReturnType<typeof sql>, limit: number): Promise<Row[]> {
  const { rows } = await sql<Row>`
    select t.id, t.account_id, a.name as account_name, t.title, t.assignee_id, u.name as assignee_name, t.pool,
      t.priority, t.due_date, t.checklist, t.reason, t.source, t.playbook_id, t.playbook_version, t.dedupe_key,
      t.status, t.snoozed_until, t.completed_at, t.completed_by, t.created_at, t.created_by, a.owner_id,
      p.health_colour, p.health_score, p.churn_risk, p.currency, p.mrr_minor, p.mrr_group
    from tasks t
    join accounts a on a.id = t.account_id
    left join portfolio_rows p on p.account_id = t.account_id
    left join team_users u on u.id = t.assignee_id
    where ${where}
    limit ${limit}`.execute(db);
  return rows;
}

function viewsOf(rows: readonly Row[], day: string): TaskView[] {
  const inputs = rows.map((row) => ({
    row,
    churnRisk: row.churn_risk,
    // Only a figure in the reporting currency (mrr_group 0) can be weighed against the other accounts'.
    mrr:
      row.mrr_group === 0 && row.mrr_minor !== null && row.currency ? toMajorUnits(row.mrr_minor, row.currency) : null,
    dueDate: row.due_date,
    priority: row.priority,
    createdAt: row.created_at.toISOString(),
  }));
  return rankTasks(inputs, day).map(({ task, rank }, index) => viewOf(task.row, { ...rank, position: index + 1 }));
}

function viewOf(row: Row, rank: TaskView['rank']): TaskView {
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    title: row.title,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    pool: row.pool,
    priority: row.priority,
    dueDate: row.due_date,
    checklist: row.checklist,
    reason: row.reason,
    source: row.source,
    playbookId: row.playbook_id,
    playbookVersion: row.playbook_version,
    dedupeKey: row.dedupe_key,
    status: row.status,
    snoozedUntil: row.snoozed_until,
    completedAt: row.completed_at?.toISOString() ?? null,
    completedBy: row.completed_by,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    account: {
      ownerId: row.owner_id,
      healthColour: row.health_colour,
      healthScore: row.health_score,
      churnRisk: row.churn_risk,
      mrr:
        row.mrr_minor !== null && row.currency
          ? { amount: toDecimalText(row.mrr_minor, row.currency), currency: row.currency }
          : null,
    },
    rank,
  };
}
