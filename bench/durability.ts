// npm run bench:durability — what syncing each commit to disk costs the embedded engine: tracking ingest (batches
// from 8 clients, and single calls one after another: the worst case, one commit per call) through `pacer start`
// in its own process, and an events import, each with PACER_EMBEDDED_SYNC on (the default) and off (PGlite's own
// behaviour: no fsync at all), alternating, medians of BENCH_RUNS (3). The machine is small and noisy: quote medians.
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { importFile } from '../src/importers/import-file.js';
import { createApiKey } from '../src/keys/api-keys.js';
import { startPacerServer } from './support/pacer-server.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH_EVENTS = Number(process.env.BENCH_DURABILITY_EVENTS ?? 40_000);
const SINGLE_CALLS = Number(process.env.BENCH_DURABILITY_CALLS ?? 300);
const IMPORT_ROWS = Number(process.env.BENCH_DURABILITY_IMPORT_ROWS ?? 50_000);
const BATCH = 500;
const CLIENTS = 8;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

interface Result {
  batchRate: number;
  callRate: number;
  importRate: number;
}

async function post(port: number, secret: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
}

const event = (run: string, n: number) => ({
  type: 'track',
  userId: `user-${n % 200}`,
  event: 'Report Created',
  messageId: `${run}-${n}`,
  timestamp: new Date().toISOString(),
  context: { groupId: `acct-${n % 40}` },
});

async function runOnce(sync: boolean, run: number, csv: string): Promise<Result> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pacer-bench-durability-'));
  try {
    const env = { PACER_EMBEDDED_SYNC: sync ? 'on' : 'off', DATABASE_URL: undefined };
    const setup = await openDatabase({ dataDir, sync });
    await migrate(setup);
    const { secret } = await createApiKey(setup.db, 'bench', 'ingest');
    await setup.close();

    const server = await startPacerServer(env, ['--data', dataDir]);
    const id = `${sync ? 'on' : 'off'}-${run}`;
    let started = performance.now();
    let next = 0;
    const batches = BATCH_EVENTS / BATCH;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let b = next++; b < batches; b = next++) {
          const batch = Array.from({ length: BATCH }, (_, i) => event(`${id}-b`, b * BATCH + i));
          await post(server.port, secret, '/v1/batch', { batch });
        }
      }),
    );
    const batchRate = BATCH_EVENTS / ((performance.now() - started) / 1000);
    started = performance.now();
    for (let n = 0; n < SINGLE_CALLS; n++) await post(server.port, secret, '/v1/track', event(`${id}-t`, n));
    const callRate = SINGLE_CALLS / ((performance.now() - started) / 1000);
    await server.stop();

    const database = await openDatabase({ dataDir, sync });
    try {
      const summary = await importFile(database, { kind: 'events', file: csv });
      if (summary.inserted !== IMPORT_ROWS) throw new Error(`import: ${JSON.stringify(summary)}`);
      return { batchRate, callRate, importRate: IMPORT_ROWS / summary.seconds };
    } finally {
      await database.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'pacer-bench-durability-csv-'));
  const csv = join(dir, 'events.csv');
  const lines = ['message_id,user_id,group_id,event,timestamp'];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    lines.push(
      `imp-${i},user-${i % 500},acct-${i % 50},Report Created,2026-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
    );
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  console.log(
    `bench:durability — embedded engine on disk, ${RUNS} runs each, sync on and off alternating: ${BATCH_EVENTS.toLocaleString('en')} events in ${BATCH}-event batches from ${CLIENTS} clients; ${SINGLE_CALLS} single /v1/track calls one after another; an import of ${IMPORT_ROWS.toLocaleString('en')} events`,
  );
  const results: Record<'on' | 'off', Result[]> = { on: [], off: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const sync of [true, false]) {
        const result = await runOnce(sync, run, csv);
        results[sync ? 'on' : 'off'].push(result);
        console.log(
          `  run ${run + 1}, sync ${sync ? 'on ' : 'off'}: batches ${Math.round(result.batchRate).toLocaleString('en')} events/s, single calls ${result.callRate.toFixed(0)}/s, import ${Math.round(result.importRate).toLocaleString('en')} rows/s`,
        );
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  for (const [label, key, unit] of [
    ['batches', 'batchRate', 'events/s'],
    ['single calls', 'callRate', 'calls/s'],
    ['import', 'importRate', 'rows/s'],
  ] as const) {
    const on = median(results.on.map((r) => r[key]));
    const off = median(results.off.map((r) => r[key]));
    console.log(
      `${label}: sync on ${Math.round(on).toLocaleString('en')} ${unit}, off ${Math.round(off).toLocaleString('en')} ${unit} (medians); on/off ${(on / off).toFixed(2)}`,
    );
  }
}

await main();
