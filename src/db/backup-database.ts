import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { lockDataDir } from './data-dir-lock.js';
import { type Database, openDatabase } from './database.js';

export interface BackupSummary {
  file: string;
  bytes: number;
}

/** Whether dir holds an embedded database (what `pacer start --data dir` would open rather than create). */
export function holdsEmbeddedDatabase(dir: string): boolean {
  return existsSync(join(resolve(dir), 'pgdata', 'PG_VERSION'));
}

/**
 * Writes a consistent copy of the embedded database to file (a gzipped tar of its data directory, what
 * `restoreDatabase` reads). Safe while the database serves requests: it waits for the transaction in progress, and
 * no other starts until the copy is taken (PGlite is one connection). The copy is built in memory, and the file
 * appears whole or not at all.
 */
export async function backupDatabase(database: Database, file: string): Promise<BackupSummary> {
  const pglite = database.pglite;
  if (database.engine !== 'pglite' || !pglite) {
    throw new Error('backup copies the embedded database; for a PostgreSQL server use pg_dump (see the README)');
  }
  const tarball = await database.withSession(async (query) => {
    // A checkpoint first: the copy then starts without replaying the WAL written since the last one.
    await query('checkpoint');
    return pglite.dumpDataDir('gzip');
  });
  const bytes = new Uint8Array(await tarball.arrayBuffer());
  writeWholeFile(resolve(file), bytes);
  return { file: resolve(file), bytes: bytes.length };
}

export interface RestoreSummary {
  dataDir: string;
  migrations: number;
}

/**
 * Replaces the embedded database in dataDir with the one a backup file holds. Refuses while a Pacer process has
 * the directory open, and when it already holds a database unless `force`. The backup is loaded beside the current
 * database and checked first, so a bad file leaves the current one as it was.
 */
export async function restoreDatabase(
  dataDir: string,
  file: string,
  options: { force: boolean },
): Promise<RestoreSummary> {
  const tar = readBackupTar(
    await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot read the backup ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    }),
    file,
  );
  const dir = resolve(dataDir);
  const lock = lockDataDir(dir);
  try {
    const pgdata = join(dir, 'pgdata');
    if (existsSync(pgdata) && !options.force) {
      throw new Error(`${dir} already holds a database; restoring replaces all of it: run again with --force to do so`);
    }
    const staging = join(dir, 'restoring');
    rmSync(staging, { recursive: true, force: true });
    try {
      const migrations = await loadBackup(staging, tar, file);
      const replaced = join(dir, 'pgdata.replaced');
      rmSync(replaced, { recursive: true, force: true });
      if (existsSync(pgdata)) renameSync(pgdata, replaced);
      renameSync(join(staging, 'pgdata'), pgdata);
      syncDirectory(dir);
      rmSync(replaced, { recursive: true, force: true });
      return { dataDir: dir, migrations };
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    lock.release();
  }
}

/** The tar inside a backup file (gzipped or not), or an error saying the file is no backup. */
function readBackupTar(bytes: Buffer, file: string): Uint8Array {
  const notBackup = (why: string) => new Error(`${file} is not a Pacer backup (${why})`);
  let tar: Uint8Array = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      tar = gunzipSync(bytes);
    } catch (error) {
      throw notBackup(`a damaged gzip file: ${(error as Error).message}`);
    }
  }
  if (!tarEntryNames(tar).some((name) => name.endsWith('PG_VERSION'))) {
    throw notBackup('no embedded database data directory in it; make one with `pacer backup FILE`');
  }
  return tar;
}

/** The names of a tar archive's entries; none when the bytes are not one (ustar headers of 512 bytes). */
function tarEntryNames(tar: Uint8Array): string[] {
  const names: string[] = [];
  const text = (from: number, length: number) =>
    Buffer.from(tar.subarray(from, from + length))
      .toString('latin1')
      .replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= tar.length; ) {
    if (!text(offset + 257, 6).startsWith('ustar')) break;
    names.push(text(offset, 100));
    const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size)) break;
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

/** Loads the backup into staging/pgdata (synced to disk) and checks it is a Pacer database: its migration count. */
async function loadBackup(staging: string, tar: Uint8Array, file: string): Promise<number> {
  let database: Database;
  try {
    database = await openDatabase({
      dataDir: staging,
      loadDataDir: new Blob([tar as Uint8Array<ArrayBuffer>], { type: 'application/x-tar' }),
    });
  } catch (error) {
    throw new Error(`${file} could not be loaded as an embedded database: ${(error as Error).message}`);
  }
  try {
    const rows = await database
      .withSession((query) => query<{ count: number }>('select count(*)::int as count from pacer_migrations'))
      .catch(() => {
        throw new Error(`${file} holds a PostgreSQL data directory, but not a Pacer database`);
      });
    return rows[0]?.count ?? 0;
  } finally {
    await database.close();
  }
}

function writeWholeFile(path: string, bytes: Uint8Array): void {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  syncDirectory(dirname(path));
}

/** Makes a rename in dir durable. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
