// npm run bench:health — full rescore of 100,000 accounts with the default scorecard from rollups on PostgreSQL, for
// a day not scored yet and again for the same day, against the measures query alone (the database's share); and,
// through a running server, the time from an acknowledged event batch to the account's new score.
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { computeMeasures } from '../src/health/compute-measures.js';
import { scoreAccounts } from '../src/health/health-snapshots.js';
import { createApiKey } from '../src/keys/api-keys.js';
import { today } from '../src/shared/calendar.js';
import { writeUsageSettings } from '../src/usage/usage-settings.js';
import { startPacerServer } from './support/pacer-server.js';
import { benchPostgres } from './support/temp-postgres.js';

const ACCOUNTS = Number(process.env.BENCH_HEALTH_ACCOUNTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function seed(url: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: url });
  await migrate(database);
  await writeUsageSettings(database.db, {
    keyFeatures: ['F1', 'F2', 'F3', 'F4', 'F5'],
    magicMomentEvent: 'F1',
    eventRetentionDays: 400,
  });
  await database.withSession(async (q) => {
    await q(`insert into accounts (id, external_id, name, lifecycle_stage, first_seen_at)
      select gen_random_uuid(), 'acct-' || g, 'Account ' || g, case when g % 10 = 0 then 'onboarding' else 'adoption' end,
        now() - interval '400 days' from generate_series(1, ${ACCOUNTS}) g`);
    await q(`insert into subscriptions (account_id, id, currency, mrr_minor, seats, start_date, renewal_date)
      select id, gen_random_uuid(), 'USD', 10000 + (hashtext(id::text) & 65535), 5 + (hashtext(id::text) & 15),
        current_date - 300, current_date + (hashtext(id::text) & 300) from accounts`);
    // About 12 user-days of usage per account in the last 60 days, over 5 users and 5 features.
    await q(`insert into usage_user_daily (account_id, day, user_id, event_name, events)
      select a.id, current_date - ((hashtext(a.id::text || k) & 2147483647) % 60), 'u' || (k % 5), 'F' || (1 + k % 5), 1 + k % 7
      from accounts a, generate_series(1, 12) k on conflict do nothing`);
    await q(`insert into usage_daily (account_id, day, event_name, events)
      select account_id, day, event_name, sum(events) from usage_user_daily group by 1, 2, 3`);
    await q(`insert into notes (account_id, id, author, body, sentiment, tags, occurred_at)
      select id, gen_random_uuid(), 'csm', 'Check-in', (hashtext(id::text) & 3) - 1, '{}', now() - interval '20 days' from accounts`);
    await q(`insert into survey_responses (account_id, id, kind, score, answered_at)
      select id, gen_random_uuid(), 'nps', (hashtext(id::text) & 2147483647) % 11, now() - interval '40 days' from accounts`);
    await q(`insert into tickets (account_id, id, opened_at, priority)
      select id, gen_random_uuid(), now() - interval '10 days', 'normal' from accounts where hashtext(id::text) % 3 = 0`);
    await q('delete from health_dirty');
    await q('analyze');
  });
  await database.close();
}

async function ingestToScore(port: number, secret: string, run: number): Promise<number> {
  const base = `http://127.0.0.1:${port}`;
  const account = (await (await fetch(`${base}/api/accounts?externalId=acct-${run + 7}`)).json()) as {
    data: { id: string }[];
  };
  const id = account.data[0]?.id as string;
  // Licence utilisation = active users (30 days) / seats: twenty new users move it.
  const utilisation = async () => {
    const response = await fetch(`${base}/api/accounts/${id}/health`);
    if (response.status !== 200) return -1;
    const body = (await response.json()) as { asOf: string; measures: { measure: string; value: number | null }[] };
    return body.asOf === today()
      ? (body.measures.find((m) => m.measure === 'usage.licence_utilisation')?.value ?? -1)
      : -1;
  };
  const before = await utilisation();
  const batch = Array.from({ length: 500 }, (_, i) => ({
    type: 'track',
    userId: `bench-${run}-${i % 20}`,
    event: 'F2',
    messageId: `health-bench-${run}-${i}`,
    context: { groupId: `acct-${run + 7}` },
  }));
  const started = performance.now();
  const ack = await fetch(`${base}/v1/batch`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}`,
    },
    body: JSON.stringify({ batch }),
  });
  if (ack.status !== 200) throw new Error(`batch answered ${ack.status}`);
  for (;;) {
    const now = await utilisation();
    if (now > before) return (performance.now() - started) / 1000;
    if (performance.now() - started > 30_000) throw new Error(`the score never changed (before ${before}, now ${now})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main() {
  const postgres = await benchPostgres();
  if (!postgres) {
    console.log('bench:health — skipped: no PostgreSQL (set PACER_BENCH_DATABASE_URL or apt-get install postgresql)');
    return;
  }
  try {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('drop database if exists bench_health');
    await admin.query('create database bench_health');
    await admin.end();
    const url = new URL(postgres.url);
    url.pathname = '/bench_health';
    const seedStarted = performance.now();
    await seed(url.toString());
    console.log(
      `bench:health — ${ACCOUNTS.toLocaleString('en')} accounts seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; ${RUNS} runs`,
    );
    const database = await openDatabase({ databaseUrl: url.toString() });
    const newDay: number[] = [];
    const sameDay: number[] = [];
    const measuresOnly: number[] = [];
    const seconds = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return (performance.now() - started) / 1000;
    };
    for (let run = 0; run < RUNS; run++) {
      measuresOnly.push(await seconds(() => computeMeasures(database.db, today())));
      // A day not scored yet, as every morning or in a rebuild of history: every snapshot is new.
      await sql`delete from health_scores where as_of = ${today()}::date`.execute(database.db);
      await sql`vacuum health_scores`.execute(database.db);
      let count = 0;
      newDay.push(
        await seconds(async () => {
          count = (await database.db.transaction().execute((trx) => scoreAccounts(trx, today()))).length;
        }),
      );
      // The same day again (pacer health score run twice, or the server's catch-up after it): nothing changed.
      sameDay.push(await seconds(() => database.db.transaction().execute((trx) => scoreAccounts(trx, today()))));
      console.log(
        `  run ${run + 1}: full rescore of ${count.toLocaleString('en')} accounts ${newDay.at(-1)?.toFixed(2)} s, same day again ${sameDay.at(-1)?.toFixed(2)} s (measures query alone ${measuresOnly.at(-1)?.toFixed(2)} s)`,
      );
    }
    const secret = (await createApiKey(database.db, 'bench', 'ingest')).secret;
    await database.close();
    const server = await startPacerServer({ DATABASE_URL: url.toString() });
    const incremental: number[] = [];
    let problem = '';
    try {
      for (let run = 0; run < RUNS; run++) incremental.push(await ingestToScore(server.port, secret, run));
    } catch (error) {
      problem = (error as Error).message;
    } finally {
      await server.stop();
    }
    console.log(
      `full rescore: median ${median(newDay).toFixed(2)} s for ${ACCOUNTS.toLocaleString('en')} accounts (measures query alone ${median(measuresOnly).toFixed(2)} s, ratio ${(median(newDay) / median(measuresOnly)).toFixed(2)}); the same day again ${median(sameDay).toFixed(2)} s`,
    );
    console.log(
      problem
        ? `ingest → new score: not measured (${problem})`
        : `ingest → new score: median ${median(incremental).toFixed(2)} s (runs: ${incremental.map((s) => s.toFixed(2)).join(', ')})`,
    );
  } finally {
    postgres.stop();
  }
}

await main();
