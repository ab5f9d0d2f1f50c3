import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { importFile } from '../src/importers/import-file.js';
import { testEngines } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

interface Row {
  user: string;
  group: string;
  name: string;
  day: string;
  count: number;
}

/** Rows in no particular order: the same account, day, user and name comes back in later chunks; some have no user. */
function rows(seed: number, total: number): Row[] {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
  return Array.from({ length: total }, () => ({
    user: ['u1', 'u2', 'u3', ''][next(4)] as string,
    group: ['a1', 'a2'][next(2)] as string,
    name: ['Login', 'Report Viewed'][next(2)] as string,
    day: `2026-03-0${1 + next(3)}`,
    count: 1 + next(3),
  }));
}

/** The rows as a file; minute tells two files' rows apart (an identical row in a second file is the same event). */
function csv(all: Row[], minute: string): string {
  return `user_id,group_id,event,timestamp,count\n${all
    .map(
      (r, i) => `${r.user},${r.group},${r.name},${r.day}T${String(i % 24).padStart(2, '0')}:${minute}:00Z,${r.count}`,
    )
    .join('\n')}\n`;
}

/** What the rollups must hold, summed here from the rows themselves. */
function expected(all: Row[]) {
  const daily = new Map<string, number>();
  const users = new Map<string, number>();
  for (const r of all) {
    const key = `${r.group}|${r.day}|${r.name}`;
    daily.set(key, (daily.get(key) ?? 0) + r.count);
    if (r.user) {
      const userKey = `${r.group}|${r.day}|${r.user}|${r.name}`;
      users.set(userKey, (users.get(userKey) ?? 0) + r.count);
    }
  }
  return { daily: Object.fromEntries(daily), users: Object.fromEntries(users) };
}

describe.each(testEngines())('usage rollups of an import on $engine', ({ open }) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it('hold every count of files whose chunks add to rows that exist, once the import ends', async () => {
    database = await open();
    const db = database;
    await db.withSession((q) =>
      q(
        `insert into accounts (id, external_id, name) values (gen_random_uuid(), 'a1', 'A1'), (gen_random_uuid(), 'a2', 'A2')`,
      ),
    );
    const dir = tempDir('import-rollups');
    const first = rows(7, 300);
    const second = rows(11, 200);
    writeFileSync(join(dir, 'first.csv'), csv(first, '00'));
    writeFileSync(join(dir, 'second.csv'), csv(second, '30'));
    // Chunks of 25 rows: most keys come back in later chunks, and the second file adds to rows the first made.
    for (const file of ['first.csv', 'second.csv']) {
      const summary = await importFile(db, {
        kind: 'events',
        file: join(dir, file),
        databaseUrl: db.url,
        chunkSize: 25,
      });
      expect(summary.rejected).toBe(0);
    }

    const stored = await db.withSession(async (q) => ({
      daily: await q<{ key: string; events: string }>(
        `select a.external_id || '|' || u.day || '|' || u.event_name as key, u.events from usage_daily u
         join accounts a on a.id = u.account_id`,
      ),
      users: await q<{ key: string; events: string }>(
        `select a.external_id || '|' || u.day || '|' || u.user_id || '|' || u.event_name as key, u.events
         from usage_user_daily u join accounts a on a.id = u.account_id`,
      ),
      queued: await q<{ n: number }>('select count(*)::int as n from usage_pending'),
    }));
    const asObject = (list: { key: string; events: string }[]) =>
      Object.fromEntries(list.map((row) => [row.key, Number(row.events)]));
    const want = expected([...first, ...second]);
    expect(asObject(stored.daily)).toEqual(want.daily);
    expect(asObject(stored.users)).toEqual(want.users);
    expect(stored.queued[0]?.n).toBe(0);
  });
});
