import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createMutex } from '../shared/mutex.js';
import { lockDataDir } from './data-dir-lock.js';
import { pgliteDialect } from './pglite-dialect.js';
import type { Schema } from './schema.js';
import { syncedNodeFs, syncedStartParams, syncTree } from './synced-node-fs.js';

export type Engine = 'pglite' | 'postgres';

/** One session on the database, for work that must stay on one connection (migrations, locks, COPY). */
export type SessionQuery = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

export interface Database {
  engine: Engine;
  /** Where the data lives, for people: "embedded PostgreSQL in ./.pacer" or the server's host and database. */
  location: string;
  db: Kysely<Schema>;
  /** Runs fn on one dedicated connection. Without params a text may hold several statements. */
  withSession<T>(fn: (query: SessionQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Runs on close, before the database's own connections end (what holds connections of its own ends them). */
  beforeClose(hook: () => Promise<void>): void;
  /** The embedded engine, when that is what runs (tests dump and load its data directory). */
  pglite?: PGlite;
  /** The server's URL, when that is what runs: bulk loading (COPY) opens connections of its own there. */
  url?: string;
  /** The embedded engine's data directory, when it is on disk (files uploaded for import are kept beside it). */
  dataDir?: string;
}

export interface DatabaseOptions {
  /** A postgres:// URL: use that server. Otherwise the embedded engine. */
  databaseUrl?: string;
  /** Directory of the embedded database; omitted together with databaseUrl means in memory. */
  dataDir?: string;
  /** A dumped embedded data directory to start from (tests, `pacer restore`). */
  loadDataDir?: Blob | File;
  /**
   * The embedded engine on disk: whether a commit waits until it is on disk (default yes; PACER_EMBEDDED_SYNC=off
   * says no, for data a power cut may take: an OS crash then loses the last seconds of acknowledged writes).
   */
  sync?: boolean;
}

// bigint counts and money come back as numbers (exact up to 2^53); dates stay 'YYYY-MM-DD' strings on both
// engines so a calendar date never shifts with the server's time zone; numeric stays a string (exact).
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} is beyond the exact range of a JavaScript number`);
  return n;
}
const asText = (value: string) => value;

/** Runs each hook once, all of them even when one fails. */
async function runHooks(hooks: (() => Promise<void>)[]): Promise<void> {
  const taken = hooks.splice(0);
  await Promise.allSettled(taken.map((hook) => hook()));
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  const sync = options.sync ?? process.env.PACER_EMBEDDED_SYNC?.trim().toLowerCase() !== 'off';
  return openPglite(options.dataDir, options.loadDataDir, sync);
}

/**
 * Keeps a pool's connections lost while in use from ending the process. pg-pool listens for a client's 'error' only
 * while the client is idle; one whose connection drops while it is lent out (the server restarts, crashes, runs out
 * of disk, or an administrator ends the backend) emits 'error' with no listener, an uncaught exception: a running
 * `pacer start` would stop, an import would die with a stack trace instead of its reason. The query in flight fails
 * with that error all the same, its caller reports it, and the pool does not lend the dead client out again.
 */
export function surviveLostConnections(pool: pg.Pool): void {
  pool.on('connect', (client) => client.on('error', () => undefined));
}

async function openPostgres(url: string): Promise<Database> {
  const overrides: Record<number, (value: string) => unknown> = { 20: parseInt8, 1082: asText, 1700: asText };
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        overrides[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection the server closed (restart, admin) is dropped and replaced; it must not end the process.
  pool.on('error', (error) => process.stderr.write(`pacer: a PostgreSQL connection closed: ${error.message}\n`));
  surviveLostConnections(pool);
  // Fail fast with the server's own reason (bad password, no such database) rather than on the first request.
  const probe = await pool.connect().catch(async (error: Error) => {
    await pool.end();
    throw new Error(`cannot connect to PostgreSQL: ${error.message}`);
  });
  const { rows } = await probe.query<{ v: string }>('show server_version_num');
  probe.release();
  if (Number(rows[0]?.v) < 150000) {
    await pool.end();
    throw new Error('Pacer needs PostgreSQL 15 or later');
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const closeHooks: (() => Promise<void>)[] = [];
  const parsed = new URL(url);
  return {
    engine: 'postgres',
    url,
    location: `PostgreSQL at ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`,
    db,
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(async (text, params) => (await client.query(text, params)).rows);
      } finally {
        client.release();
      }
    },
    beforeClose: (hook) => closeHooks.push(hook),
    async close() {
      await runHooks(closeHooks);
      await db.destroy();
      // Kysely ends the pool only once it has run a query itself; withSession takes its clients from the pool.
      if (!pool.ended) await pool.end();
    },
  };
}

async function openPglite(
  dataDir: string | undefined,
  loadDataDir: Blob | File | undefined,
  sync: boolean,
): Promise<Database> {
  const dir = dataDir ? resolve(dataDir) : undefined;
  const lock = dir ? lockDataDir(dir) : undefined;
  let pglite: PGlite;
  try {
    // Loaded only for the embedded engine: a command on a server does not pay for it at start.
    const { PGlite, types: pgliteTypes } = await import('@electric-sql/pglite');
    const pgdata = dir ? join(dir, 'pgdata') : undefined;
    const parsers = { [pgliteTypes.INT8]: parseInt8, [pgliteTypes.DATE]: asText, [pgliteTypes.NUMERIC]: asText };
    if (pgdata && sync) {
      const written = loadDataDir !== undefined || !existsSync(join(pgdata, 'PG_VERSION'));
      pglite = await PGlite.create({
        fs: await syncedNodeFs(pgdata),
        startParams: syncedStartParams(PGlite.defaultStartParams),
        loadDataDir,
        parsers,
      });
      // A new data directory was written before PostgreSQL started, unsynced; its first commits lean on it.
      if (written) await syncTree(pgdata);
    } else {
      pglite = await PGlite.create(pgdata, { loadDataDir, parsers });
    }
  } catch (error) {
    lock?.release();
    throw error;
  }
  const mutex = createMutex();
  const db = new Kysely<Schema>({ dialect: pgliteDialect(pglite, mutex) });
  const closeHooks: (() => Promise<void>)[] = [];
  return {
    engine: 'pglite',
    location: dir ? `embedded PostgreSQL in ${dir}` : 'embedded PostgreSQL in memory',
    ...(dir ? { dataDir: dir } : {}),
    db,
    pglite,
    withSession(fn) {
      return mutex.run(() =>
        fn(async <R>(text: string, params?: unknown[]) => {
          if (params && params.length > 0) return (await pglite.query<R>(text, params)).rows;
          const results = await pglite.exec(text);
          return (results.at(-1)?.rows ?? []) as R[];
        }),
      );
    },
    beforeClose: (hook) => closeHooks.push(hook),
    async close() {
      await runHooks(closeHooks);
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}
