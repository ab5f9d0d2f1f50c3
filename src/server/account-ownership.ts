import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { Actor } from './actor.js';
import { HttpError } from './http-error.js';

/**
 * A signed-in CSM changes only the accounts they own (notes and health overrides excepted, which any CSM may add
 * anywhere). Keys and the other roles are not limited by ownership. Checked inside the write's transaction, on the
 * account the row belonged to and the one it belongs to after, so a CSM cannot move a record or an account off
 * to someone else either.
 */
export async function assertMayWriteAccount(db: Executor, actor: Actor, accountId: string | null): Promise<void> {
  if (!actor.userId || actor.scope !== 'csm' || accountId === null) return;
  const { rows } = await sql<{
    owner_id: string | null;
  }>`select owner_id from accounts where id = ${accountId}`.execute(db);
  const account = rows[0];
  if (account && account.owner_id !== actor.userId) {
    throw new HttpError(
      403,
      'forbidden',
      `a CSM may change only the accounts they own; account ${accountId} is not yours`,
    );
  }
}
