import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { serverDatabase } from './support/engines.js';

const serverUrl = inject('postgresUrl');

describe.skipIf(!serverUrl)('closing a PostgreSQL database', () => {
  it('ends every connection it opened, also when only sessions were used', async () => {
    const server = await serverDatabase(serverUrl, 'pacer_close', { migrated: true });
    const name = new URL(server.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const connections = async () =>
      Number(
        (await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]))
          .rows[0]?.n,
      );
    try {
      const database = await openDatabase({ databaseUrl: server.url });
      const rows = await database.withSession((query) => query<{ one: number }>('select 1 as one'));
      expect(rows).toEqual([{ one: 1 }]);
      expect(await connections()).toBe(1);
      await database.close();
      // A backend leaves a moment after its client has gone.
      let open = await connections();
      for (let wait = 0; open > 0 && wait < 20; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        open = await connections();
      }
      expect(open).toBe(0);
    } finally {
      await admin.end();
      await server.drop();
    }
  });
});
