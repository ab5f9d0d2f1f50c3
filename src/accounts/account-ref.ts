import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { fieldError } from '../server/http-error.js';

/**
 * The account a child record (contact, subscription, note…) names, by accountId or accountExternalId. A child
 * never moves to another account: its id is keyed by account, so that is a new record instead.
 */
export async function resolveAccountId(
  db: Executor,
  input: { accountId?: unknown; accountExternalId?: unknown },
  existingAccountId?: string,
): Promise<string> {
  let accountId: string | undefined;
  if (typeof input.accountExternalId === 'string') {
    const { rows } = await sql<{
      id: string;
    }>`select id from accounts where external_id = ${input.accountExternalId}`.execute(db);
    if (!rows[0])
      throw fieldError(
        'accountExternalId',
        `no account has the external id ${JSON.stringify(input.accountExternalId)}`,
      );
    if (typeof input.accountId === 'string' && input.accountId !== rows[0].id) {
      throw fieldError('accountId', 'names a different account than accountExternalId');
    }
    accountId = rows[0].id;
  } else if (typeof input.accountId === 'string') {
    const { rows } = await sql<{ id: string }>`select id from accounts where id = ${input.accountId}`.execute(db);
    if (!rows[0]) throw fieldError('accountId', `no account has the id ${input.accountId}`);
    accountId = rows[0].id;
  }
  if (existingAccountId) {
    if (accountId && accountId !== existingAccountId) {
      throw fieldError('accountId', 'a record cannot move to another account; create a new one there instead');
    }
    return existingAccountId;
  }
  if (!accountId) throw fieldError('accountId', 'required (or accountExternalId)');
  return accountId;
}
