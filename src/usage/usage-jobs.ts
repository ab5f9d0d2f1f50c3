import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { attachPendingEvents } from '../ingest/attach-pending-events.js';
import { readUsageSettings } from './usage-settings.js';

export interface UsageJobs {
  stop(): Promise<void>;
}

/** Deletes raw events past the retention period; rollups stay. Returns how many went. */
export async function purgeExpiredEvents(database: Database, now = new Date()): Promise<number> {
  const { eventRetentionDays } = await readUsageSettings(database.db);
  const cutoff = new Date(now.getTime() - eventRetentionDays * 86_400_000);
  const result = await sql`delete from events where occurred_at < ${cutoff}`.execute(database.db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The server's background work for usage: attach events whose account appeared since (accounts made by the API
 * or an import rather than by group()), every few seconds; purge expired raw events, hourly.
 */
export function startUsageJobs(database: Database, attachEveryMs = 3000): UsageJobs {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = (work: () => Promise<unknown>) => {
    running = running.then(work).catch((error: Error) => {
      if (!stopped) process.stderr.write(`pacer: background usage job failed: ${error.message}\n`);
    });
  };
  const attach = setInterval(
    () => run(() => database.db.transaction().execute((trx) => attachPendingEvents(trx))),
    attachEveryMs,
  );
  const purge = setInterval(() => run(() => purgeExpiredEvents(database)), 3_600_000);
  attach.unref();
  purge.unref();
  run(() => purgeExpiredEvents(database));
  return {
    async stop() {
      stopped = true;
      clearInterval(attach);
      clearInterval(purge);
      await running;
    },
  };
}
