import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { recordAudit } from '../audit/record-audit.js';
import type { Executor } from '../db/executor.js';
import { forgetCachedKeys, type Scope, sha256 } from '../server/actor.js';

export const scopes: readonly Scope[] = ['ingest', 'viewer', 'csm', 'admin'];

export interface CreatedKey {
  id: string;
  name: string;
  scope: Scope;
  /** A public ingest key for the product's pages: records usage, changes no stored field. */
  browser: boolean;
  /** Shown once; only its SHA-256 is stored. */
  secret: string;
}

export interface KeyOptions {
  /** B2C: each user is its own account (ingest keys only). */
  userIsAccount?: boolean;
  /** A browser key (ingest keys only): public, so it may record usage and link users but change no field. */
  browser?: boolean;
  /** Who did it, for the audit log: the admin's label, or "cli" (the default) for the pacer command. */
  actor?: string;
}

/** How the audit log names a key acting: the same label the key's requests carry. */
export const keyLabel = (id: string, name: string) => `key:${id} (${name})`;

/** Runs work in the caller's transaction, or in one of its own. */
function inTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Makes an API key, audited. The secret is 32 random bytes; it is returned here and never again. A browser key's
 * secret starts pk_browser_, so whoever finds one in a page can tell it is the public kind.
 */
export async function createApiKey(
  db: Executor,
  name: string,
  scope: Scope,
  options: KeyOptions = {},
): Promise<CreatedKey> {
  const browser = options.browser ?? false;
  const userIsAccount = options.userIsAccount ?? false;
  if (userIsAccount && scope !== 'ingest') throw new Error('--b2c applies to ingest keys only');
  if (browser && scope !== 'ingest') throw new Error('--browser applies to ingest keys only');
  const secret = `pk_${browser ? 'browser' : scope}_${randomBytes(32).toString('base64url')}`;
  const id = uuidv7();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('api_keys')
      .values({
        id,
        name,
        scope,
        secret_sha256: sha256(secret),
        prefix: secret.slice(0, 12),
        user_is_account: userIsAccount,
        browser,
      })
      .execute();
    await recordAudit(trx, [
      {
        actor: options.actor ?? 'cli',
        action: 'create',
        entity: 'api key',
        entityId: id,
        changes: { name, scope, browser, b2c: userIsAccount },
      },
    ]);
  });
  return { id, name, scope, browser, secret };
}

export async function listApiKeys(db: Executor) {
  return db
    .selectFrom('api_keys')
    .select([
      'id',
      'name',
      'scope',
      'prefix',
      'created_at',
      'revoked_at',
      'user_is_account',
      'browser',
      'first_used_at',
      'last_used_at',
    ])
    .orderBy('created_at')
    .execute();
}

/** Revokes a key by id or by name, audited; true if a live key was revoked. */
export async function revokeApiKey(db: Executor, idOrName: string, options: { actor?: string } = {}): Promise<boolean> {
  const isId = /^[0-9a-f-]{36}$/i.test(idOrName);
  const revoked = await inTransaction(db, async (trx) => {
    const rows = await trx
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where(isId ? 'id' : 'name', '=', idOrName)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name', 'scope', 'browser'])
      .execute();
    await recordAudit(
      trx,
      rows.map((row) => ({
        actor: options.actor ?? 'cli',
        action: 'revoke',
        entity: 'api key',
        entityId: row.id,
        changes: { name: row.name, scope: row.scope, browser: row.browser },
      })),
    );
    return rows.length;
  });
  forgetCachedKeys();
  return revoked > 0;
}

// Each process writes a key's last use at most once a minute: a tracking batch costs no write of its own.
const USE_RECORD_MS = 60_000;
const useRecordedAt = new Map<string, number>();

/**
 * Notes that a key authenticated a request: its first use is stamped and audited (actor: the key itself), its
 * last use refreshed at most about once a minute. Call it on every successful key authentication; all but one
 * call a minute per key return without touching the database.
 */
export async function recordKeyUse(db: Executor, keyId: string, now = Date.now()): Promise<void> {
  const recorded = useRecordedAt.get(keyId);
  if (recorded !== undefined && now - recorded < USE_RECORD_MS) return;
  if (useRecordedAt.size > 10_000) useRecordedAt.clear();
  useRecordedAt.set(keyId, now);
  // One statement: the row lock makes a second process that raced this one skip the key (its last_used_at is then
  // fresh), so a first use is stamped and audited exactly once. RETURNING shows the new values: first_used_at
  // equals last_used_at (both this transaction's now()) only when it was empty before.
  await sql`with used as (
      update api_keys set first_used_at = coalesce(first_used_at, now()), last_used_at = now()
      where id = ${keyId} and (last_used_at is null or last_used_at < now() - interval '1 minute')
      returning id, name, first_used_at = last_used_at as first_use)
    insert into audit_log (id, actor, action, entity, entity_id, changes)
    select ${uuidv7()}, 'key:' || id::text || ' (' || name || ')', 'first use', 'api key', id, null
    from used where first_use`.execute(db);
}
