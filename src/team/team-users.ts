import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { hashPassword, passwordProblem } from '../auth/password-hash.js';
import { endAllSessions } from '../auth/sessions.js';
import type { Executor } from '../db/executor.js';
import { badRequest, issuesFromZod } from '../server/http-error.js';
import { type TeamRole, teamUserCreate } from './team-user.resource.js';

// The people of a workspace, managed from the command line (`pacer users …`), directly on the database or handed
// to the running server. Every change is audited with who made it.

export interface TeamUserSummary {
  id: string;
  email: string;
  name: string;
  role: TeamRole;
  canSignIn: boolean;
  disabled: boolean;
  lockedUntil: Date | null;
}

export async function createTeamUser(
  db: Executor,
  input: z.input<typeof teamUserCreate>,
  actor: string,
): Promise<TeamUserSummary> {
  const parsed = teamUserCreate.safeParse(input);
  if (!parsed.success) throw badRequest(issuesFromZod(parsed.error));
  const { email, name, role, password } = parsed.data;
  const taken = await db.selectFrom('team_users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw badRequest([{ field: 'email', message: `${email} already has an account` }]);
  const id = uuidv7();
  await db
    .insertInto('team_users')
    .values({ id, email, name, role, password_hash: password ? await hashPassword(password) : null })
    .execute();
  await recordAudit(db, [
    {
      actor,
      action: 'create',
      entity: 'team user',
      entityId: id,
      changes: { email, name, role, ...(password ? { password: '(set)' } : {}) },
    },
  ]);
  return { id, email, name, role, canSignIn: Boolean(password), disabled: false, lockedUntil: null };
}

export async function listTeamUsers(db: Executor): Promise<TeamUserSummary[]> {
  const rows = await db
    .selectFrom('team_users')
    .select(['id', 'email', 'name', 'role', 'password_hash', 'disabled_at', 'locked_until'])
    .orderBy('email')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    canSignIn: Boolean(row.password_hash) && !row.disabled_at,
    disabled: Boolean(row.disabled_at),
    lockedUntil: row.locked_until && row.locked_until > new Date() ? row.locked_until : null,
  }));
}

async function userByEmail(db: Executor, email: string): Promise<{ id: string; email: string }> {
  const user = await db
    .selectFrom('team_users')
    .select(['id', 'email'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) throw badRequest([{ field: 'email', message: `no user with email ${email}` }]);
  return user;
}

/** Disables (or enables again) a person: a disabled person cannot sign in, and their sessions end at once. */
export async function setTeamUserDisabled(db: Executor, email: string, disabled: boolean, actor: string) {
  const user = await userByEmail(db, email);
  await db
    .updateTable('team_users')
    .set({ disabled_at: disabled ? new Date() : null, updated_at: new Date() })
    .where('id', '=', user.id)
    .execute();
  if (disabled) await endAllSessions(db, user.id);
  await recordAudit(db, [{ actor, action: disabled ? 'disable' : 'enable', entity: 'team user', entityId: user.id }]);
}

/** Sets a new password, lifts a sign-in lock, and ends the person's sessions. */
export async function resetTeamUserPassword(db: Executor, email: string, password: string, actor: string) {
  const problem = passwordProblem(password);
  if (problem) throw badRequest([{ field: 'password', message: problem }]);
  const user = await userByEmail(db, email);
  await db
    .updateTable('team_users')
    .set({
      password_hash: await hashPassword(password),
      failed_sign_ins: 0,
      last_failed_sign_in_at: null,
      locked_until: null,
      updated_at: new Date(),
    })
    .where('id', '=', user.id)
    .execute();
  await endAllSessions(db, user.id);
  await recordAudit(db, [
    { actor, action: 'reset password', entity: 'team user', entityId: user.id, changes: { password: '(set)' } },
  ]);
}
