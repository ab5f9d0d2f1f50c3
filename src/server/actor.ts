import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

/** What a person may do: admin (users, keys, settings), leader (all but users and keys), csm, viewer. */
export type Role = 'admin' | 'leader' | 'csm' | 'viewer';
export type Access = 'anonymous' | 'ingest' | Role;
/** What an API key may do. */
export type Scope = 'ingest' | 'viewer' | 'csm' | 'admin';

export interface Actor {
  /** Written into the audit log: "key:<id> (<name>)", "user:<id> (<email>)", "anonymous". */
  label: string;
  /** A key's scope or a signed-in person's role. */
  scope: Scope | Role | 'anonymous';
  keyId?: string;
  /** B2C write keys: each user is its own account. */
  userIsAccount?: boolean;
  /** A signed-in person (a session cookie), not a key. */
  userId?: string;
  /** The session's token hash, so sign-out can end it. */
  sessionId?: string;
  /** A browser ingest key: records usage and links users, changes no stored field. */
  browser?: boolean;
}

const RANK: Record<Actor['scope'], number> = { anonymous: 0, ingest: 0, viewer: 1, csm: 2, leader: 3, admin: 4 };
const NEEDED: Record<Role, number> = { viewer: 1, csm: 2, leader: 3, admin: 4 };

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The secret from "Authorization: Bearer <key>" or Basic auth with the key as user name (as Segment sends it);
 * undefined when the header is missing or not one of those (the caller refuses a malformed header).
 */
export function secretFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [kind, value] = header.split(' ', 2);
  if (!value) return undefined;
  if (kind?.toLowerCase() === 'bearer') return value.trim();
  if (kind?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const user = decoded.split(':')[0];
    return user || undefined;
  }
  return undefined;
}

// Known keys are remembered for a few seconds, sparing a query on every tracking batch; a revoked key stops
// working within that time.
const KEY_CACHE_MS = 5000;
const keyCache = new Map<string, { actor: Actor; until: number }>();

/** Called on revocation, so this process stops honouring a revoked key at once (others within KEY_CACHE_MS). */
export function forgetCachedKeys(): void {
  keyCache.clear();
}

export async function actorForSecret(db: Kysely<Schema>, secret: string): Promise<Actor | undefined> {
  const hash = sha256(secret);
  const cached = keyCache.get(hash);
  if (cached && cached.until > Date.now()) return cached.actor;
  keyCache.delete(hash);
  const key = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'scope', 'user_is_account', 'browser'])
    .where('secret_sha256', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!key) return undefined;
  const actor: Actor = {
    label: `key:${key.id} (${key.name})`,
    scope: key.scope,
    keyId: key.id,
    userIsAccount: key.user_is_account,
    browser: key.browser,
  };
  if (keyCache.size > 1000) keyCache.clear();
  keyCache.set(hash, { actor, until: Date.now() + KEY_CACHE_MS });
  return actor;
}

/** Whether this actor may call a route declared with this access; ingest keys reach ingest routes only. */
export function mayCall(actor: Actor, access: Access): boolean {
  if (access === 'anonymous') return true;
  // Ingestion is for keys: the tracking API takes no cookies.
  if (access === 'ingest') return actor.keyId !== undefined && (actor.scope === 'ingest' || actor.scope === 'admin');
  return actor.scope !== 'ingest' && RANK[actor.scope] >= NEEDED[access];
}
