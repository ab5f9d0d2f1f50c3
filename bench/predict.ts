// npm run bench:predict — churn prediction at scale on PostgreSQL: point-in-time features of 100,000 accounts
// (~100 encoded features), training (both candidate models, in a worker thread, as `pacer churn train` does), and
// scoring 100,000 accounts (probabilities; then the reasons of each). Baseline in the same run: the health measures
// query alone over the same accounts (the database's share of one feature pass).
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { computeMeasures } from '../src/health/compute-measures.js';
import { churnReasons, predictChurn } from '../src/predict/churn-model.js';
import { churnOutcomes } from '../src/predict/churn-outcomes.js';
import { buildFeatureSnapshot } from '../src/predict/feature-snapshot.js';
import { trainInWorker } from '../src/predict/train-in-worker.js';
import { writeUsageSettings } from '../src/usage/usage-settings.js';
import { benchPostgres } from './support/temp-postgres.js';

const ACCOUNTS = Number(process.env.BENCH_PREDICT_ACCOUNTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const seconds = (since: number) => (performance.now() - since) / 1000;

async function seed(url: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: url });
  await migrate(database);
  const events = Array.from({ length: 20 }, (_, i) => `Feature ${i + 1}`);
  await writeUsageSettings(database.db, {
    keyFeatures: events.slice(0, 5),
    magicMomentEvent: 'Feature 1',
    eventRetentionDays: 400,
  });
  await database.withSession(async (q) => {
    // Each account has a hidden engagement e in [0, 1) (from its id): it drives usage, NPS and tickets, and low
    // engagement makes churn in the 90 days after the as-of day (current_date - 120) more likely.
    await q(`create temporary table truth as
      select gen_random_uuid() as id, g, ((hashtext('e' || g) & 2147483647) % 1000) / 1000.0 as e
      from generate_series(1, ${ACCOUNTS}) g`);
    await q(`insert into accounts (id, external_id, name, industry, country, employees, first_seen_at, traits)
      select id, 'acct-' || g, 'Account ' || g, (array['Software','Retail','Finance','Health','Media'])[1 + g % 5],
        (array['US','GB','DE','FR','JP','BR'])[1 + g % 6], 10 + (hashtext('s' || g) & 4095),
        now() - interval '500 days',
        jsonb_build_object('segment', (array['smb','mid','enterprise'])[1 + g % 3], 'region', (array['na','emea','apac'])[1 + g % 3],
          'channel', (array['direct','partner'])[1 + g % 2], 'score_a', (hashtext('a' || g) & 255), 'score_b', (hashtext('b' || g) & 255),
          'has_sso', g % 4 = 0, 'onboarded_by', (array['team','self'])[1 + g % 2], 'tier', (array['bronze','silver','gold','platinum'])[1 + g % 4])
      from truth`);
    await q(`insert into subscriptions (account_id, id, currency, mrr_minor, seats, billing_period, start_date, end_date, cancelled_at)
      select id, gen_random_uuid(), 'USD', 10000 + (hashtext('m' || g) & 65535), 5 + (hashtext('k' || g) & 15),
        case when g % 3 = 0 then 'year' else 'month' end, current_date - 450,
        case when (hashtext('c' || g) & 1023) / 1024.0 < 0.35 * (1 - e) then current_date - 120 + 1 + (g % 89) end,
        case when (hashtext('c' || g) & 1023) / 1024.0 < 0.35 * (1 - e) then (current_date - 120 + 1 + (g % 89))::timestamptz end
      from truth`);
    // Usage over the 180 days before the as-of day: about 6 + 20·e user-days per account, over 8 users, 20 features.
    await q(`insert into usage_user_daily (account_id, day, user_id, event_name, events)
      select t.id, current_date - 120 - ((hashtext(t.g || ':' || k) & 2147483647) % 180), 'u' || (k % 8),
        'Feature ' || (1 + (hashtext(k || ':' || t.g) & 2147483647) % 20), 1 + k % 5
      from truth t, generate_series(1, 26) k where k <= 6 + 20 * t.e on conflict do nothing`);
    await q(`insert into usage_daily (account_id, day, event_name, events)
      select account_id, day, event_name, sum(events) from usage_user_daily group by 1, 2, 3`);
    await q(`insert into notes (account_id, id, author, body, sentiment, tags, occurred_at)
      select id, gen_random_uuid(), 'csm', 'Check-in', round(e * 4 - 2)::int, case when e < 0.2 then '{budget-cut}'::text[] else '{}' end,
        now() - interval '150 days' from truth`);
    await q(`insert into survey_responses (account_id, id, kind, score, answered_at)
      select id, gen_random_uuid(), 'nps', least(10, (e * 11)::int), now() - interval '160 days' from truth where g % 2 = 0`);
    await q(`insert into tickets (account_id, id, opened_at, closed_at, priority, resolution_minutes)
      select id, gen_random_uuid(), now() - interval '170 days', now() - interval '168 days',
        case when e < 0.3 then 'high' else 'normal' end, 600 from truth where g % 3 = 0`);
    await q('analyze');
  });
  await database.close();
}

