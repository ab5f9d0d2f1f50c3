// npm run bench:import — records: 100,000 accounts and 1,000,000 contacts from a CRM export on PGlite (and
// PostgreSQL), against plain COPY of the same rows (bench/import-records.ts); events: `pacer import events` of a
// 1,000,000-row CSV into PostgreSQL: rows/s and the importer's peak memory, against a raw COPY of the same file into
// a plain table of the same database (the ceiling). BENCH_IMPORT_KINDS=records or =events runs one half.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { benchRecords } from './import-records.js';
import { postgresCpuSeconds } from './support/cpu.js';
import { benchPostgres } from './support/temp-postgres.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const ACCOUNTS = 2000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PACER = fileURLToPath(new URL('../bin/pacer.js', import.meta.url));

// The issue's floor for `pacer import events`, against which the CPU budget is printed.
const FLOOR_RATE = 100_000;
const seconds = (value: number | undefined) =>
  value === undefined ? 'n/a (not on this machine)' : `${value.toFixed(1)} s`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

type Shape = 'distinct' | 'repeating';
const SHAPES = (process.env.BENCH_IMPORT_SHAPES ?? 'distinct,repeating').split(',') as Shape[];
const USERS = 20_000;
const DAYS = 90;
const FEATURES = 25;

/**
 * A warehouse-style export over 90 days, with a count per row.
 * - distinct: one row per user, day and feature, in day order (20,000 users, each in one of 2,000 accounts), as a
 *   warehouse exports it: every row is new to the rollups.
 * - repeating: rows cycle through 18,000 combinations (each row appears about 55 times), so the counts queued per
 *   chunk and the rollup rows are few. Kept to compare with figures measured before the distinct file existed.
 */
