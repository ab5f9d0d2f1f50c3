import { fdatasyncSync, readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite starts PostgreSQL with `-F` (fsync off), and even without it Emscripten's Node file system (NODEFS) has no
 * fsync: its writes reach the operating system's cache, never the disk, so a power cut or an OS crash can lose
 * commits that were acknowledged. These start parameters turn fsync back on and make PostgreSQL sync its WAL with
 * fsync() (Emscripten routes it to the file system; fdatasync(), PostgreSQL's default on Linux, is a no-op there),
 * and `syncedNodeFs` gives NODEFS the fsync it lacks. A commit then returns once its WAL is on disk, and a
 * checkpoint syncs the data files it wrote before it lets go of the WAL that covered them.
 */
export function syncedStartParams(defaults: readonly string[]): string[] {
  return [...defaults.filter((param) => param !== '-F'), '-c', 'wal_sync_method=fsync'];
}

/** What Pacer touches of Emscripten's NODEFS: its shared stream operations, and a stream's Node descriptor. */
interface NodeFsStreams {
  stream_ops: { fsync?: (stream: { nfd?: number }) => number };
}

/** PGlite's Node file system over `pgdata`, with an fsync that reaches the disk (fdatasync: data and size). */
export async function syncedNodeFs(pgdata: string): Promise<NodeFS> {
  const nodefs = await import('@electric-sql/pglite/nodefs');
  const fs = new nodefs.NodeFS(pgdata);
  const init = fs.init.bind(fs);
  fs.init = async (pg: PGlite, options) => {
    const { emscriptenOpts } = await init(pg, options);
    const giveFsync = (mod: { NODEFS: unknown }) => {
      // Every NODEFS node shares this one object, so each file opened from now on syncs.
      (mod.NODEFS as NodeFsStreams).stream_ops.fsync = (stream) => {
        if (stream.nfd !== undefined) fdatasyncSync(stream.nfd);
        return 0;
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), giveFsync] } };
  };
  return fs;
}

/**
 * Syncs every file and directory under dir. PGlite writes a new data directory (initdb's output, or a loaded dump)
 * through NODEFS before PostgreSQL starts, so nothing syncs it: what initdb does at its end (`fsync_pgdata`).
 * Sixteen at a time: the disk then writes them together (a thousand files in a quarter of a second, not three).
 */
export async function syncTree(dir: string): Promise<void> {
  const paths = treePaths(dir);
  let next = 0;
  const syncSome = async () => {
    for (let path = paths[next++]; path !== undefined; path = paths[next++]) {
      const handle = await open(path, 'r');
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, syncSome));
}

/** Files and directories under dir, each directory after what it holds (a new entry is synced before its name). */
function treePaths(dir: string): string[] {
  const paths: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) paths.push(...treePaths(path));
    else if (entry.isFile()) paths.push(path);
  }
  paths.push(dir);
  return paths;
}
