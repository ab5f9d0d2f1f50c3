import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { tempDir } from './support/temp-dir.js';

/** The operations of Emscripten's NODEFS that Pacer gives an fsync (db/synced-node-fs.ts). */
interface NodeFsStreams {
  stream_ops: { fsync?: (stream: { nfd?: number }) => number };
}

describe('the embedded engine on disk', () => {
  it('syncs a commit to disk before the commit returns', async () => {
    const database = await openDatabase({ dataDir: join(tempDir('sync'), 'data') });
    try {
      const pglite = database.pglite;
      if (!pglite) throw new Error('expected the embedded engine');
      const settings = await pglite.query<{ fsync: string }>('show fsync');
      expect(settings.rows[0]?.fsync).toBe('on');
      // Count the fsyncs PostgreSQL asks of the file system during one commit: at least the WAL's.
      const streams = (pglite.Module.NODEFS as unknown as NodeFsStreams).stream_ops;
      const fsync = streams.fsync;
      expect(fsync).toBeTypeOf('function');
      let synced = 0;
      streams.fsync = (stream) => {
        synced++;
        return fsync?.(stream) ?? 0;
      };
      await pglite.exec('create table t (v int)');
      synced = 0;
      await pglite.query('insert into t values (1)');
      expect(synced).toBeGreaterThanOrEqual(1);
    } finally {
      await database.close();
    }
  });

  it('commits without syncing when told to (PACER_EMBEDDED_SYNC=off)', async () => {
    const database = await openDatabase({ dataDir: join(tempDir('nosync'), 'data'), sync: false });
    try {
      const settings = await database.pglite?.query<{ fsync: string }>('show fsync');
      expect(settings?.rows[0]?.fsync).toBe('off');
    } finally {
      await database.close();
    }
  });
});
