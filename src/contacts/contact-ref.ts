import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { fieldError } from '../server/http-error.js';

/** The contact a note, survey answer or ticket names (contactId or contactExternalId), checked to be of its account. */
export async function resolveContactId(
  db: Executor,
  input: { contactId?: unknown; contactExternalId?: unknown },
  accountId: string,
): Promise<string | null | undefined> {
  let row: { id: string; account_id: string } | undefined;
  if (typeof input.contactExternalId === 'string') {
    ({
      rows: [row],
    } = await sql<{ id: string; account_id: string }>`
      select id, account_id from contacts where external_id = ${input.contactExternalId}`.execute(db));
    if (!row)
      throw fieldError(
        'contactExternalId',
        `no contact has the external id ${JSON.stringify(input.contactExternalId)}`,
      );
  } else if (typeof input.contactId === 'string') {
    ({
      rows: [row],
    } = await sql<{ id: string; account_id: string }>`
      select id, account_id from contacts where id = ${input.contactId}`.execute(db));
    if (!row) throw fieldError('contactId', `no contact has the id ${input.contactId}`);
  } else {
    return input.contactId === null ? null : undefined;
  }
  if (row.account_id !== accountId) throw fieldError('contactId', 'this contact belongs to another account');
  return row.id;
}
