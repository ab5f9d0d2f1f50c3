import { CompiledQuery } from 'kysely';
import { makeUserAccounts, usersFirstSeen } from '../events/make-user-accounts.js';
import { recordEvents } from '../events/record-events.js';
import { type ImportedEvent, toUsageEvent } from '../events/usage-event.js';
import { type ResourceSpec, upsertByExternalId } from '../server/resource.js';
import { addCounts, type Counts, noCounts } from '../shared/write-counts.js';
import { findImportKeys, insertWithImportKey } from './insert-with-import-key.js';
import type { ChunkSession, ChunkWriter } from './load-chunk.js';
import type { RecordInput } from './prepare-record.js';

const one = (outcome: keyof Counts): Counts => ({ ...noCounts(), [outcome]: 1 });

/** Upserts by externalId: the same rules as PUT /api/<resource>/external/<id>; an unchanged row stays untouched. */
export function upsertWriter(spec: ResourceSpec): ChunkWriter<RecordInput> {
  const writeOne = async ({ trx, now }: ChunkSession, { input }: RecordInput): Promise<Counts> => {
    const { row, created } = await upsertByExternalId(trx, spec, input);
    if (created) return one('inserted');
    // upsertByExternalId answers the stored row as it was when nothing changed; a changed one has updated_at = now().
    return one((row.updated_at as Date).getTime() === now.getTime() ? 'updated' : 'unchanged');
  };
  return {
    writeOne,
    async writeAll(session, values) {
      const counts = noCounts();
      for (const value of values) addCounts(counts, await writeOne(session, value));
      return counts;
    },
  };
}

/** Inserts records that have no external id once, recognised by their import_key. */
export function importKeyWriter(spec: ResourceSpec): ChunkWriter<RecordInput> {
  const writeOne = async ({ trx }: ChunkSession, { input, importKey }: RecordInput): Promise<Counts> =>
    one((await insertWithImportKey(trx, spec, input, importKey as string)) ? 'inserted' : 'unchanged');
  return {
    writeOne,
    async writeAll(session, values) {
      // One query finds the rows a previous run loaded, so a re-run does not resolve their accounts again.
      const existing = await findImportKeys(
        session.trx,
        spec,
        values.map((value) => value.importKey as string),
      );
      const counts = noCounts();
      for (const value of values) {
        addCounts(counts, existing.has(value.importKey as string) ? one('unchanged') : await writeOne(session, value));
      }
      return counts;
    },
  };
}

/** Events by statement, as the tracking API stores them; B2C accounts are made first seen at their first event. */
export function eventWriter(userIsAccount: boolean): ChunkWriter<ImportedEvent> {
  const write = async ({ trx }: ChunkSession, events: ImportedEvent[]): Promise<Counts> => {
    const accounts = userIsAccount ? makeUserAccounts(usersFirstSeen(events)) : undefined;
    if (accounts) await trx.executeQuery(CompiledQuery.raw(accounts.text, accounts.params));
    const { inserted, duplicates } = await recordEvents(trx, events.map(toUsageEvent), { userIsAccount });
    return { inserted, updated: 0, unchanged: duplicates };
  };
  return { writeAll: write, writeOne: (session, event) => write(session, [event]) };
}
