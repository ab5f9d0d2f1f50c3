import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../src/db/backup-database.js';
import { type Database, openDatabase } from '../src/db/database.js';
import { runPacer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

/** A migrated embedded database in dir, on disk (started from the suite's migrated template). */
const openOnDisk = (dir: string) =>
  openDatabase({ dataDir: dir, loadDataDir: new Blob([readFileSync(inject('pgliteDump'))]) });

const addAccount = (database: Database, externalId: string) =>
  database.withSession((query) =>
    query('insert into accounts (id, external_id, name) values (gen_random_uuid(), $1, $1)', [externalId]),
  );

async function accountIds(dir: string): Promise<string[]> {
  const database = await openDatabase({ dataDir: dir });
  try {
    const rows = await database.withSession((query) =>
      query<{ external_id: string }>('select external_id from accounts order by external_id'),
    );
    return rows.map((row) => row.external_id);
  } finally {
    await database.close();
  }
}

describe('backup and restore of the embedded database', () => {
  it('restores the data as it was when the backup was taken, while the database was open and in use', async () => {
    const root = tempDir('backup');
    const dir = join(root, 'data');
    const file = join(root, 'pacer.tar.gz');
    const database = await openOnDisk(dir);
    try {
      await addAccount(database, 'acme');
      // Taken on the open database, as the running server will take it.
      const summary = await backupDatabase(database, file);
      expect(summary.bytes).toBeGreaterThan(0);
      await addAccount(database, 'globex');
      // While the database is open, its directory cannot be restored over.
      await expect(restoreDatabase(dir, file, { force: true })).rejects.toThrow(/already open in this process/);
    } finally {
      await database.close();
    }
    expect(await accountIds(dir)).toEqual(['acme', 'globex']);

    await expect(restoreDatabase(dir, file, { force: false })).rejects.toThrow(/already holds a database.*--force/);
    expect(await accountIds(dir)).toEqual(['acme', 'globex']);

    const restored = await restoreDatabase(dir, file, { force: true });
    expect(restored.migrations).toBeGreaterThan(0);
    // acme was there at backup time; globex came after.
    expect(await accountIds(dir)).toEqual(['acme']);

    // Into a directory that holds nothing yet, no --force is needed.
    const fresh = join(root, 'fresh');
    await restoreDatabase(fresh, file, { force: false });
    expect(await accountIds(fresh)).toEqual(['acme']);
  }, 120_000);

  it('refuses a file that is not a backup with a clear reason, and leaves the database as it was', async () => {
    const root = tempDir('restore-garbage');
    const dir = join(root, 'data');
    const database = await openOnDisk(dir);
    await addAccount(database, 'acme');
    await database.close();
    const garbage = join(root, 'garbage.bin');
    writeFileSync(garbage, Buffer.from('this is not a backup, just some text\n'.repeat(100)));
    await expect(restoreDatabase(dir, garbage, { force: true })).rejects.toThrow(
      `${garbage} is not a Pacer backup (no embedded database data directory in it`,
    );
    const gzipped = join(root, 'garbage.gz');
    writeFileSync(gzipped, gzipSync(Buffer.from('still not a tar archive')));
    await expect(restoreDatabase(dir, gzipped, { force: true })).rejects.toThrow(/is not a Pacer backup/);
    const cut = join(root, 'cut.gz');
    writeFileSync(cut, gzipSync(Buffer.alloc(100_000, 7)).subarray(0, 50));
    await expect(restoreDatabase(dir, cut, { force: true })).rejects.toThrow(/is not a Pacer backup \(a damaged gzip/);
    expect(await accountIds(dir)).toEqual(['acme']);

    const cli = runPacer(['restore', garbage, '--data', dir, '--force']);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toBe(
      `pacer: ${garbage} is not a Pacer backup (no embedded database data directory in it; make one with \`pacer backup FILE\`)\n`,
    );
    const onServer = runPacer(['backup', join(root, 'b.tar.gz')], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' });
    expect(onServer.status).toBe(1);
    expect(onServer.stderr).toMatch(/use pg_dump/);
    const missing = runPacer(['backup', join(root, 'b.tar.gz'), '--data', join(root, 'nothing-here')]);
    expect(missing.stderr).toMatch(/there is no embedded database in/);
  });
});
