import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { actorForSession, SESSION_COOKIE } from '../auth/sessions.js';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { recordKeyUse } from '../keys/api-keys.js';
import { type Access, type Actor, actorForSecret, mayCall, secretFromHeader } from './actor.js';
import { clientAddress } from './client-address.js';
import { badRequest, HttpError, issuesFromZod } from './http-error.js';
import { readJson, rejectUnstorable } from './read-json.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  accountId?: string | null;
  changes?: Record<string, unknown> | null;
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  actor: Actor;
  /** In a transaction for every method but GET: nothing half-written stays if the handler throws. */
  db: Executor;
  /** The database itself, for routes that manage their own writes (transaction: 'handler'). */
  database: Database;
  /** Where clients reach this server: PACER_PUBLIC_URL, else this request's scheme (X-Forwarded-Proto) and host. */
  publicUrl(): string;
  /** A request header (sign-in reads the user agent). */
  header(name: string): string | undefined;
  audit(entry: AuditEntry): void;
}

export interface RouteReply {
  status?: number;
  body?: unknown;
  /** Extra answer headers (Set-Cookie on sign-in and sign-out, Cache-Control, Vary). */
  headers?: Record<string, string>;
}

export interface RouteSpec<P = z.ZodType | undefined, Q = z.ZodType | undefined, B = z.ZodType | undefined> {
  method: Method;
  /** Hono style: /api/accounts/:id */
  path: string;
  /** Who may call it. Every route says so; there is no default. */
  access: Access;
  tag: string;
  summary: string;
  params?: P;
  query?: Q;
  body?: B;
  response?: z.ZodType;
  status?: number;
  /** Largest body accepted, after gzip is undone; default 1 MB. */
  maxBodyBytes?: number;
  /**
   * Changes are audited unless the route says why not (high-volume data such as usage events, which is counted,
   * not edited by a person).
   */
  unaudited?: string;
  /**
   * 'handler': no transaction is opened for the route; the handler gets the database itself and opens one when it
   * needs several statements (ingestion, where one statement per batch is what keeps it fast). Needs unaudited.
   */
  transaction?: 'route' | 'handler';
  /**
   * The key may also come as the JSON body's `writeKey` when there is no Authorization header, as analytics.js
   * (Segment's browser library) and older Segment clients send it.
   */
  writeKeyInBody?: boolean;
  handler(input: RouteInput<P, Q, B>): Promise<RouteReply>;
}

