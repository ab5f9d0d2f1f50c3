// npm run bench:web — the portfolio API (GET /api/portfolio) at 100,000 accounts on the embedded engine and on
// PostgreSQL: p50/p95 over HTTP for the first page and a deep cursor page sorted by -risk and -mrrAtRisk, and with a
// filter, each beside a bare `select` of the same page from portfolio_rows in the same run (the ratio is what the
// API adds: the count of matching accounts, the refresh check, owners, validation, JSON and HTTP).
// PostgreSQL: BENCH_DATABASE_URL, PACER_BENCH_DATABASE_URL or PACER_TEST_DATABASE_URL (a fresh database is made on
// it), else a throwaway cluster from this machine's PostgreSQL binaries.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createApiKey } from '../src/keys/api-keys.js';
import { encodeCursor, type PortfolioSort, sortKey } from '../src/portfolio/portfolio-sorts.js';
import { refreshPortfolioRows } from '../src/portfolio/refresh-portfolio-rows.js';
import { createApp } from '../src/server/app.js';
import { allowedHostsFor } from '../src/server/host-allowlist.js';
import { rateLimitsFromEnv } from '../src/server/rate-limit.js';
import { writeWorkspaceSettings } from '../src/settings/workspace-settings.js';
import { benchPostgres } from './support/temp-postgres.js';

const ACCOUNTS = Number(process.env.BENCH_PORTFOLIO_ACCOUNTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] as number;

async function seed(database: Database): Promise<number> {
  const db = database.db;
  await writeWorkspaceSettings(db, {
    reportingCurrency: 'USD',
    rates: [{ currency: 'EUR', date: '2000-01-01', rate: '1.08' }],
  });
  await sql`insert into team_users (id, email, name, role)
    select gen_random_uuid(), 'csm' || g || '@bench.example', 'CSM ' || g, 'csm' from generate_series(1, 20) g`.execute(
    db,
  );
  await sql`insert into accounts (id, external_id, name, domain, lifecycle_stage, coverage_tier, owner_id)
    select gen_random_uuid(), 'acct-' || g, 'Account ' || g, 'a' || g || '.example',
      (array['onboarding', 'adoption', 'renewal', 'expansion'])[1 + g % 4],
      (array['high_touch', 'low_touch', 'tech_touch'])[1 + g % 3],
      (select id from team_users order by email offset g % 21 limit 1)
    from generate_series(1, ${ACCOUNTS}) g`.execute(db);
  // 80% dollars, 15% euros (a rate), 5% yen (no rate); one in ten with a trial besides.
  await sql`insert into subscriptions (account_id, id, currency, mrr_minor, status, start_date, renewal_date)
    select id, gen_random_uuid(),
      case when h % 20 = 0 then 'JPY' when h % 20 < 4 then 'EUR' else 'USD' end,
      case when h % 20 = 0 then 50000 + h % 500000 else 5000 + h % 500000 end, 'active',
      current_date - 200, current_date + h % 300
    from (select id, hashtext(id::text) & 2147483647 as h from accounts) a`.execute(db);
  await sql`insert into subscriptions (account_id, id, currency, mrr_minor, status, start_date)
    select id, gen_random_uuid(), 'USD', 9900, 'trial', current_date - 3 from accounts
    where hashtext(id::text) % 10 = 0`.execute(db);
  // Nine in ten scored (today and thirty days before) and given a churn risk; the rest have neither.
  await sql`insert into health_scores (account_id, as_of, scorecard, scorecard_version, score, color, computed_color, inputs)
    select id, d, 'default', 1, s, case when s < 40 then 'red' when s < 70 then 'yellow' else 'green' end,
      case when s < 40 then 'red' when s < 70 then 'yellow' else 'green' end, '{"values":{},"overrides":[]}'::jsonb
    from (select id, (hashtext(id::text || 's') & 2147483647) % 1000 / 10.0 as s from accounts
          where hashtext(id::text) % 10 <> 1) a,
      (values (current_date), (current_date - 30)) as days(d)`.execute(db);
  await sql`insert into churn_models (id, horizon_days, definition, as_of_dates, estimator, model, summary)
    values ('00000000-0000-7000-8000-00000000b0b0', 90, '{}', array[current_date], 'logistic', '{}', '{}')`.execute(db);
  await sql`insert into churn_predictions (account_id, as_of, model_id, probability, reasons)
    select id, current_date, '00000000-0000-7000-8000-00000000b0b0',
      ((hashtext(id::text || 'p') & 2147483647) % 10000) / 10000.0, '{"raising":[],"lowering":[]}'
    from accounts where hashtext(id::text) % 10 <> 1`.execute(db);
  await sql`insert into usage_daily (account_id, day, event_name, events)
    select id, current_date - (hashtext(id::text) & 2147483647) % 90, 'login', 3 from accounts`.execute(db);
  await sql`delete from health_dirty`.execute(db);
  const started = performance.now();
  await refreshPortfolioRows(db);
  const refreshMs = performance.now() - started;
  await sql`analyze`.execute(db);
  return refreshMs;
}

interface Case {
  label: string;
  sort: PortfolioSort;
  deep: boolean;
  filter?: { query: string; where: string };
}

