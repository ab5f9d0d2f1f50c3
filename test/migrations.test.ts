import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { migrate, readMigrations } from '../src/db/migrate.js';
import { testEngines } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

async function tables(database: Database): Promise<string[]> {
  const rows = await database.withSession((q) =>
    q<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    ),
  );
  return rows.map((row) => row.table_name);
}

describe.each(testEngines())('migrations on $engine', ({ open }) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it('applies nothing twice and rolls a failing migration back whole', async () => {
    database = await open();
    expect(await migrate(database)).toEqual([]);
    const before = await tables(database);
    expect(before).toEqual(
      expect.arrayContaining(['accounts', 'contacts', 'subscriptions', 'notes', 'survey_responses', 'tickets']),
    );

    const dir = tempDir('migrations');
    writeFileSync(join(dir, '9001_half_good.sql'), 'create table half_good (id int);\nselect * from no_such_table;\n');
    const failing = [...readMigrations(), ...readMigrations(dir)];
    await expect(migrate(database, failing)).rejects.toThrow(
      /9001_half_good failed and was rolled back: .*no_such_table/,
    );
    expect(await tables(database)).toEqual(before);
    const recorded = await database.withSession((q) =>
      q<{ name: string }>('select name from pacer_migrations order by name'),
    );
    expect(recorded.map((row) => row.name)).toEqual(readMigrations().map((m) => m.name));

    writeFileSync(join(dir, '9001_half_good.sql'), 'create table half_good (id int);\n');
    expect(await migrate(database, [...readMigrations(), ...readMigrations(dir)])).toEqual(['9001_half_good']);
    expect(await tables(database)).toContain('half_good');
  });

  it('notices a migration edited after it ran', async () => {
    database = await open();
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(database, edited)).rejects.toThrow(/was changed after it was applied/);
  });
});
