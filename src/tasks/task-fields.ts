import { z } from 'zod';

// The fields of a task as the API and the playbook engine give them: one schema validates, types and documents.

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

const day = z.iso.date({ error: 'must be a day as YYYY-MM-DD' });

export const checklistItem = z.strictObject({
  text: z.string().trim().min(1, { error: 'must not be empty' }).max(500, { error: 'must be at most 500 characters' }),
  done: z.boolean({ error: 'must be true or false' }).default(false),
});
export type ChecklistItem = z.output<typeof checklistItem>;

export const checklist = z.array(checklistItem).max(50, { error: 'must have at most 50 items' });

export const taskTitle = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(300, { error: 'must be at most 300 characters' });

export const poolName = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

export const taskCreate = z
  .strictObject({
    accountId: z.uuid({ error: 'must be an account id (uuid)' }),
    title: taskTitle,
    assigneeId: z
      .uuid({ error: 'must be a team member id (uuid)' })
      .nullable()
      .optional()
      .describe('Who does it; left out: the person creating it (an API key: the account owner). Null with a pool.'),
    pool: poolName.nullable().optional().describe('A pool (e.g. "onboarding") anyone in it may take the task from.'),
    priority: z.enum(priorities, { error: `must be one of ${priorities.join(', ')}` }).default('normal'),
    dueDate: day.nullable().optional(),
    checklist: checklist.default([]),
    reason: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(1000, { error: 'must be at most 1000 characters' })
      .optional()
      .describe('The sentence saying why the task exists, e.g. "Health turned red on 2026-12-01".'),
    playbookId: z.uuid({ error: 'must be a playbook id (uuid)' }).optional(),
    playbookVersion: z.int({ error: 'must be a whole number' }).min(1, { error: 'must be 1 or more' }).optional(),
    dedupeKey: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' })
      .optional()
      .describe(
        'With the account and playbook, what makes two tasks the same: while one is not done, another with the same key updates it.',
      ),
  })
  .superRefine((task, context) => {
    if (task.assigneeId === null && !task.pool)
      context.addIssue({ code: 'custom', path: ['pool'], message: 'is needed when the task has no assignee' });
    if (task.assigneeId && task.pool)
      context.addIssue({ code: 'custom', path: ['pool'], message: 'must be left out when the task has an assignee' });
    if ((task.playbookId === undefined) !== (task.playbookVersion === undefined))
      context.addIssue({
        code: 'custom',
        path: [task.playbookId === undefined ? 'playbookId' : 'playbookVersion'],
        message: 'playbookId and playbookVersion go together',
      });
  });
export type TaskCreate = z.output<typeof taskCreate>;

export const taskChange = z
  .strictObject({
    status: z.enum(['open', 'done'], { error: 'must be open or done (snooze with snoozedUntil)' }).optional(),
    snoozedUntil: day.optional().describe('Hide the task until this day; it comes back to My day on it.'),
    assigneeId: z.uuid({ error: 'must be a team member id (uuid)' }).nullable().optional(),
    pool: poolName.nullable().optional(),
    title: taskTitle.optional(),
    priority: z.enum(priorities, { error: `must be one of ${priorities.join(', ')}` }).optional(),
    dueDate: day.nullable().optional(),
    checklist: checklist.optional(),
  })
  .superRefine((change, context) => {
    if (change.status !== undefined && change.snoozedUntil !== undefined)
      context.addIssue({ code: 'custom', path: ['snoozedUntil'], message: 'cannot be given with status' });
    if (Object.keys(change).length === 0)
      context.addIssue({ code: 'custom', path: [], message: 'give at least one field to change' });
  });
export type TaskChange = z.output<typeof taskChange>;
