import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Schema } from '../db/schema.js';
import { forgetCachedKeys, type Scope, sha256 } from '../server/actor.js';

export const scopes: readonly Scope[] = ['ingest', 'viewer', 'csm', 'admin'];

export interface CreatedKey {
  id: string;
  name: string;
  scope: Scope;
  /** Shown once; only its SHA-256 is stored. */
  secret: string;
}

/** Makes an API key. The secret is 32 random bytes; it is returned here and never again. */
export async function createApiKey(
  db: Kysely<Schema>,
  name: string,
  scope: Scope,
  options: { userIsAccount?: boolean } = {},
): Promise<CreatedKey> {
  if (options.userIsAccount && scope !== 'ingest') throw new Error('--b2c applies to ingest keys only');
  const secret = `pk_${scope}_${randomBytes(32).toString('base64url')}`;
  const id = uuidv7();
  await db
    .insertInto('api_keys')
    .values({
      id,
      name,
      scope,
      secret_sha256: sha256(secret),
      prefix: secret.slice(0, 12),
      user_is_account: options.userIsAccount ?? false,
    })
    .execute();
  return { id, name, scope, secret };
}

export async function listApiKeys(db: Kysely<Schema>) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'scope', 'prefix', 'created_at', 'revoked_at', 'user_is_account'])
    .orderBy('created_at')
    .execute();
}

/** Revokes a key by id or by name; true if a live key was revoked. */
export async function revokeApiKey(db: Kysely<Schema>, idOrName: string): Promise<boolean> {
  const isId = /^[0-9a-f-]{36}$/i.test(idOrName);
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where(isId ? 'id' : 'name', '=', idOrName)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  forgetCachedKeys();
  return Number(result.numUpdatedRows) > 0;
}