const CASES: Case[] = [
  { label: '-risk, first page', sort: '-risk', deep: false },
  { label: '-risk, cursor at 90%', sort: '-risk', deep: true },
  { label: '-mrrAtRisk, first page', sort: '-mrrAtRisk', deep: false },
  { label: '-mrrAtRisk, cursor at 90%', sort: '-mrrAtRisk', deep: true },
  {
    label: '-mrrAtRisk, colour=red',
    sort: '-mrrAtRisk',
    deep: false,
    filter: { query: '&colour=red', where: `health_colour = 'red'` },
  },
  {
    label: '-risk, tier=high_touch, cursor at 20%',
    sort: '-risk',
    deep: true,
    filter: { query: '&tier=high_touch', where: `coverage_tier = 'high_touch'` },
  },
];

async function timeIt(times: number, work: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await work();
  const took: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    took.push(performance.now() - started);
  }
  return took;
}

async function benchEngine(label: string, database: Database): Promise<void> {
  const seedStarted = performance.now();
  const refreshMs = await seed(database);
  console.log(
    `${label}: ${ACCOUNTS} accounts seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; every portfolio row computed in ${(refreshMs / 1000).toFixed(1)} s`,
  );
  const key = await createApiKey(database.db, 'bench', 'viewer');
  const app = createApp(database, {
    hosts: allowedHostsFor('127.0.0.1'),
    limits: { ...rateLimitsFromEnv(), api: { limit: 1_000_000_000, windowMs: 60_000 } },
  });
  const server = await new Promise<{ port: number; close(): Promise<void> }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ port: info.port, close: () => new Promise((done) => s.close(() => done())) }),
    );
  });
  try {
    for (const c of CASES) {
      const k = sortKey(c.sort);
      const tuple = `(${k.parts.map((p) => p.expression).join(', ')})`;
      const order = k.parts.map((p) => `${p.expression} ${k.direction}`).join(', ');
      const where = c.filter?.where ?? 'true';
      let cursorValues: string[] | null = null;
      if (c.deep) {
        const offset = Math.floor(ACCOUNTS * (c.filter ? 0.2 : 0.9));
        const { rows } = await sql<Record<string, string>>`select ${sql.raw(
          k.parts.map((p, i) => `(${p.expression})::text as k${i}`).join(', '),
        )} from portfolio_rows where ${sql.raw(where)} order by ${sql.raw(order)} offset ${offset} limit 1`.execute(
          database.db,
        );
        cursorValues = k.parts.map((_, i) => rows[0]?.[`k${i}`] as string);
      }
      const url = `http://127.0.0.1:${server.port}/api/portfolio?sort=${c.sort}${c.filter?.query ?? ''}${
        cursorValues ? `&cursor=${encodeCursor(c.sort, cursorValues)}` : ''
      }`;
      const api = await timeIt(REQUESTS, async () => {
        const answer = await fetch(url, { headers: { authorization: `Bearer ${key.secret}` } });
        const body = (await answer.json()) as { data: unknown[] };
        if (answer.status !== 200 || body.data.length !== 50) throw new Error(`${url}: ${JSON.stringify(body)}`);
      });
      const after = cursorValues
        ? sql` and ${sql.raw(tuple)} ${sql.raw(k.direction === 'asc' ? '>' : '<')} (${sql.join(
            k.parts.map((p, i) => sql`cast(${cursorValues?.[i]} as ${sql.raw(p.type)})`),
          )})`
        : sql``;
      const bare = await timeIt(REQUESTS, async () => {
        await sql`select * from portfolio_rows where ${sql.raw(where)}${after} order by ${sql.raw(order)} limit 51`.execute(
          database.db,
        );
      });
      const p50 = percentile(api, 0.5);
      const p95 = percentile(api, 0.95);
      const bare50 = percentile(bare, 0.5);
      console.log(
        `  ${c.label.padEnd(42)} API p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms   bare select p50 ${bare50.toFixed(2).padStart(6)} ms  p95 ${percentile(bare, 0.95).toFixed(2).padStart(6)} ms   API/bare ${(p50 / bare50).toFixed(1)}×`,
      );
    }
    // The total is counted once per change of the portfolio and filters, then remembered: what the first page after
    // a change pays on top.
    for (const where of ['true', `health_colour = 'red'`]) {
      const counting = await timeIt(50, async () => {
        await sql`select count(*) from portfolio_rows where ${sql.raw(where)}`.execute(database.db);
      });
      console.log(
        `  count where ${where.padEnd(30)} p50 ${percentile(counting, 0.5).toFixed(1)} ms  p95 ${percentile(counting, 0.95).toFixed(1)} ms (paid by the first request after a change)`,
      );
    }
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const embedded = await openDatabase({});
  try {
    await migrate(embedded);
    await benchEngine('PGlite (embedded)', embedded);
  } finally {
    await embedded.close();
  }
  const given = process.env.BENCH_DATABASE_URL || process.env.PACER_TEST_DATABASE_URL;
  const temp = given ? undefined : await benchPostgres();
  const serverUrl = given ?? temp?.url;
  if (!serverUrl) {
    console.log('PostgreSQL — skipped: set BENCH_DATABASE_URL or apt-get install postgresql');
    return;
  }
  const name = `pacer_bench_portfolio_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    await migrate(database);
    await benchEngine('PostgreSQL', database);
  } finally {
    await database.close();
    await admin.query(`drop database ${name}`);
    await admin.end();
    temp?.stop();
  }
}

await main();
