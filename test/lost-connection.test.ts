import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { openBulkConnections } from '../src/events/bulk-session.js';
import { serverDatabase } from './support/engines.js';

const serverUrl = inject('postgresUrl');

/** Ends, from another connection, the backend running a query that starts with `start` once it is running. */
async function terminateWhenRunning(admin: pg.Client, database: string, start: string): Promise<void> {
  for (let wait = 0; wait < 100; wait++) {
    const { rows } = await admin.query<{ ended: boolean }>(
      `select pg_terminate_backend(pid) as ended from pg_stat_activity
       where datname = $1 and state = 'active' and query like $2 || '%'`,
      [database, start],
    );
    if (rows.some((row) => row.ended)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no backend ran ${start}`);
}

// A connection in use that the server drops (a restart, a crash, a full disk, an administrator) fails what it was
// doing, with the reason; it does not end the process (an uncaught 'error' event, which vitest reports as an error
// of the run), and the next work gets a new connection. PGlite has no connection to lose.
describe.skipIf(!serverUrl)('a PostgreSQL connection lost while in use', () => {
  it('fails the query it ran, and the database and bulk loading go on', async () => {
    const server = await serverDatabase(serverUrl, 'pacer_lost', { migrated: true });
    const name = new URL(server.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const database = await openDatabase({ databaseUrl: server.url });
    const bulk = openBulkConnections(database, { databaseUrl: server.url, size: 1, durable: true });
    try {
      const query = sql`select pg_sleep(30)`.execute(database.db);
      const outcome = query.then(
        () => 'finished',
        (error: Error) => error.message,
      );
      await terminateWhenRunning(admin, name, 'select pg_sleep(30)');
      expect(await outcome).toMatch(/terminat/);
      // The pool drops the connection when its socket closes, a moment after the server's message failed the query.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(rows).toEqual([{ one: 1 }]);

      const copying = (bulk as NonNullable<typeof bulk>).transaction((session) =>
        session.query('select pg_sleep(31)', []),
      );
      const copied = copying.then(
        () => 'finished',
        (error: Error) => error.message,
      );
      await terminateWhenRunning(admin, name, 'select pg_sleep(31)');
      expect(await copied).toMatch(/terminat/);
      const again = await (bulk as NonNullable<typeof bulk>).transaction((session) =>
        session.query<{ two: number }>('select 2 as two', []),
      );
      expect(again).toEqual([{ two: 2 }]);
    } finally {
      await bulk?.close();
      await database.close();
      await admin.end();
      await server.drop();
    }
  });
});
