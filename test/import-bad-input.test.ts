import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { type ImportRequest, importFile } from '../src/importers/import-file.js';
import { testEngines } from './support/engines.js';
import { readRejects } from './support/rejects-file.js';
import { tempDir } from './support/temp-dir.js';

// Issue 17: a NUL, a lone surrogate or a date outside years 1–9999 in one row failed its whole chunk (or the
// import) with the database's error; each such row now goes to the rejects file with the field named, and the
// good rows are kept.

describe.each(testEngines())('import refuses unstorable rows one by one on $engine', ({ open }) => {
  let database: Database;
  let dir: string;
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const load = (request: Omit<ImportRequest, 'file'> & { file: string }) => importFile(database, request);
  const rejectsOf = (path: string) => readRejects(`${path}.rejects.csv`);

  beforeEach(async () => {
    database = await open();
    dir = tempDir('import-bad-input');
  });
  afterEach(async () => {
    await database.close();
  });

  it('records: a NUL in a name, a lone surrogate in a trait, a year past 9999 or before 1', async () => {
    const csv = write(
      'accounts.csv',
      [
        'external_id,name,first_seen_at,tier',
        'a1,Good One,2026-01-01,gold',
        'a2,Bad\u0000Name,2026-01-01,gold',
        'a3,Good Two,2026-01-02,silver',
        // 23:00 five hours behind UTC on the last day of 9999 is year 10000 in UTC.
        'a4,Late,9999-12-31T23:00:00-05:00,gold',
        'a5,Early,0000-12-31,gold',
        'a6,Bad Trait,2026-01-01,go\u0000ld',
        // -99999999999 seconds: 1200 BC.
        'a7,Far Back,-99999999999,gold',
      ].join('\n'),
    );
    const result = await load({ kind: 'accounts', file: csv });
    expect(result).toMatchObject({ inserted: 2, rejected: 5 });
    expect(rejectsOf(csv)).toEqual([
      [3, 'name: must not contain the character U+0000'],
      [5, 'firstSeenAt: must be between 0001-01-01 and 9999-12-31 (UTC)'],
      [6, 'firstSeenAt: must be between 0001-01-01 and 9999-12-31 (UTC)'],
      [7, 'traits.tier: must not contain the character U+0000'],
      [8, 'firstSeenAt: must be between 0001-01-01 and 9999-12-31 (UTC)'],
    ]);
    // JSON Lines can carry a lone surrogate as the escape \ud800 (UTF-8 text cannot).
    const jsonl = write(
      'accounts.jsonl',
      [
        JSON.stringify({ external_id: 'j1', name: 'Json Good' }),
        '{"external_id":"j2","name":"Json Bad","traits":{"note":"x\\ud800y"}}',
        '{"external_id":"j3","name":"\\udc00"}',
      ].join('\n'),
    );
    const fromJson = await load({ kind: 'accounts', file: jsonl });
    expect(fromJson).toMatchObject({ inserted: 1, rejected: 2 });
    expect(rejectsOf(jsonl).map(([line, reason]) => [line, reason.replace(/ \(such.*$/, '')])).toEqual([
      [2, 'traits.note: holds a lone UTF-16 surrogate'],
      [3, 'name: holds a lone UTF-16 surrogate'],
    ]);
    const { rows } = await sql<{ external_id: string }>`select external_id from accounts order by 1`.execute(
      database.db,
    );
    expect(rows.map((row) => row.external_id)).toEqual(['a1', 'a3', 'j1']);
  });

  it('events: a lone surrogate in properties, a year 0000 or 10000 timestamp', async () => {
    await load({ kind: 'accounts', file: write('acme.csv', 'external_id,name\nacme,Acme\n') });
    const csv = write(
      'events.csv',
      [
        'event,timestamp,user_id,account_id',
        'Opened,2026-03-01T10:00:00Z,u1,acme',
        // The fast path's UTC form, with a year PostgreSQL cannot store.
        'Opened,0000-03-01T10:00:00Z,u1,acme',
        'Opened,9999-12-31T23:00:00-05:00,u1,acme',
        'Opened,2026-03-02T10:00:00Z,u1,acme',
      ].join('\n'),
    );
    const result = await load({ kind: 'events', file: csv });
    expect(result).toMatchObject({ inserted: 2, rejected: 2 });
    expect(rejectsOf(csv)).toEqual([
      [3, 'timestamp: must be between 0001-01-01 and 9999-12-31 (UTC)'],
      [4, 'timestamp: must be between 0001-01-01 and 9999-12-31 (UTC)'],
    ]);
    const jsonl = write(
      'events.jsonl',
      [
        JSON.stringify({ event: 'Shared', timestamp: '2026-03-01T10:00:00Z', user_id: 'u1', account_id: 'acme' }),
        '{"event":"Shared","timestamp":"2026-03-01T11:00:00Z","user_id":"u1","account_id":"acme","properties":{"k":"\\ud800"}}',
        '{"event":"Sha\\u0000red","timestamp":"2026-03-01T12:00:00Z","user_id":"u1","account_id":"acme"}',
      ].join('\n'),
    );
    const fromJson = await load({ kind: 'events', file: jsonl });
    expect(fromJson).toMatchObject({ inserted: 1, rejected: 2 });
    expect(rejectsOf(jsonl).map(([line, reason]) => [line, reason.replace(/ \(such.*$/, '')])).toEqual([
      [2, 'properties.k: holds a lone UTF-16 surrogate'],
      [3, 'name: must not contain the character U+0000'],
    ]);
  });
});
