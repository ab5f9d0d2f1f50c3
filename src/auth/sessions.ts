import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { Schema } from '../db/schema.js';
import { type Actor, sha256 } from '../server/actor.js';

export const SESSION_COOKIE = 'pacer_session';

/** How long a session lasts at most, and how long it survives unused; both configurable. */
export function sessionLimits(): { lifetimeMs: number; idleMs: number } {
  const days = Number(process.env.PACER_SESSION_DAYS ?? 7);
  const idleHours = Number(process.env.PACER_SESSION_IDLE_HOURS ?? 12);
  return {
    lifetimeMs: (Number.isFinite(days) && days > 0 ? days : 7) * 86_400_000,
    idleMs: (Number.isFinite(idleHours) && idleHours > 0 ? idleHours : 12) * 3_600_000,
  };
}

export interface NewSession {
  /** The cookie's value; only its SHA-256 is stored. */
  token: string;
  /** Sent back in X-CSRF-Token with every change made with the cookie. */
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: Executor, userId: string, userAgent: string | undefined): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionLimits().lifetimeMs);
  await db
    .insertInto('sessions')
    .values({
      token_sha256: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface SessionActor extends Actor {
  userId: string;
  sessionId: string;
  csrfToken: string;
}

// last_seen_at is written at most once a minute per session: reads stay reads.
const TOUCH_EVERY_MS = 60_000;

/** The signed-in person behind a session cookie, or undefined when the session is unknown, over or disabled. */
export async function actorForSession(db: Kysely<Schema>, token: string): Promise<SessionActor | undefined> {
  const tokenSha256 = sha256(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('team_users as u', 'u.id', 's.user_id')
    .select([
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.email',
      'u.role',
      'u.disabled_at',
      'u.password_hash',
    ])
    .where('s.token_sha256', '=', tokenSha256)
    .executeTakeFirst();
  if (!row || row.disabled_at || !row.password_hash) return undefined;
  const now = Date.now();
  const idleUntil = row.last_seen_at.getTime() + sessionLimits().idleMs;
  if (row.expires_at.getTime() <= now || idleUntil <= now) {
    await db.deleteFrom('sessions').where('token_sha256', '=', tokenSha256).execute();
    return undefined;
  }
  if (now - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now) })
      .where('token_sha256', '=', tokenSha256)
      .execute();
  }
  return {
    label: `user:${row.user_id} (${row.email})`,
    scope: row.role,
    userId: row.user_id,
    sessionId: tokenSha256,
    csrfToken: row.csrf_token,
  };
}

export async function endSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_sha256', '=', sessionId).execute();
}

/** Signs a person out everywhere; the number of sessions ended. */
export async function endAllSessions(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
