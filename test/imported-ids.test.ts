import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { readMigrations } from '../src/db/migrate.js';
import { importFile } from '../src/importers/import-file.js';
import { testEngines } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

// The content hashed for a row without a messageId: canonical JSON of the event, keys sorted (prepare-event.ts).
const CONTENT =
  '{"accountExternalId":"acme","count":2,"name":"Login","occurredAt":"2026-03-01T23:30:00.000Z","properties":{"plan":"pro"},"type":"track","userId":"u1"}';
const DIGEST = createHash('sha256').update(CONTENT).digest('hex');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
// The ids as the importer derives them now (migration 0009): the account key's MD5 after the day.
const NEW_ID = `imp_20260301_${md5('acme').slice(0, 8)}${DIGEST.slice(0, 24)}`;
// A row without a groupId, whose account is its user's (contact u2 of acme): keyed by the user.
const USER_CONTENT =
  '{"accountExternalId":null,"count":1,"name":"Login","occurredAt":"2026-03-01T08:00:00.000Z","properties":{"plan":"pro"},"type":"track","userId":"u2"}';
const USER_DIGEST = createHash('sha256').update(USER_CONTENT).digest('hex');
const USER_ID = `imp_20260301_${md5('u2').slice(0, 8)}${USER_DIGEST.slice(0, 24)}_0`;

describe.each(testEngines())('message ids of imported events on $engine', ({ open }) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it('puts the UTC day first and the account key next, and an import from before either change still counts as loaded', async () => {
    database = await open();
    const db = database;
    await db.withSession(async (q) => {
      await q(`insert into accounts (id, external_id, name) values (gen_random_uuid(), 'acme', 'Acme')`);
      // The row as an import stored it before migration 0007: imp_<the whole SHA-256>_<n>.
      await q(
        `insert into events (message_id, account_id, account_external_id, user_id, type, name, occurred_at, count, properties)
         select $1, id, 'acme', 'u1', 'track', 'Login', '2026-03-01T23:30:00Z', 2, '{"plan":"pro"}' from accounts`,
        [`imp_${DIGEST}_0`],
      );
      await q(`insert into contacts (account_id, id, external_id) select id, gen_random_uuid(), 'u2' from accounts`);
      await q(
        `insert into events (message_id, account_id, account_external_id, user_id, type, name, occurred_at, count, properties)
         select $1, id, null, 'u2', 'track', 'Login', '2026-03-01T08:00:00Z', 1, '{"plan":"pro"}' from accounts`,
        [`imp_${USER_DIGEST}_0`],
      );
      await q(
        `insert into unattached_events (message_id, account_external_id, user_id, type, name, occurred_at)
         values ($1, 'nöbody', 'u9', 'track', 'Login', '2026-02-28T00:00:00Z'), ('client-id-1', 'nobody', 'u9', 'track', 'Login', '2026-02-28T00:00:00Z')`,
        [`imp_${'ab'.repeat(32)}_3`],
      );
    });
    const migrations = readMigrations();
    for (const name of ['0007_imported_ids_by_day', '0009_imported_ids_by_account']) {
      const migration = migrations.find((m) => m.name === name);
      if (!migration) throw new Error(`migration ${name} is missing`);
      await db.withSession((q) => q(migration.sql));
    }

    const ids = await db.withSession(async (q) => [
      ...(await q<{ message_id: string }>('select message_id from events order by occurred_at desc')),
      ...(await q<{ message_id: string }>('select message_id from unattached_events order by message_id')),
    ]);
    expect(ids.map((row) => row.message_id)).toEqual([
      `${NEW_ID}_0`,
      USER_ID,
      'client-id-1',
      // A key beyond ASCII: PostgreSQL's md5 of its UTF-8 bytes, as the importer hashes it.
      `imp_20260228_${md5('nöbody').slice(0, 8)}${'ab'.repeat(12)}_3`,
    ]);

    // The same rows imported again, and a second identical row: the first two are loaded already, the third is new.
    const dir = tempDir('imported-ids');
    const file = join(dir, 'events.csv');
    writeFileSync(
      file,
      'user_id,group_id,event,timestamp,count,plan\n' +
        'u1,acme,Login,2026-03-01T23:30:00Z,2,pro\n' +
        'u2,,Login,2026-03-01T08:00:00Z,1,pro\n' +
        'u1,acme,Login,2026-03-01T23:30:00Z,2,pro\n',
    );
    const summary = await importFile(db, { kind: 'events', file, databaseUrl: db.url });
    expect(summary).toMatchObject({ inserted: 1, unchanged: 2, rejected: 0 });
    const stored = await db.withSession((q) =>
      q<{ message_id: string }>('select message_id from events order by message_id'),
    );
    expect(stored.map((row) => row.message_id)).toEqual([USER_ID, `${NEW_ID}_0`, `${NEW_ID}_1`].sort());
  });
});
