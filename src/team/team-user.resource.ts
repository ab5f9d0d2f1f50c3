import { z } from 'zod';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password-hash.js';
import { endAllSessions } from '../auth/sessions.js';
import type { Executor } from '../db/executor.js';
import { HttpError } from '../server/http-error.js';
import type { ResourceSpec, Row } from '../server/resource.js';
import { iso, pickColumns } from '../shared/rows.js';

export const teamRoles = ['admin', 'leader', 'csm', 'viewer'] as const;
export type TeamRole = (typeof teamRoles)[number];

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH, { error: `must be at most ${MAX_PASSWORD_LENGTH} characters` })
  .describe('Sets the password people sign in with; stored only as an Argon2id hash. Changing it signs them out.');

export const teamUserCreate = z.strictObject({
  email: z.email({ error: 'must be an email address' }).toLowerCase(),
  name: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
  role: z.enum(teamRoles),
  password: password.optional(),
});

export const teamUserUpdate = teamUserCreate.partial().extend({
  disabled: z.boolean().optional().describe('A disabled person cannot sign in; their sessions end at once.'),
});

export const teamUserOutput = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(teamRoles),
    canSignIn: z.boolean().describe('Has a password and is not disabled.'),
    disabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TeamUser' });

export const teamUserResource: ResourceSpec = {
  entity: 'team user',
  path: 'users',
  table: 'team_users',
  tag: 'Team',
  accountColumn: null,
  create: teamUserCreate,
  update: teamUserUpdate,
  output: teamUserOutput,
  async toColumns(input, { db, existing }) {
    const columns: Record<string, unknown> = pickColumns(input, { email: 'email', name: 'name', role: 'role' });
    if (typeof input.password === 'string') {
      columns.password_hash = await hashPassword(input.password);
      columns.failed_sign_ins = 0;
      columns.locked_until = null;
    }
    if (input.disabled !== undefined) columns.disabled_at = input.disabled ? new Date() : null;
    const losesAdmin = (input.role !== undefined && input.role !== 'admin') || input.disabled === true;
    const couldSignIn = Boolean(existing?.password_hash) && !existing?.disabled_at;
    if (existing?.role === 'admin' && couldSignIn && losesAdmin) await keepOneAdmin(db, existing.id as string);
    // A new password, a disabling or a new role ends the person's sessions: whoever held one signs in again.
    const signsOut = input.password !== undefined || input.disabled === true || input.role !== undefined;
    if (existing && signsOut) await endAllSessions(db, existing.id as string);
    return columns;
  },
  toOutput: (row: Row) => ({
    id: row.id as string,
    email: row.email as string,
    name: row.name as string,
    role: row.role as TeamRole,
    canSignIn: Boolean(row.password_hash) && !row.disabled_at,
    disabled: Boolean(row.disabled_at),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  }),
  filters: {
    email: { column: 'email', schema: z.string().toLowerCase() },
    role: { column: 'role', schema: z.enum(teamRoles) },
  },
  sorts: { name: 'name', createdAt: 'created_at' },
  defaultSort: 'name',
  externalId: false,
  access: { read: 'viewer', write: 'admin', delete: 'admin' },
};

/**
 * Someone must always be able to run the workspace: demoting or disabling the last admin who can sign in is refused
 * (the row lock makes two admins demoting each other at once wait for one another, so one of them stays).
 */
async function keepOneAdmin(db: Executor, leaving: string): Promise<void> {
  const others = await db
    .selectFrom('team_users')
    .select('id')
    .where('role', '=', 'admin')
    .where('id', '!=', leaving)
    .where('disabled_at', 'is', null)
    .where('password_hash', 'is not', null)
    .forUpdate()
    .execute();
  if (others.length === 0) {
    throw new HttpError(409, 'conflict', 'this is the last admin who can sign in: make someone else admin first', [
      { field: 'role', message: 'the workspace needs at least one admin who can sign in' },
    ]);
  }
}
