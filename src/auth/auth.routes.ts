import { serialize } from 'hono/utils/cookie';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { badRequest, HttpError } from '../server/http-error.js';
import { defineRoute, type RouteSpec } from '../server/route.js';
import { teamRoles } from '../team/team-user.resource.js';
import { verifyPassword } from './password-hash.js';
import { createSession, endAllSessions, endSession, SESSION_COOKIE, sessionLimits } from './sessions.js';
import { afterFailedSignIn, signInRefusal } from './sign-in-throttle.js';

const signInBody = z.strictObject({
  email: z.string().trim().toLowerCase().min(1, { error: 'required' }).max(320),
  password: z.string().min(1, { error: 'required' }).max(1000),
});

const me = z
  .object({
    kind: z.enum(['user', 'key']),
    user: z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(teamRoles) }).optional(),
    key: z.object({ id: z.uuid(), scope: z.string() }).optional(),
    csrfToken: z.string().optional().describe('Send it as X-CSRF-Token with every change made while signed in.'),
  })
  .meta({ id: 'Me' });

/** The cookie: HTTP-only, SameSite=Lax, Secure when clients reach Pacer over TLS. */
function sessionCookie(token: string, secure: boolean, maxAgeSeconds: number): string {
  return serialize(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: maxAgeSeconds,
  });
}

/** Signing out is for sessions; a key is revoked instead. */
const madeWithKey = () =>
  badRequest([
    { field: 'authorization', message: 'is an API key, which has no session to end (revoke the key instead)' },
  ]);

export const authRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    access: 'anonymous',
    tag: 'Sign-in',
    summary: 'Sign in with email and password: sets the session cookie and returns the CSRF token',
    body: signInBody,
    response: me,
    transaction: 'handler',
    unaudited: 'writes its own audit entries, failures included, outside the rolled-back answer',
    async handler({ body, database, publicUrl, header }) {
      const db = database.db;
      const now = new Date();
      const user = await db.selectFrom('team_users').selectAll().where('email', '=', body.email).executeTakeFirst();
      const refusal = user
        ? signInRefusal(
            {
              failedSignIns: user.failed_sign_ins,
              lastFailedAt: user.last_failed_sign_in_at,
              lockedUntil: user.locked_until,
            },
            now,
          )
        : undefined;
      if (user && refusal) {
        throw new HttpError(
          429,
          'too_many_attempts',
          refusal.reason === 'locked'
            ? `sign-in for ${body.email} is locked after repeated failures; try again in ${Math.ceil(refusal.retryAfterSeconds / 60)} minutes, or ask an admin to reset the password`
            : `too many failed sign-ins for ${body.email}; try again in ${refusal.retryAfterSeconds} seconds`,
          [],
          { 'Retry-After': String(refusal.retryAfterSeconds) },
        );
      }
      const matches = await verifyPassword(user?.password_hash, body.password);
      if (!user || !matches || user.disabled_at) {
        if (user) {
          const next = afterFailedSignIn(
            {
              failedSignIns: user.failed_sign_ins,
              lastFailedAt: user.last_failed_sign_in_at,
              lockedUntil: user.locked_until,
            },
            now,
          );
          await db
            .updateTable('team_users')
            .set({
              failed_sign_ins: next.failedSignIns,
              last_failed_sign_in_at: next.lastFailedAt,
              locked_until: next.lockedUntil,
            })
            .where('id', '=', user.id)
            .execute();
          await recordAudit(db, [
            {
              actor: 'anonymous',
              action: next.lockedUntil ? 'sign-in locked' : 'sign-in failed',
              entity: 'team user',
              entityId: user.id,
            },
          ]);
        }
        // The same answer for an unknown email, a wrong password and a disabled person: it says nothing about
        // who has an account.
        throw new HttpError(401, 'unauthorized', 'the email or the password is wrong');
      }
      const session = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('team_users')
          .set({ failed_sign_ins: 0, last_failed_sign_in_at: null, locked_until: null })
          .where('id', '=', user.id)
          .execute();
        await recordAudit(trx, [
          { actor: `user:${user.id} (${user.email})`, action: 'sign in', entity: 'team user', entityId: user.id },
        ]);
        return createSession(trx, user.id, header('user-agent'));
      });
      const secure = publicUrl().startsWith('https:');
      return {
        headers: {
          'Set-Cookie': sessionCookie(session.token, secure, Math.floor(sessionLimits().lifetimeMs / 1000)),
        },
        body: {
          kind: 'user',
          user: { id: user.id, email: user.email, name: user.name, role: user.role },
          csrfToken: session.csrfToken,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/auth/me',
    access: 'viewer',
    tag: 'Sign-in',
    summary: 'Who is calling: the signed-in person (with the CSRF token) or the key',
    response: me,
    async handler({ actor, db }) {
      if (!actor.userId) return { body: { kind: 'key', key: { id: actor.keyId as string, scope: actor.scope } } };
      const user = await db
        .selectFrom('team_users')
        .select(['id', 'email', 'name', 'role'])
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      const session = await db
        .selectFrom('sessions')
        .select('csrf_token')
        .where('token_sha256', '=', actor.sessionId as string)
        .executeTakeFirstOrThrow();
      return { body: { kind: 'user', user, csrfToken: session.csrf_token } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    access: 'viewer',
    tag: 'Sign-in',
    summary: 'Sign out: ends this session and clears the cookie',
    status: 204,
    async handler({ actor, db, audit, publicUrl }) {
      if (!actor.sessionId) throw madeWithKey();
      await endSession(db, actor.sessionId);
      audit({ action: 'sign out', entity: 'team user', entityId: actor.userId });
      return {
        status: 204,
        headers: { 'Set-Cookie': sessionCookie('', publicUrl().startsWith('https:'), 0) },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout-everywhere',
    access: 'viewer',
    tag: 'Sign-in',
    summary: 'Sign out everywhere: ends every session of the signed-in person',
    response: z.object({ sessionsEnded: z.number().int() }),
    async handler({ actor, db, audit, publicUrl }) {
      if (!actor.userId) throw madeWithKey();
      const ended = await endAllSessions(db, actor.userId);
      audit({
        action: 'sign out everywhere',
        entity: 'team user',
        entityId: actor.userId,
        changes: { sessionsEnded: ended },
      });
      return {
        headers: { 'Set-Cookie': sessionCookie('', publicUrl().startsWith('https:'), 0) },
        body: { sessionsEnded: ended },
      };
    },
  }),
];
