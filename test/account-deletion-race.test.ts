import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.js';
import { type BulkSession, openBulkConnections } from '../src/events/bulk-session.js';
import { type CopyOptions, copyEvents, newCopyState } from '../src/events/copy-events.js';
import { createEventChunk } from '../src/events/event-chunk.js';
import { recordEvents } from '../src/events/record-events.js';
import { flushUsageRollups } from '../src/usage/roll-up-usage.js';
import { serverDatabase } from './support/engines.js';

const serverUrl = inject('postgresUrl');

const EVENTS = 50;

/** Events of the account acme, each its own message id. */
const eventsOfAcme = (prefix: string) =>
  Array.from({ length: EVENTS }, (_, i) => ({
    messageId: `${prefix}-${i}`,
    type: 'track' as const,
    name: 'Report Exported',
    userId: `u-${i % 5}`,
    accountExternalId: 'acme',
    occurredAt: '2026-06-01T12:00:00.000Z',
    count: 1,
    properties: null,
  }));

/**
 * Stores acme's events while acme is deleted from another connection: the deletion starts right after the writer
 * has looked its accounts up, and the writer waits a moment before it goes on. Answers what is left of acme's data
 * once both have finished.
 */
async function deleteWhileStoring(
  database: Database,
  url: string,
  store: (afterLookup: () => Promise<void>) => Promise<void>,
): Promise<{ accounts: number; orphanEvents: number; orphanRollups: number }> {
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    await other.query(`insert into accounts (id, external_id, name) values (gen_random_uuid(), 'acme', 'Acme')`);
    let deletion: Promise<unknown> | undefined;
    await store(async () => {
      deletion ??= other.query(`delete from accounts where external_id = 'acme'`);
      // Long enough for the deletion to commit, if nothing holds it back.
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await deletion;
    // Counts queued for acme are dropped by the flush, not moved into rollups of an account that has gone.
    await flushUsageRollups(database.db);
    const count = async (text: string) =>
      Number((await other.query<{ n: number }>(`select count(*)::int as n from ${text}`)).rows[0]?.n);
    const gone = 'where account_id not in (select id from accounts)';
    return {
      accounts: await count(`accounts where external_id = 'acme'`),
      orphanEvents: await count(`events ${gone}`),
      orphanRollups: (await count(`usage_user_daily ${gone}`)) + (await count(`usage_daily ${gone}`)),
    };
  } finally {
    await other.end();
    await database.close();
  }
}

describe.skipIf(!serverUrl)('deleting an account while its events are being stored', () => {
  for (const counts of ['queue', 'rollups'] as CopyOptions['counts'][]) {
    it(`leaves none of its events or rollups behind (COPY, counts: ${counts})`, async () => {
      const server = await serverDatabase(serverUrl, 'pacer_delete_race', { migrated: true });
      try {
        const database = await openDatabase({ databaseUrl: server.url });
        const bulk = openBulkConnections(database, { databaseUrl: server.url, size: 1, durable: true });
        const left = await deleteWhileStoring(database, server.url, async (afterLookup) => {
          const chunk = createEventChunk(EVENTS, false);
          for (const [index, event] of eventsOfAcme(counts).entries()) chunk.add(index, '', event);
          await bulk?.transaction((session) => {
            const pausing: BulkSession = {
              copyIn: (table, columns, lines) => session.copyIn(table, columns, lines),
              async query<R>(text: string, params: unknown[]) {
                const rows = await session.query<R>(text, params);
                if (text.includes('from accounts') && text.includes('union all')) await afterLookup();
                return rows;
              },
            };
            return copyEvents(pausing, chunk, newCopyState(), { counts });
          });
          await bulk?.close();
        });
        // Without the lock the deletion committed during the pause, and the 50 events were stored after it.
        expect(left).toEqual({ accounts: 0, orphanEvents: 0, orphanRollups: 0 });
      } finally {
        await server.drop();
      }
    });
  }

  it('leaves none of its events behind when they are stored by statement', async () => {
    const server = await serverDatabase(serverUrl, 'pacer_delete_race', { migrated: true });
    try {
      const database = await openDatabase({ databaseUrl: server.url });
      const left = await deleteWhileStoring(database, server.url, async (afterLookup) => {
        await database.db.transaction().execute(async (trx) => {
          await recordEvents(
            trx,
            eventsOfAcme('statement').map((event) => ({ ...event, occurredAt: new Date(event.occurredAt) })),
          );
          // The statement looked acme up and stored its events; the transaction has not committed yet.
          await afterLookup();
        });
      });
      expect(left).toEqual({ accounts: 0, orphanEvents: 0, orphanRollups: 0 });
    } finally {
      await server.drop();
    }
  });
});
