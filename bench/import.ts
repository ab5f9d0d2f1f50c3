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

/** A warehouse-style export: one row per user, day and feature with a count, over 90 days. */
async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('user_id,group_id,event,timestamp,count,plan\n');
  const start = Date.parse('2026-06-01T00:00:00Z');
  for (let i = 0; i < ROWS; i++) {
    const account = (i * 7919) % ACCOUNTS;
    const day = new Date(start + ((i * 104729) % 90) * 86_400_000).toISOString().slice(0, 10);
    const line = `u-${account}-${i % 10},acct-${account},Feature ${i % 25} Used,${day}T12:00:00Z,${1 + (i % 5)},pro\n`;
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

async function main() {
  const postgres = await benchPostgres();
  if (!postgres) {
    console.log('bench:import — skipped: no PostgreSQL (set PACER_BENCH_DATABASE_URL or apt-get install postgresql)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pacer-bench-import-'));
  const csv = join(dir, 'events.csv');
  await writeCsv(csv);
  const accounts = join(dir, 'accounts.csv');
  const out = createWriteStream(accounts);
  out.write('external_id,name\n');
  for (let a = 0; a < ACCOUNTS; a++) out.write(`acct-${a},Account ${a}\n`);
  await new Promise<void>((resolve) => out.end(() => resolve()));
  console.log(
    `bench:import — ${ROWS.toLocaleString('en')} event rows (${(statSync(csv).size / 1e6).toFixed(0)} MB CSV), ${RUNS} runs, PostgreSQL`,
  );
  const results: { rate: number; peakMb: number; copyRate: number }[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const admin = new pg.Client({ connectionString: postgres.url });
      await admin.connect();
      await admin.query(`drop database if exists bench_import_${run}`);
      await admin.query(`create database bench_import_${run}`);
      await admin.end();
      const url = new URL(postgres.url);
      url.pathname = `/bench_import_${run}`;
      const databaseUrl = url.toString();
      timed(['import', 'accounts', accounts], databaseUrl);
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
      const { rows } = await client.query<{ n: string }>('select count(*) as n from events');
      if (Number(rows[0]?.n) !== ROWS) throw new Error(`events holds ${rows[0]?.n} rows, expected ${ROWS}`);
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
      results.push({ rate: ROWS / seconds, peakMb, copyRate: ROWS / copySeconds });
      console.log(
        `  run ${run + 1}: ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s (${seconds.toFixed(1)} s, process start included), peak RSS ${peakMb.toFixed(0)} MB; raw COPY ${Math.round(ROWS / copySeconds).toLocaleString('en')} rows/s; ratio ${(ROWS / seconds / (ROWS / copySeconds)).toFixed(2)}`,
      );
    }
    const rate = median(results.map((r) => r.rate));
    const copy = median(results.map((r) => r.copyRate));
    console.log(
      `import events: median ${Math.round(rate).toLocaleString('en')} rows/s, peak RSS median ${median(results.map((r) => r.peakMb)).toFixed(0)} MB, raw COPY median ${Math.round(copy).toLocaleString('en')} rows/s, ratio ${(rate / copy).toFixed(2)}`,
    );
  } finally {
    postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
