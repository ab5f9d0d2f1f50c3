// npm run bench:ingest — events/s through the Segment batch API into PostgreSQL and into the embedded PGlite,
// how soon the rollups are current after the last acknowledgement, and the ratio to a raw COPY of the same rows
// into the same database (the ceiling). Quote medians: the machine is small and noisy.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createApiKey } from '../src/keys/api-keys.js';
import { postgresCpuSeconds, processCpuSeconds } from './support/cpu.js';
import { startPacerServer } from './support/pacer-server.js';
import { benchPostgres } from './support/temp-postgres.js';

const ACCOUNTS = 2000;
const USERS_PER_ACCOUNT = 10;
const NAMES = Array.from({ length: 30 }, (_, i) => `Feature ${i + 1} Used`);
const BATCH = 500;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// BENCH_ENGINES=pglite (or postgres) runs one engine only.
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',');
// The issue's floors, against which the CPU budget is printed.
const FLOOR_RATE = { postgres: 50_000, pglite: 20_000 };

interface Scenario {
  engine: 'postgres' | 'pglite';
  events: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

// A deterministic stream of live Segment track messages, shaped like product traffic: users in sessions of a few
// events each, feature names by a Zipf law (a few features dominate), timestamps within the last minutes (live
// ingestion sends what just happened); half name their account by context.groupId, half are known through the
// user's contact.
const ZIPF = (() => {
  const weights = NAMES.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
})();
const nameAt = (x: number) => NAMES[ZIPF.findIndex((edge) => x <= edge)] ?? (NAMES[0] as string);

interface BenchEvent {
  messageId: string;
  account: number;
  user: string;
  name: string;
  timestamp: string;
  value: number;
  byGroup: boolean;
}

function makeEvents(total: number, run: number): BenchEvent[] {
  const events: BenchEvent[] = [];
  const now = Date.now();
  let seed = 12345 + run;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  while (events.length < total) {
    const account = Math.floor(random() * ACCOUNTS);
    const user = `u-${account}-${Math.floor(random() * USERS_PER_ACCOUNT)}`;
    const sessionLength = 1 + Math.floor(random() * 8);
    const start = now - Math.floor(random() * 10 * 60_000);
    for (let k = 0; k < sessionLength && events.length < total; k++) {
      const i = events.length;
      events.push({
        messageId: `r${run}-m${i}`,
        account,
        user,
        name: nameAt(random()),
        timestamp: new Date(start + k * 5000).toISOString(),
        value: i % 97,
        byGroup: i % 2 === 0,
      });
    }
  }
  return events;
}

function makeBatches(events: BenchEvent[]): string[] {
  const bodies: string[] = [];
  for (let start = 0; start < events.length; start += BATCH) {
    const batch = events.slice(start, start + BATCH).map((e) => ({
      type: 'track',
      messageId: e.messageId,
      userId: e.user,
      event: e.name,
      timestamp: e.timestamp,
      properties: { plan: 'pro', value: e.value },
      ...(e.byGroup ? { context: { groupId: `acct-${e.account}` } } : {}),
    }));
    bodies.push(JSON.stringify({ batch, sentAt: new Date().toISOString() }));
  }
  return bodies;
}

function post(agent: Agent, port: number, auth: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/batch',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', authorization: auth, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function rolledUp(agent: Agent, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/usage/status', agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve((JSON.parse(body) as { rolledUpEvents: number }).rolledUpEvents));
    });
    req.on('error', reject);
    req.end();
  });
}

async function seed(databaseUrl: string | undefined, dataDir: string | undefined): Promise<string> {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  await migrate(database);
  const key = await createApiKey(database.db, 'bench', 'ingest');
  await database.withSession(async (q) => {
    const accounts = Array.from({ length: ACCOUNTS }, (_, a) => a);
    const ids = accounts.map(() => uuidv7());
    await q(`insert into accounts (id, external_id, name) select * from unnest($1::uuid[], $2::text[], $3::text[])`, [
      ids,
      accounts.map((a) => `acct-${a}`),
      accounts.map((a) => `Account ${a}`),
    ]);
    const contactAccounts: string[] = [];
    const contactIds: string[] = [];
    const userIds: string[] = [];
    for (const a of accounts) {
      for (let u = 0; u < USERS_PER_ACCOUNT; u++) {
        contactAccounts.push(ids[a] as string);
        contactIds.push(uuidv7());
        userIds.push(`u-${a}-${u}`);
      }
    }
    await q(
      `insert into contacts (account_id, id, external_id) select * from unnest($1::uuid[], $2::uuid[], $3::text[])`,
      [contactAccounts, contactIds, userIds],
    );
  });
  await database.close();
  return key.secret;
}

async function rollupTotal(databaseUrl: string | undefined, dataDir: string | undefined): Promise<number> {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  const rows = await database.withSession((q) =>
    q<{ n: number }>('select coalesce(sum(events), 0)::bigint as n from usage_daily'),
  );
  await database.close();
  return Number(rows[0]?.n ?? 0);
}