async function writeCsv(path: string, shape: Shape): Promise<void> {
  const out = createWriteStream(path);
  out.write('user_id,group_id,event,timestamp,count,plan\n');
  const start = Date.parse('2026-06-01T00:00:00Z');
  for (let i = 0; i < ROWS; i++) {
    let line: string;
    if (shape === 'distinct') {
      const user = i % USERS;
      const account = user % ACCOUNTS;
      const day = new Date(start + (Math.floor(i / USERS) % DAYS) * 86_400_000).toISOString().slice(0, 10);
      const feature = (Math.floor(i / USERS / DAYS) * 7 + user) % FEATURES;
      line = `u-${account}-${user},acct-${account},Feature ${feature} Used,${day}T12:00:00Z,${1 + (i % 5)},pro\n`;
    } else {
      const account = (i * 7919) % ACCOUNTS;
      const day = new Date(start + ((i * 104729) % DAYS) * 86_400_000).toISOString().slice(0, 10);
      line = `u-${account}-${i % 10},acct-${account},Feature ${i % FEATURES} Used,${day}T12:00:00Z,${1 + (i % 5)},pro\n`;
    }
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

function timed(args: string[], databaseUrl: string): void {
  try {
    execFileSync(process.execPath, [PACER, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: 'pipe',
    });
  } catch (error) {
    throw new Error(`pacer ${args.join(' ')} failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`);
  }
}

/**
 * A checkpoint before each timed run, as pgbench does: the run does not pay for writing out what the one before
 * left, and the WAL files written before are recycled. The first run on a new cluster still creates its WAL files
 * as it goes (PostgreSQL writes each 16 MB file out in full before using it), as the first import into a new server
 * would; later runs find them in place, as an import into a server in service does. Skipped without the right
 * (PACER_BENCH_DATABASE_URL as a user who may not run it).
 */
async function checkpoint(postgresUrl: string): Promise<void> {
  await onServer(postgresUrl, 'checkpoint').catch(() => undefined);
}

/** Runs statements one after the other on the server's own database (postgresUrl). */
async function onServer(postgresUrl: string, ...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new database with Pacer's schema and the bench's accounts (`pacer import accounts`); answers its URL. */
async function freshDatabase(postgresUrl: string, name: string, accounts: string): Promise<string> {
  await onServer(postgresUrl, `drop database if exists ${name}`, `create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  timed(['import', 'accounts', accounts], url.toString());
  return url.toString();
}

const STORED = [
  {
    table: 'events',
    columns: 'account_id, occurred_at, user_id, name, message_id, account_external_id, type, count, properties',
    order: 'occurred_at, message_id',
  },
  { table: 'usage_user_daily', columns: 'account_id, day, user_id, event_name, events', order: 'day, account_id' },
  { table: 'usage_daily', columns: 'account_id, day, event_name, events', order: 'day, account_id' },
];

/** The byte ranges of `parts` runs of whole lines, in order. */
function lineRuns(bytes: Buffer, parts: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = 0;
  for (let part = 1; part <= parts; part++) {
    let end = part === parts ? bytes.length : Math.floor((bytes.length * part) / parts);
    if (end < bytes.length) end = bytes.indexOf(10, end) + 1 || bytes.length;
    runs.push([start, Math.max(start, end)]);
    start = Math.max(start, end);
  }
  return runs;
}

/**
 * The storage floor: what PostgreSQL alone spends to store what the import stored. The rows the import left in
 * events and in both rollups are read back, and written by plain COPY (no parsing, lookups, conflict checks or
 * counting) into the same tables of a new database, in the import's order, a chunk of each table per transaction,
 * on as many sessions as the import uses. No importer could store them for less.
 */
async function storageFloor(postgresUrl: string, sourceUrl: string, accounts: string, name: string) {
  const source = new pg.Client({ connectionString: sourceUrl });
  await source.connect();
  const exported: Buffer[] = [];
  for (const { table, columns, order } of STORED) {
    const parts: Buffer[] = [];
    const stream = source.query(copyTo(`copy (select ${columns} from ${table} order by ${order}) to stdout`));
    for await (const part of stream) parts.push(part as Buffer);
    exported.push(Buffer.concat(parts));
  }
  await source.end();
  const url = await freshDatabase(postgresUrl, name, accounts);
  const chunks = Math.ceil(ROWS / 20_000);
  const runs = exported.map((bytes) => lineRuns(bytes, chunks));
  const sessions = await Promise.all(
    [0, 1].map(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  await checkpoint(postgresUrl);
  const cpuBefore = postgresCpuSeconds();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    sessions.map(async (client) => {
      while (next < chunks) {
        const chunk = next++;
        await client.query('begin');
        for (const [index, { table, columns }] of STORED.entries()) {
          const [from, to] = (runs[index] as [number, number][])[chunk] as [number, number];
          if (to > from) {
            await pipeline(
              Readable.from([(exported[index] as Buffer).subarray(from, to)]),
              client.query(copyFrom(`copy ${table} (${columns}) from stdin`)),
            );
          }
        }
        await client.query('commit');
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = postgresCpuSeconds();
  await Promise.all(sessions.map((client) => client.end()));
  await onServer(postgresUrl, `drop database ${name} with (force)`);
  return {
    rate: ROWS / seconds,
    postgresCpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
  };
}

/** One run: a new database, the accounts, then the timed import and a raw COPY of the same file. */
async function runOnce(postgresUrl: string, dir: string, csv: string, accounts: string, name: string) {
  const databaseUrl = await freshDatabase(postgresUrl, name, accounts);
  await checkpoint(postgresUrl);
  const cpuBefore = postgresCpuSeconds();
  const started = performance.now();
  let report = '';
  try {
    execFileSync(
      '/usr/bin/time',
      ['-v', '-o', join(dir, 'time.txt'), process.execPath, PACER, 'import', 'events', csv],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    report = execFileSync('cat', [join(dir, 'time.txt')], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`import failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = postgresCpuSeconds();
  const postgresCpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  const importerCpu =
    Number(/User time \(seconds\): ([\d.]+)/.exec(report)?.[1] ?? 0) +
    Number(/System time \(seconds\): ([\d.]+)/.exec(report)?.[1] ?? 0);
  const peakMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1] ?? 0) / 1024;

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ n: string; rolled: string }>(
    'select (select count(*) from events) as n, (select coalesce(sum(events), 0) from usage_daily) as rolled',
  );
  if (Number(rows[0]?.n) !== ROWS) throw new Error(`events holds ${rows[0]?.n} rows, expected ${ROWS}`);
  // Row i counts 1 + i % 5 events (both shapes): the rollups must hold them all when the command ends.
  let counted = 0;
  for (let i = 0; i < ROWS; i++) counted += 1 + (i % 5);
  if (Number(rows[0]?.rolled) !== counted)
    throw new Error(`the rollups hold ${rows[0]?.rolled} events, expected ${counted}`);
  await client.query(
    'create table copy_baseline (user_id text, group_id text, event text, timestamp timestamptz, count int, plan text)',
  );
  const copyStarted = performance.now();
  await pipeline(
    createReadStream(csv),
    client.query(copyFrom('copy copy_baseline from stdin with (format csv, header true)')),
  );
  const copySeconds = (performance.now() - copyStarted) / 1000;
  await client.end();
  const floor = await storageFloor(postgresUrl, databaseUrl, accounts, `${name}_floor`);
  // Dropped now, so that autovacuum does not work through this run's million rows during the next run.
  await onServer(postgresUrl, `drop database ${name} with (force)`);
  return { rate: ROWS / seconds, seconds, peakMb, copyRate: ROWS / copySeconds, importerCpu, postgresCpu, floor };
}

const KINDS = (process.env.BENCH_IMPORT_KINDS ?? 'records,events').split(',');

async function main() {
  const postgres = await benchPostgres();
  if (KINDS.includes('records')) {
    try {
      await benchRecords(postgres?.url);
    } finally {
      if (!KINDS.includes('events')) postgres?.stop();
    }
  }
  if (!KINDS.includes('events')) return;
  if (!postgres) {
    console.log('bench:import — skipped: no PostgreSQL (set PACER_BENCH_DATABASE_URL or apt-get install postgresql)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pacer-bench-import-'));
  const accounts = join(dir, 'accounts.csv');
  const out = createWriteStream(accounts);
  out.write('external_id,name\n');
  for (let a = 0; a < ACCOUNTS; a++) out.write(`acct-${a},Account ${a}\n`);
  await new Promise<void>((resolve) => out.end(() => resolve()));
  // Whether no run has written to this cluster yet (the bench's own; one given by URL is assumed in service).
  let coldCluster = !process.env.PACER_BENCH_DATABASE_URL;
  try {
    for (const shape of SHAPES) {
      const csv = join(dir, `events-${shape}.csv`);
      await writeCsv(csv, shape);
      console.log(
        `bench:import — ${ROWS.toLocaleString('en')} event rows, ${shape} (${(statSync(csv).size / 1e6).toFixed(0)} MB CSV), ${RUNS} runs, PostgreSQL`,
      );
      const results: Awaited<ReturnType<typeof runOnce>>[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await runOnce(postgres.url, dir, csv, accounts, `bench_import_${run}`);
        results.push(result);
        console.log(
          `  run ${run + 1}: ${Math.round(result.rate).toLocaleString('en')} rows/s (${result.seconds.toFixed(1)} s, process start included), peak RSS ${result.peakMb.toFixed(0)} MB; raw COPY ${Math.round(result.copyRate).toLocaleString('en')} rows/s; ratio ${(result.rate / result.copyRate).toFixed(2)}${coldCluster ? ' (a new cluster: WAL files created during the run)' : ''}`,
        );
        console.log(
          `         CPU: importer ${result.importerCpu.toFixed(1)} s, PostgreSQL ${seconds(result.postgresCpu)}; storage floor (the stored rows by plain COPY, no importer): ${Math.round(result.floor.rate).toLocaleString('en')} rows/s, PostgreSQL ${seconds(result.floor.postgresCpu)}`,
        );
        coldCluster = false;
      }
      const rate = median(results.map((r) => r.rate));
      const copy = median(results.map((r) => r.copyRate));
      console.log(
        `import events (${shape}): median ${Math.round(rate).toLocaleString('en')} rows/s, peak RSS median ${median(results.map((r) => r.peakMb)).toFixed(0)} MB, raw COPY median ${Math.round(copy).toLocaleString('en')} rows/s, ratio ${(rate / copy).toFixed(2)}`,
      );
      // What a floor of FLOOR_RATE rows/s leaves: every core of the machine, for ROWS / FLOOR_RATE seconds.
      const cores = availableParallelism();
      const budget = (cores * ROWS) / FLOOR_RATE;
      const definedMedian = (values: (number | undefined)[]) =>
        values.every((v) => v !== undefined) ? median(values as number[]) : undefined;
      const importerCpu = median(results.map((r) => r.importerCpu));
      const postgresCpu = definedMedian(results.map((r) => r.postgresCpu));
      const floorCpu = definedMedian(results.map((r) => r.floor.postgresCpu));
      console.log(
        `  CPU for ${ROWS.toLocaleString('en')} rows (medians): importer ${importerCpu.toFixed(1)} s + PostgreSQL ${seconds(postgresCpu)}${postgresCpu === undefined ? '' : ` = ${(importerCpu + postgresCpu).toFixed(1)} s`}; storing the rows alone costs PostgreSQL ${seconds(floorCpu)} (floor ${Math.round(median(results.map((r) => r.floor.rate))).toLocaleString('en')} rows/s). ${FLOOR_RATE.toLocaleString('en')} rows/s would allow ${cores} cores × ${(ROWS / FLOOR_RATE).toFixed(1)} s = ${budget.toFixed(1)} CPU-s in all.`,
      );
      rmSync(csv, { force: true });
    }
  } finally {
    postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