async function main() {
  const postgres = await benchPostgres();
  if (!postgres) {
    console.log('bench:predict — skipped: no PostgreSQL (set PACER_BENCH_DATABASE_URL or apt-get install postgresql)');
    return;
  }
  try {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('drop database if exists bench_predict');
    await admin.query('create database bench_predict');
    await admin.end();
    const url = new URL(postgres.url);
    url.pathname = '/bench_predict';
    const seedStarted = performance.now();
    await seed(url.toString());
    console.log(
      `bench:predict — ${ACCOUNTS.toLocaleString('en')} accounts seeded in ${seconds(seedStarted).toFixed(1)} s; ${RUNS} runs`,
    );
    const database = await openDatabase({ databaseUrl: url.toString() });
    const asOf = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
    const figures = {
      baseline: [] as number[],
      features: [] as number[],
      training: [] as number[],
      total: [] as number[],
    };
    const scoring = { probabilities: [] as number[], reasons: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      await computeMeasures(database.db, asOf);
      figures.baseline.push(seconds(started));

      started = performance.now();
      const outcomes = await churnOutcomes(database.db, asOf, 90, { kind: 'contract' });
      const snapshot = await buildFeatureSnapshot(database.db, asOf, [...outcomes.keys()]);
      const labels = Uint8Array.from(snapshot.accountIds, (id) => outcomes.get(id) ?? 0);
      figures.features.push(seconds(started));
      const trainStarted = performance.now();
      const model = await trainInWorker({ snapshot, labels });
      figures.training.push(seconds(trainStarted));
      figures.total.push(seconds(started));

      started = performance.now();
      const p = predictChurn(model, snapshot);
      scoring.probabilities.push(seconds(started));
      started = performance.now();
      churnReasons(model, snapshot, p);
      scoring.reasons.push(seconds(started));
      console.log(
        `  run ${run + 1}: ${snapshot.accountIds.length.toLocaleString('en')} accounts × ${model.encoding.columns.length} encoded features (${labels.reduce((s, v) => s + v, 0).toLocaleString('en')} churned); features ${figures.features.at(-1)?.toFixed(2)} s + training ${figures.training.at(-1)?.toFixed(2)} s (AUC that chose the model: logistic ${model.validation.logistic.auc?.toFixed(3)}, boosting ${model.validation.boosting.auc?.toFixed(3)} → ${model.estimator.kind}; on held-out accounts: ROC-AUC ${model.validation.heldOut?.rocAuc?.toFixed(3) ?? '—'}, Brier ${model.validation.heldOut?.brier?.toFixed(4) ?? '—'}); scoring ${scoring.probabilities.at(-1)?.toFixed(2)} s, reasons ${scoring.reasons.at(-1)?.toFixed(2)} s`,
      );
    }
    await database.close();
    console.log(
      `features + training: median ${median(figures.total).toFixed(2)} s for ${ACCOUNTS.toLocaleString('en')} accounts (features ${median(figures.features).toFixed(2)} s, training ${median(figures.training).toFixed(2)} s; the health measures query alone ${median(figures.baseline).toFixed(2)} s, ratio ${(median(figures.total) / median(figures.baseline)).toFixed(2)})`,
    );
    console.log(
      `scoring: median ${median(scoring.probabilities).toFixed(2)} s for ${ACCOUNTS.toLocaleString('en')} accounts; with every account's reasons ${median(scoring.reasons).toFixed(2)} s more`,
    );
  } finally {
    postgres.stop();
  }
}

await main();