/** The same rows as the HTTP run, as COPY text, into a copy of the events table: the database's own ceiling. */
function copyText(events: BenchEvent[], accountIds: Map<string, string>): string {
  const lines = events.map((e) =>
    [
      `c${e.messageId}`,
      accountIds.get(`acct-${e.account}`),
      `acct-${e.account}`,
      e.user,
      'track',
      e.name,
      e.timestamp,
      '1',
      JSON.stringify({ plan: 'pro', value: e.value }),
    ].join('\t'),
  );
  return `${lines.join('\n')}\n`;
}

async function rawCopy(
  databaseUrl: string | undefined,
  dataDir: string | undefined,
  events: BenchEvent[],
): Promise<number> {
  const total = events.length;
  const columns = '(message_id, account_id, account_external_id, user_id, type, name, occurred_at, count, properties)';
  const idsOf = (rows: { id: string; external_id: string }[]) => new Map(rows.map((row) => [row.external_id, row.id]));
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const text = copyText(events, idsOf((await client.query('select id, external_id from accounts')).rows));
    await client.query('create table if not exists copy_baseline (like events including defaults)');
    await client.query('alter table copy_baseline add primary key (message_id)').catch(() => undefined);
    const started = performance.now();
    await pipeline(Readable.from([text]), client.query(copyFrom(`copy copy_baseline ${columns} from stdin`)));
    const seconds = (performance.now() - started) / 1000;
    await client.query('drop table copy_baseline');
    await client.end();
    return total / seconds;
  }
  const database = await openDatabase({ dataDir });
  const pglite = database.pglite;
  if (!pglite) throw new Error('expected the embedded engine');
  const text = copyText(
    events,
    idsOf((await pglite.query<{ id: string; external_id: string }>('select id, external_id from accounts')).rows),
  );
  await pglite.exec(
    'create table if not exists copy_baseline (like events including defaults); alter table copy_baseline add primary key (message_id);',
  );
  const started = performance.now();
  await pglite.query(`copy copy_baseline ${columns} from '/dev/blob'`, [], { blob: new Blob([text]) });
  const seconds = (performance.now() - started) / 1000;
  await pglite.exec('drop table copy_baseline');
  await database.close();
  return total / seconds;
}