/** Declares a route; the identity function is there so TypeScript infers the handler's input types. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  rejectUnstorable(value, where, schema);
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw badRequest(issuesFromZod(result.error, where));
  return result.data;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

function queryObject(c: Context): Record<string, string> {
  const all = c.req.queries();
  return Object.fromEntries(Object.entries(all).map(([key, values]) => [key, values.at(-1) ?? '']));
}

/** The body's `writeKey`, for routes that accept the key there. */
function writeKeyIn(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const key = (body as { writeKey?: unknown }).writeKey;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/**
 * Where clients reach this server, without a trailing slash: PACER_PUBLIC_URL when set (behind a proxy that
 * rewrites the host), else the scheme and host of this request — the host one the server answers for
 * (host-allowlist.ts), the scheme as a trusted proxy's X-Forwarded-Proto says (client-address.ts).
 */
function publicUrl(c: Context): string {
  const configured = process.env.PACER_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const url = new URL(c.req.url);
  url.protocol = `${clientAddress(c).scheme}:`;
  return url.origin;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling: an API key (Authorization header, or the body's writeKey for analytics.js), else a signed-in
 * person (the session cookie), else nobody. A malformed Authorization header is refused, never read as none.
 * A change made with the cookie must carry the session's CSRF token in X-CSRF-Token: another site's page can make
 * the browser send the cookie, but cannot read the token.
 */
async function authenticate(c: Context, database: Database, access: Access, bodyKey?: string): Promise<Actor> {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const secret = secretFromHeader(header);
    if (!secret) {
      throw new HttpError(401, 'unauthorized', 'the Authorization header must be "Bearer <key>" or Basic with the key');
    }
    return keyActor(database, secret);
  }
  if (bodyKey) return keyActor(database, bodyKey);
  // Open routes (sign-in among them) do not read the cookie: a stale one must not get in the way.
  const token = access === 'anonymous' ? undefined : getCookie(c, SESSION_COOKIE);
  if (!token) return { label: 'anonymous', scope: 'anonymous' };
  const actor = await actorForSession(database.db, token);
  if (!actor) return { label: 'anonymous', scope: 'anonymous' };
  if (!SAFE_METHODS.has(c.req.method) && c.req.header('x-csrf-token') !== actor.csrfToken) {
    throw new HttpError(
      403,
      'csrf',
      'a change made while signed in needs the X-CSRF-Token header (from sign-in or GET /api/auth/me)',
    );
  }
  return actor;
}

async function keyActor(database: Database, secret: string): Promise<Actor> {
  const actor = await actorForSecret(database.db, secret);
  if (!actor) throw new HttpError(401, 'unauthorized', 'the API key is unknown or revoked');
  // First use audited, last use stamped (at most once a minute per key, no write otherwise).
  if (actor.keyId) await recordKeyUse(database.db, actor.keyId);
  return actor;
}

/**
 * The one place routes are registered: it authenticates, checks the declared access, validates params, query
 * and body against the route's schemas, runs changes in a transaction and refuses to commit a change that wrote
 * no audit entry — so no route can forget any of these.
 */
export function mountRoutes(app: Hono, database: Database, routes: RouteSpec[]): void {
  for (const route of routes) {
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      // The body is read before the key is checked only when the key may be in it.
      let raw: unknown;
      let read = false;
      const readBody = async () => {
        if (!read) raw = await readJson(c, route.maxBodyBytes ?? DEFAULT_MAX_BODY);
        read = true;
        return raw;
      };
      const bodyKey = route.writeKeyInBody && !c.req.header('authorization') ? writeKeyIn(await readBody()) : undefined;
      const actor = await authenticate(c, database, route.access, bodyKey);
      if (!mayCall(actor, route.access)) {
        throw actor.scope === 'anonymous'
          ? new HttpError(
              401,
              'unauthorized',
              'this call needs you signed in (POST /api/auth/login) or an API key (Authorization: Bearer <key>)',
            )
          : new HttpError(
              403,
              'forbidden',
              `${actor.userId ? `the ${actor.scope} role` : `a ${actor.scope} key`} may not call ${route.method.toUpperCase()} ${route.path}`,
            );
      }
      const params = parse(route.params, c.req.param(), 'path');
      const query = parse(route.query, queryObject(c), 'query');
      const body = route.body ? parse(route.body, await readBody(), '') : undefined;

      const run = async (db: Executor, audit: (entry: AuditEntry) => void) =>
        route.handler({
          params,
          query,
          body,
          actor,
          db,
          database,
          publicUrl: () => publicUrl(c),
          header: (name: string) => c.req.header(name),
          audit,
        } as RouteInput<unknown, unknown, unknown>);

      let reply: RouteReply;
      if (route.method === 'get' || route.transaction === 'handler') {
        if (route.method !== 'get' && !route.unaudited)
          throw new Error(`${route.path}: transaction 'handler' needs unaudited`);
        reply = await run(database.db, () => {
          throw new Error('a read route may not write audit entries');
        });
      } else {
        reply = await database.db.transaction().execute(async (trx) => {
          const entries: AuditEntry[] = [];
          const result = await run(trx, (entry) => entries.push(entry));
          if (entries.length === 0 && !route.unaudited) {
            throw new Error(`${route.method.toUpperCase()} ${route.path} changed data without an audit entry`);
          }
          if (entries.length === 0) return result;
          await trx
            .insertInto('audit_log')
            .values(
              entries.map((entry) => ({
                id: uuidv7(),
                actor: actor.label,
                action: entry.action,
                entity: entry.entity,
                entity_id: entry.entityId ?? null,
                account_id: entry.accountId ?? null,
                changes: entry.changes ? JSON.stringify(entry.changes) : null,
              })),
            )
            .execute();
          return result;
        });
      }
      const status = reply.status ?? route.status ?? 200;
      for (const [name, value] of Object.entries(reply.headers ?? {})) c.header(name, value);
      if (status === 204 || reply.body === undefined) return c.body(null, status as 204);
      return c.json(reply.body as object, status as 200);
    });
  }
}
