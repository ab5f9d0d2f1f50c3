import { sql } from 'kysely';
import { z } from 'zod';
import { refreshPortfolioRows } from '../portfolio/refresh-portfolio-rows.js';
import { assertMayWriteAccount } from '../server/account-ownership.js';
import { fieldError, notFound } from '../server/http-error.js';
import { defineRoute } from '../server/route.js';
import { today } from '../shared/calendar.js';
import { changeTask } from './change-task.js';
import { findTask, listTasks } from './list-tasks.js';
import { checklistItem, priorities, taskChange, taskCreate } from './task-fields.js';
import { upsertTask } from './upsert-task.js';

// Tasks and "My day": each person's tasks in the order risk × revenue × due date says to do them (rank-tasks.ts).

const taskOutput = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    accountName: z.string(),
    title: z.string(),
    assigneeId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    pool: z.string().nullable(),
    priority: z.enum(priorities),
    dueDate: z.string().nullable(),
    checklist: z.array(checklistItem),
    reason: z.string().describe('Why the task exists, in words.'),
    source: z.enum(['manual', 'playbook']),
    playbookId: z.uuid().nullable(),
    playbookVersion: z.number().nullable(),
    dedupeKey: z.string().nullable(),
    status: z.enum(['open', 'done', 'snoozed']),
    snoozedUntil: z.string().nullable(),
    completedAt: z.string().nullable(),
    completedBy: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    account: z.object({
      ownerId: z.uuid().nullable(),
      healthColour: z.string().nullable(),
      healthScore: z.number().nullable(),
      churnRisk: z.number().nullable(),
      mrr: z.object({ amount: z.string(), currency: z.string() }).nullable(),
    }),
    rank: z
      .object({
        position: z.number().describe('1 for the task to do first among those listed.'),
        score: z.number().describe('churnRisk × mrr × urgency.'),
        churnRisk: z.number().describe("The account's churn risk, 0 when not predicted yet."),
        mrr: z.number().describe('MRR in the reporting currency (major units), 0 when none in it.'),
        urgency: z
          .number()
          .describe('1 when due today or overdue, 7 / (7 + days until due) later, 0.25 with no due date.'),
        overdue: z.boolean().describe('Overdue tasks come first, whatever their score.'),
      })
      .describe('Why the task is where it is in My day.'),
  })
  .meta({ id: 'Task' });

const taskId = z.object({ id: z.uuid({ error: 'must be a task id (uuid)' }) });

export const taskRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/tasks',
    access: 'viewer',
    tag: 'Tasks',
    summary:
      'Tasks in My day order: overdue first, then by churn risk × MRR (reporting currency) × urgency of the due date; by default the signed-in person’s open tasks and those whose snooze has ended',
    query: z.strictObject({
      assignee: z
        .union([z.literal('me'), z.literal('none'), z.literal('any'), z.uuid()], {
          error: 'must be me, none, any or a team member id',
        })
        .optional()
        .describe(
          'me (the default when signed in), a team member id, none (pool tasks) or any (the default for keys).',
        ),
      status: z
        .enum(['open', 'snoozed', 'done', 'all'], { error: 'must be open, snoozed, done or all' })
        .default('open')
        .describe('open: to do now (open, or snoozed until today or before); snoozed: still snoozed.'),
      accountId: z.uuid({ error: 'must be an account id (uuid)' }).optional(),
      limit: z.coerce
        .number()
        .int({ error: 'must be a whole number from 1 to 500' })
        .min(1, { error: 'must be a whole number from 1 to 500' })
        .max(500, { error: 'must be a whole number from 1 to 500' })
        .default(100),
    }),
    response: z.object({ data: z.array(taskOutput) }),
    async handler({ db, query, actor }) {
      const assignee = query.assignee ?? (actor.userId ? 'me' : 'any');
      if (assignee === 'me' && !actor.userId)
        throw fieldError('query.assignee', 'me needs a signed-in person, not a key');
      const day = today();
      await refreshPortfolioRows(db, day);
      const data = await listTasks(
        db,
        {
          assignee: assignee === 'me' ? actor.userId : assignee === 'any' ? undefined : assignee,
          status: query.status,
          accountId: query.accountId,
          limit: query.limit,
        },
        day,
      );
      return { body: { data } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/tasks',
    access: 'csm',
    tag: 'Tasks',
    summary:
      'Make a task (a CSM on the accounts they own); with a dedupeKey, a task not yet done with the same account, playbook and key is updated instead (answer 200)',
    unaudited: 'upsertTask audits itself (shared with the playbook engine)',
    status: 201,
    body: taskCreate,
    response: z.object({ task: taskOutput, created: z.boolean() }),
    async handler({ db, body, actor }) {
      await assertMayWriteAccount(db, actor, body.accountId);
      let assigneeId = body.assigneeId;
      if (assigneeId === undefined) {
        if (body.pool) assigneeId = null;
        else if (actor.userId) assigneeId = actor.userId;
        else {
          const { rows } = await sql<{
            owner_id: string | null;
          }>`select owner_id from accounts where id = ${body.accountId}`.execute(db);
          const account = rows[0];
          if (!account) throw fieldError('accountId', `no account has the id ${body.accountId}`);
          if (!account.owner_id) throw fieldError('assigneeId', 'is needed: the account has no owner to give it to');
          assigneeId = account.owner_id;
        }
      }
      const saved = await upsertTask(
        db,
        {
          accountId: body.accountId,
          title: body.title,
          assigneeId,
          pool: assigneeId === null ? (body.pool ?? null) : null,
          priority: body.priority,
          dueDate: body.dueDate,
          checklist: body.checklist,
          // No reason given: stored empty, and the app says "added by hand" in the reader's language.
          reason: body.reason ?? '',
          playbook:
            body.playbookId && body.playbookVersion
              ? { id: body.playbookId, version: body.playbookVersion }
              : undefined,
          dedupeKey: body.dedupeKey,
        },
        actor.label,
      );
      const task = await findTask(db, saved.id, today());
      return { status: saved.created ? 201 : 200, body: { task, created: saved.created } };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/tasks/:id',
    access: 'csm',
    tag: 'Tasks',
    summary:
      'Complete (status done), reopen (status open), snooze (snoozedUntil), reassign (assigneeId, or null and a pool), or edit the title, priority, due date or checklist of a task',
    params: taskId,
    body: taskChange,
    response: z.object({ task: taskOutput }),
    async handler({ db, params, body, actor, audit }) {
      const day = today();
      const changed = await changeTask(db, params.id, body, actor, day);
      const action =
        body.status === 'done'
          ? 'complete'
          : body.status === 'open'
            ? 'reopen'
            : body.snoozedUntil
              ? 'snooze'
              : body.assigneeId !== undefined
                ? 'reassign'
                : 'update';
      audit({
        action,
        entity: 'task',
        entityId: params.id,
        accountId: changed.accountId,
        changes: { before: changed.before, after: changed.after },
      });
      const task = await findTask(db, params.id, day);
      if (!task) throw notFound('task', params.id);
      return { body: { task } };
    },
  }),
];