async function runOnce(scenario: Scenario, run: number, target: { databaseUrl?: string; dataDir?: string }) {
  const { databaseUrl, dataDir } = target;
  const secret = await seed(databaseUrl, dataDir);
  const before = await rollupTotal(databaseUrl, dataDir);
  const server = await startPacerServer(
    databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: undefined },
    dataDir ? ['--data', dataDir] : [],
  );
  const events = makeEvents(scenario.events, run);
  const bodies = makeBatches(events);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const auth = `Basic ${Buffer.from(`${secret}:`).toString('base64')}`;
  let next = 0;
  // CPU from the first request until the rollups are current: the server's process, PostgreSQL's, this one's
  // (the clients).
  const cpuBefore = {
    server: processCpuSeconds(server.pid),
    postgres: postgresCpuSeconds(),
    clients: process.cpuUsage(),
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as string;
        const status = await post(agent, server.port, auth, body);
        if (status !== 200) throw new Error(`batch answered ${status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // How long after the last acknowledgement the rollups hold every event (the rollup worker runs in the server).
  const lastAck = performance.now();
  const expected = before + scenario.events;
  let rolled = before;
  while (rolled < expected && performance.now() - lastAck < 60_000) {
    rolled = await rolledUp(agent, server.port);
    if (rolled < expected) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const rollupLagSeconds = (performance.now() - lastAck) / 1000;
  const serverAfter = processCpuSeconds(server.pid);
  const postgresAfter = postgresCpuSeconds();
  const clientsUsed = process.cpuUsage(cpuBefore.clients);
  const cpu = {
    server: serverAfter !== undefined && cpuBefore.server !== undefined ? serverAfter - cpuBefore.server : undefined,
    postgres:
      scenario.engine === 'postgres' && postgresAfter !== undefined && cpuBefore.postgres !== undefined
        ? postgresAfter - cpuBefore.postgres
        : undefined,
    clients: (clientsUsed.user + clientsUsed.system) / 1e6,
  };
  agent.destroy();
  await server.stop();
  const after = await rollupTotal(databaseUrl, dataDir);
  if (after - before !== scenario.events)
    throw new Error(`rollups hold ${after - before} events, expected ${scenario.events}`);
  const copyRate = await rawCopy(databaseUrl, dataDir, events);
  return { rate: scenario.events / seconds, copyRate, rollupLagSeconds, cpu };
}

interface CpuUse {
  server?: number;
  postgres?: number;
  clients: number;
}

/** CPU seconds per 100,000 events, by process: where a faster rate has to come from on a machine this size. */
function cpuLine(cpu: CpuUse, events: number): string {
  const per = (seconds: number | undefined) =>
    seconds === undefined ? 'n/a' : `${((seconds * 100_000) / events).toFixed(2)} s`;
  const total = (cpu.server ?? 0) + (cpu.postgres ?? 0) + cpu.clients;
  return `CPU per 100,000 events: server ${per(cpu.server)}${cpu.postgres === undefined ? '' : `, PostgreSQL ${per(cpu.postgres)}`}, clients ${per(cpu.clients)}; in all ${per(total)}`;
}

async function dropDatabase(postgresUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/**
 * What the floor allows and what this run's CPU allows: the floor's rate leaves every core of the machine for
 * 100,000 / rate seconds per 100,000 events; at this run's CPU per 100,000 events, all cores busy the whole time
 * could go no faster than the ceiling printed.
 */
function budgetLine(engine: Scenario['engine'], cpu: CpuUse, events: number): string {
  const cores = availableParallelism();
  const floor = FLOOR_RATE[engine];
  const perEvents = (((cpu.server ?? 0) + (cpu.postgres ?? 0) + cpu.clients) * 100_000) / events;
  return `${floor.toLocaleString('en')} events/s would allow ${cores} cores × ${(100_000 / floor).toFixed(1)} s = ${((cores * 100_000) / floor).toFixed(1)} CPU-s per 100,000 events; at ${perEvents.toFixed(2)} CPU-s, ${cores} cores busy all the time give at most ${Math.round((cores * 100_000) / perEvents).toLocaleString('en')} events/s`;
}

async function main() {
  const postgres = ENGINES.includes('postgres') ? await benchPostgres() : undefined;
  const scenarios: Scenario[] = [
    ...(postgres ? [{ engine: 'postgres' as const, events: Number(process.env.BENCH_PG_EVENTS ?? 300_000) }] : []),
    ...(ENGINES.includes('pglite')
      ? [{ engine: 'pglite' as const, events: Number(process.env.BENCH_PGLITE_EVENTS ?? 100_000) }]
      : []),
  ];
  if (!postgres && ENGINES.includes('postgres'))
    console.log('PostgreSQL: skipped (no server: set PACER_BENCH_DATABASE_URL or apt-get install postgresql)');
  console.log(
    `bench:ingest — ${BATCH}-event batches, ${CLIENTS} concurrent clients on loopback, ${RUNS} runs each; server in its own process`,
  );
  try {
    for (const scenario of scenarios) {
      const results: Awaited<ReturnType<typeof runOnce>>[] = [];
      for (let run = 0; run < RUNS; run++) {
        const dataDir = scenario.engine === 'pglite' ? mkdtempSync(join(tmpdir(), 'pacer-bench-')) : undefined;
        let databaseUrl: string | undefined;
        if (scenario.engine === 'postgres' && postgres) {
          const admin = new pg.Client({ connectionString: postgres.url });
          await admin.connect();
          await admin.query(`drop database if exists bench_ingest_${run}`);
          await admin.query(`create database bench_ingest_${run}`);
          await admin.end();
          const url = new URL(postgres.url);
          url.pathname = `/bench_ingest_${run}`;
          databaseUrl = url.toString();
        }
        const result = await runOnce(scenario, run, { databaseUrl, dataDir });
        results.push(result);
        // Dropped now, so that autovacuum does not work through this run's tables during the next one.
        if (databaseUrl && postgres) await dropDatabase(postgres.url, `bench_ingest_${run}`);
        console.log(
          `  ${scenario.engine} run ${run + 1}: ${Math.round(result.rate).toLocaleString('en')} events/s via HTTP; raw COPY ${Math.round(result.copyRate).toLocaleString('en')} rows/s; ratio ${(result.rate / result.copyRate).toFixed(2)}; rollups current ${result.rollupLagSeconds.toFixed(2)} s after the last ack`,
        );
        console.log(`         ${cpuLine(result.cpu, scenario.events)}`);
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
      const rate = median(results.map((r) => r.rate));
      const copy = median(results.map((r) => r.copyRate));
      const medianOf = (pick: (cpu: CpuUse) => number | undefined) => {
        const values = results.map((r) => pick(r.cpu)).filter((value) => value !== undefined);
        return values.length > 0 ? median(values) : undefined;
      };
      console.log(
        `${scenario.engine}: median ${Math.round(rate).toLocaleString('en')} events/s (${scenario.events.toLocaleString('en')} events), raw COPY median ${Math.round(copy).toLocaleString('en')} rows/s, ratio to COPY ${(rate / copy).toFixed(2)}`,
      );
      const medianCpu = {
        server: medianOf((cpu) => cpu.server),
        postgres: medianOf((cpu) => cpu.postgres),
        clients: medianOf((cpu) => cpu.clients) as number,
      };
      console.log(`  median ${cpuLine(medianCpu, scenario.events)}`);
      console.log(`  ${budgetLine(scenario.engine, medianCpu, scenario.events)}`);
    }
  } finally {
    postgres?.stop();
  }
}

await main();
