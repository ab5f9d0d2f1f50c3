// npm run bench:import — `pacer import events` of a 1,000,000-row CSV into PostgreSQL: rows/s and the importer's
// peak memory, against a raw COPY of the same file into a plain table of the same database (the ceiling).
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { benchPostgres } from './support/temp-postgres.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const ACCOUNTS = 2000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PACER = fileURLToPath(new URL('../bin/pacer.js', import.meta.url));

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
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query('checkpoint').catch(() => undefined);
  await admin.end();
}

/** One run: a new database, the accounts, then the timed import and a raw COPY of the same file. */
async function runOnce(postgresUrl: string, dir: string, csv: string, accounts: string, name: string) {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  timed(['import', 'accounts', accounts], databaseUrl);
  await checkpoint(postgresUrl);
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
  // Dropped now, so that autovacuum does not work through this run's million rows during the next run.
  const dropper = new pg.Client({ connectionString: postgresUrl });
  await dropper.connect();
  await dropper.query(`drop database ${name} with (force)`);
  await dropper.end();
  return { rate: ROWS / seconds, seconds, peakMb, copyRate: ROWS / copySeconds };
}

async function main() {
  const postgres = await benchPostgres();
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
      const results: { rate: number; peakMb: number; copyRate: number }[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await runOnce(postgres.url, dir, csv, accounts, `bench_import_${run}`);
        results.push(result);
        console.log(
          `  run ${run + 1}: ${Math.round(result.rate).toLocaleString('en')} rows/s (${result.seconds.toFixed(1)} s, process start included), peak RSS ${result.peakMb.toFixed(0)} MB; raw COPY ${Math.round(result.copyRate).toLocaleString('en')} rows/s; ratio ${(result.rate / result.copyRate).toFixed(2)}${coldCluster ? ' (a new cluster: WAL files created during the run)' : ''}`,
        );
        coldCluster = false;
      }
      const rate = median(results.map((r) => r.rate));
      const copy = median(results.map((r) => r.copyRate));
      console.log(
        `import events (${shape}): median ${Math.round(rate).toLocaleString('en')} rows/s, peak RSS median ${median(results.map((r) => r.peakMb)).toFixed(0)} MB, raw COPY median ${Math.round(copy).toLocaleString('en')} rows/s, ratio ${(rate / copy).toFixed(2)}`,
      );
      rmSync(csv, { force: true });
    }
  } finally {
    postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
