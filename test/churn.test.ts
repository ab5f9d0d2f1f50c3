import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { generateWorld } from '../src/demo/generate-world.js';
import { recordEvents } from '../src/events/record-events.js';
import { currentScorecards, type StoredScorecard, saveScorecardVersion } from '../src/health/scorecard-store.js';
import { churnOutcomes } from '../src/predict/churn-outcomes.js';
import { accountRisk, predictChurnRisk, trainChurn } from '../src/predict/churn-service.js';
import { type EvaluationReport, evaluateChurn, formatReport } from '../src/predict/evaluate-churn.js';
import { buildFeatureSnapshot } from '../src/predict/feature-snapshot.js';
import { describeFeature } from '../src/predict/feature-words.js';
import { flushUsageRollups } from '../src/usage/roll-up-usage.js';
import { runPacer } from './support/cli.js';
import { testEngines } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';
import { startTestServer } from './support/test-server.js';

const TODAY = '2026-03-31';
const AS_OF = '2025-10-31';

async function flush(database: Database) {
  while ((await flushUsageRollups(database.db)) > 0) {
    // until the queue is empty
  }
}

describe.each(testEngines())('churn features on $engine', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await generateWorld(database, { seed: 11, accounts: 60, months: 12, shape: 'b2b', today: TODAY });
  }, 120_000);
  afterAll(() => database.close());

  it('are built only from what was known by the as-of day: changing anything later changes nothing', async () => {
    const before = await buildFeatureSnapshot(database.db, AS_OF);
    expect(before.accountIds.length).toBeGreaterThan(30);
    const db = database.db;
    const { rows: accounts } = await sql<{ id: string; external_id: string }>`
      select id, external_id from accounts where first_seen_at < ${AS_OF}::date order by id limit 5`.execute(db);
    const later = '2025-11-15T10:00:00Z';
    // Usage, notes, surveys, tickets and contracts after the day; a champion deactivated today; a new account.
    await recordEvents(
      db,
      accounts.flatMap((a) =>
        ['Report Created', 'Dashboard Viewed', 'A brand new event'].map((name, i) => ({
          messageId: `late-${a.id}-${i}`,
          type: 'track' as const,
          name,
          userId: `late-user-${i}`,
          accountExternalId: a.external_id,
          occurredAt: new Date(later),
          count: 5,
          properties: null,
        })),
      ),
    );
    await flush(database);
    for (const a of accounts) {
      await sql`insert into notes (account_id, id, author, body, sentiment, tags, occurred_at)
        values (${a.id}, ${uuidv7()}, 'csm@example.com', 'Champion left, competitor in', -2, '{champion-left,competitor}', ${later})`.execute(
        db,
      );
      await sql`insert into survey_responses (account_id, id, kind, score, answered_at)
        values (${a.id}, ${uuidv7()}, 'nps', 0, ${later})`.execute(db);
      await sql`insert into tickets (account_id, id, opened_at, priority, status)
        values (${a.id}, ${uuidv7()}, ${later}, 'urgent', 'open')`.execute(db);
      await sql`insert into subscriptions (account_id, id, currency, mrr_minor, start_date, seats)
        values (${a.id}, ${uuidv7()}, 'USD', 99900, '2026-02-15', 40)`.execute(db);
      await sql`update subscriptions set cancelled_at = ${later}, end_date = '2025-12-01', status = 'cancelled'
        where account_id = ${a.id} and (end_date is null or end_date > ${AS_OF}::date) and start_date <= ${AS_OF}::date`.execute(
        db,
      );
      await sql`update contacts set active = false, updated_at = now() where account_id = ${a.id}`.execute(db);
    }
    await sql`insert into accounts (id, name, first_seen_at) values (${uuidv7()}, 'Arrived later', ${later})`.execute(
      db,
    );

    const after = await buildFeatureSnapshot(database.db, AS_OF);
    expect(after.accountIds).toEqual(before.accountIds);
    expect(after.columns.map((c) => c.name)).toEqual(before.columns.map((c) => c.name));
    for (const column of before.columns) {
      expect(after.columns.find((c) => c.name === column.name)?.values, column.name).toEqual(column.values);
    }
    // The outcome, which is about the future, does see the change: those five accounts now churn (their new
    // contract starts after the horizon).
    const outcomes = await churnOutcomes(db, AS_OF, 90, { kind: 'contract' }, TODAY);
    for (const a of accounts) if (outcomes.has(a.id)) expect(outcomes.get(a.id)).toBe(1);
  });
});

describe.each(testEngines())('the health score feature on $engine', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await generateWorld(database, { seed: 12, accounts: 40, months: 12, shape: 'b2b', today: TODAY });
  }, 120_000);
  afterAll(() => database.close());

  it('is the score of the scorecard version in force on the day, never one saved later', async () => {
    const healthScore = async (asOf: string) =>
      (await buildFeatureSnapshot(database.db, asOf)).columns.find((c) => c.name === 'health.score')?.values;
    const before = await healthScore(AS_OF);
    const now = todayUtc();
    const nowBefore = await healthScore(now);
    expect(before?.filter((v) => v !== null).length).toBeGreaterThan(20);
    // A new version of the general scorecard, saved today (as `health backtest --accept` would, fitted on the very
    // outcomes a model predicts): it judges only by its first group, so most scores change under it.
    const general = (await currentScorecards(database.db)).find(
      (s) => s.definition.appliesTo.lifecycleStages.length === 0,
    ) as StoredScorecard;
    const first = general.definition.root.children[0] as (typeof general.definition.root.children)[0];
    await saveScorecardVersion(
      database.db,
      general.name,
      { ...general.definition, root: { ...general.definition.root, children: [{ ...first, weight: 1 }] } },
      'cli',
    );
    // The past day keeps the version it had; today takes the new one.
    expect(await healthScore(AS_OF)).toEqual(before);
    expect(await healthScore(now)).not.toEqual(nowBefore);
  }, 120_000);
});

describe('churn prediction on data with only account traits and contracts (no usage at all)', () => {
  let database: Database;
  // 400 accounts; month-to-month customers without a support plan churn far more often. A rule known beforehand,
  // found from a trait and a subscription fact only.
  beforeAll(async () => {
    database = await (testEngines()[0] as NonNullable<ReturnType<typeof testEngines>[0]>).open();
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const accounts = [];
    const subscriptions = [];
    for (let i = 0; i < 400; i++) {
      const id = uuidv7();
      const monthly = random() < 0.5;
      const support = random() < 0.5;
      const churnRate = monthly ? (support ? 0.25 : 0.6) : support ? 0.03 : 0.1;
      const start = new Date(Date.UTC(2024, 0, 1 + Math.floor(random() * 300)));
      const churns = random() < churnRate;
      // Churners leave at a random point of the year 2025; the others are still live.
      const end = churns ? new Date(Date.UTC(2025, 0, 1 + Math.floor(random() * 330))) : null;
      accounts.push({
        id,
        name: `Customer ${i}`,
        external_id: `c${i}`,
        first_seen_at: start.toISOString(),
        traits: { contract: monthly ? 'Month-to-month' : 'Two year', techSupport: support ? 'Yes' : 'No' },
      });
      subscriptions.push({
        account_id: id,
        id: uuidv7(),
        currency: 'USD',
        mrr_minor: 2000 + Math.floor(random() * 8000),
        billing_period: monthly ? 'month' : 'year',
        start_date: start.toISOString().slice(0, 10),
        end_date: end?.toISOString().slice(0, 10) ?? null,
        cancelled_at: end?.toISOString() ?? null,
      });
    }
    // The traits are what a CRM knew from the start (contract, support plan): the import says so, or past days would
    // not see them (migrations/0010).
    const accountRows = JSON.stringify(accounts);
    await database.db.transaction().execute(async (trx) => {
      await sql`select set_config('pacer.effective_at', '2024-01-01T00:00:00Z', true)`.execute(trx);
      await sql`insert into accounts (id, name, external_id, first_seen_at, traits)
        select id, name, external_id, first_seen_at, traits
        from jsonb_to_recordset(cast(${accountRows} as jsonb))
          as r(id uuid, name text, external_id text, first_seen_at timestamptz, traits jsonb)`.execute(trx);
    });
    await sql`insert into subscriptions (account_id, id, currency, mrr_minor, billing_period, start_date, end_date, cancelled_at)
      select * from jsonb_to_recordset(cast(${JSON.stringify(subscriptions)} as jsonb))
        as r(account_id uuid, id uuid, currency char(3), mrr_minor bigint, billing_period text, start_date date,
             end_date date, cancelled_at timestamptz)`.execute(database.db);
  }, 60_000);
  afterAll(() => database.close());

  it('cross-validates by account and finds the rule, ranking far better than chance', async () => {
    const report = await evaluateChurn(database.db, {
      asOf: '2024-12-31',
      horizonDays: 365,
      folds: 5,
      definition: { kind: 'contract' },
      today: '2026-03-31',
      seeds: 1,
    });
    // Every account live at the end of 2024 is a row; the churners are those whose contract ended in 2025.
    const { rows } = await sql<{ n: number; churned: number }>`
      select count(*)::int as n, count(*) filter (where end_date is not null)::int as churned from subscriptions
      where start_date <= '2024-12-31'`.execute(database.db);
    expect(report.n).toBe(rows[0]?.n);
    expect(report.positives).toBe(rows[0]?.churned);
    expect(report.model.rocAuc).toBeGreaterThan(0.72);
    // With no usage at all, recency knows nothing: a constant ranks at 0.5.
    expect(report.daysSinceLastActive.rocAuc).toBeCloseTo(0.5, 5);
  });

  it('trains, scores every live account and explains the risk with the traits that drive it', async () => {
    const summary = await trainChurn(database.db, { horizonDays: 180, definition: 'contract', today: '2026-03-31' });
    expect(summary.training.positives).toBeGreaterThan(10);
    const { risks } = await predictChurnRisk(database.db, { asOf: '2025-06-30' });
    const { rows: live } = await sql<{ n: number }>`
      select count(distinct account_id)::int as n from subscriptions
      where start_date <= '2025-06-30' and (end_date is null or end_date >= '2025-06-30')
        and (cancelled_at is null or cancelled_at >= '2025-07-01')`.execute(database.db);
    expect(risks.length).toBe(live[0]?.n);
    const riskiest = [...risks].sort((a, b) => b.probability - a.probability)[0];
    const safest = [...risks].sort((a, b) => a.probability - b.probability)[0];
    expect(riskiest?.reasons.raising.map((r) => r.text).join(' ')).toMatch(/Month-to-month|techSupport: No|month/);
    expect(safest?.reasons.lowering.map((r) => r.text).join(' ')).toMatch(/Two year|techSupport: Yes|year/);
    // Each reason carries its parts: the feature's value (and a money feature's currency) word it again exactly,
    // which is what lets the web app word it in another language.
    for (const reason of riskiest?.reasons.raising ?? []) expect(reason.direction).toBe('raising');
    for (const reason of safest?.reasons.lowering ?? []) expect(reason.direction).toBe('lowering');
    for (const reason of [...(riskiest?.reasons.raising ?? []), ...(safest?.reasons.lowering ?? [])]) {
      expect(reason.value).not.toBeUndefined();
      expect(describeFeature(reason.feature, reason.value ?? null, reason.currency)).toBe(reason.text);
    }
    const stored = await accountRisk(database.db, riskiest?.accountId as string);
    expect(stored?.probability).toBeCloseTo(riskiest?.probability as number, 5);
  });
});

describe('churn risk on the account API', () => {
  it('shows the probability and its reasons, and trains from the API', async () => {
    const engine = testEngines()[0] as NonNullable<ReturnType<typeof testEngines>[0]>;
    const database = await engine.open();
    await generateWorld(database, { seed: 5, accounts: 80, months: 12, shape: 'b2b', today: todayUtc() });
    const server = await startTestServer(database);
    try {
      const before = await server.call<{ risk: null; message: string }>(
        'GET',
        `/api/accounts/${(await sql<{ id: string }>`select id from accounts limit 1`.execute(database.db)).rows[0]?.id}/churn-risk`,
      );
      expect(before.body.message).toMatch(/no churn model yet/);
      const trained = await server.call<{ scored: number; model: { estimator: string } }>('POST', '/api/churn/train');
      expect(trained.status).toBe(201);
      expect(trained.body.scored).toBeGreaterThan(20);
      const list = await server.call<{ data: { accountId: string; probability: number }[] }>(
        'GET',
        '/api/churn/risks?limit=5',
      );
      expect(list.body.data).toHaveLength(5);
      const probabilities = list.body.data.map((r) => r.probability);
      expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
      const detail = await server.call<{
        risk: { probability: number; raising: { text: string; points: number }[] };
        model: { horizonDays: number };
      }>('GET', `/api/accounts/${list.body.data[0]?.accountId}/churn-risk`);
      expect(detail.body.risk.probability).toBeCloseTo(probabilities[0] as number, 5);
      expect(detail.body.risk.raising.length).toBeGreaterThan(0);
      expect(detail.body.risk.raising[0]?.points).toBeGreaterThan(0);
      expect(detail.body.model.horizonDays).toBe(90);
      // The portfolio: MRR at risk is the probability times the account's live paying MRR on the scoring day, and the
      // totals cover every scored account, not just the page. The demo bills in USD, JPY, GBP and EUR and reports in
      // USD at the rates its prices were set with (demo-catalog's dollarRates): every amount is in dollars.
      type Figure = { amount: number; currency: string; inReportingCurrency: boolean };
      const portfolio = await server.call<{
        data: {
          accountId: string;
          probability: number;
          asOf: string;
          owner: { id: string } | null;
          mrr: Figure | null;
          mrrAtRisk: Figure | null;
          health: { color: string } | null;
        }[];
        summary: { accounts: number; expectedChurners: number; mrr: Figure[]; mrrAtRisk: Figure[] };
      }>('GET', '/api/churn/risks?limit=1000&sort=mrrAtRisk');
      const { rows: scored } = await sql<{ n: number; expected: number }>`
        select count(*)::int as n, sum(probability)::float8 as expected from churn_predictions`.execute(database.db);
      expect(portfolio.body.summary.accounts).toBe(scored[0]?.n);
      expect(portfolio.body.summary.expectedChurners).toBeCloseTo(scored[0]?.expected as number, 1);
      const top = portfolio.body.data[0];
      const { rows: live } = await sql<{ minor: number; currency: string }>`
        select sum(mrr_minor)::float8 as minor, min(currency) as currency from subscriptions
        where account_id = ${top?.accountId} and status = 'active' and start_date <= ${top?.asOf}::date
          and (end_date is null or end_date >= ${top?.asOf}::date)`.execute(database.db);
      // Minor units to major by the currency's ISO 4217 decimals (JPY none, the others two), then to dollars.
      const currency = live[0]?.currency as 'USD' | 'JPY' | 'EUR' | 'GBP';
      const liveMrr = (live[0]?.minor as number) / 10 ** (currency === 'JPY' ? 0 : 2);
      const dollars = liveMrr / { USD: 1, JPY: 150, EUR: 0.92, GBP: 0.79 }[currency];
      expect(top?.mrr?.currency).toBe('USD');
      expect(top?.mrr?.inReportingCurrency).toBe(true);
      expect(top?.mrr?.amount).toBeCloseTo(dollars, 1);
      expect(top?.mrrAtRisk?.amount).toBeCloseTo((top?.probability as number) * dollars, 1);
      // One currency, so one order by amount and one total that adds the rows' figures (each rounded to the cent).
      const amounts = portfolio.body.data.flatMap((r) => (r.mrrAtRisk ? [r.mrrAtRisk.amount] : []));
      expect(portfolio.body.data.every((r) => r.mrrAtRisk === null || r.mrrAtRisk.currency === 'USD')).toBe(true);
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
      expect(portfolio.body.summary.mrrAtRisk).toHaveLength(1);
      expect(portfolio.body.summary.mrrAtRisk[0]?.amount).toBeCloseTo(
        amounts.reduce((sum, a) => sum + a, 0),
        6,
      );
      expect(portfolio.body.data.filter((r) => r.health !== null).length).toBeGreaterThan(0);
      const owned = portfolio.body.data.find((r) => r.owner !== null);
      expect(owned).toBeDefined();
      if (owned?.owner) {
        const mine = await server.call<{ data: { owner: { id: string } }[] }>(
          'GET',
          `/api/churn/risks?limit=1000&ownerId=${owned.owner.id}`,
        );
        expect(mine.body.data.length).toBeGreaterThan(0);
        expect(mine.body.data.every((r) => r.owner.id === owned.owner?.id)).toBe(true);
      }
      const badOwner = await server.call<{ issues: { field: string }[] }>('GET', '/api/churn/risks?ownerId=someone');
      expect(badOwner.status).toBe(400);
      expect(badOwner.body.issues.map((i) => i.field)).toEqual(['query.ownerId']);

      const bad = await server.call<{ issues: { field: string }[] }>('PUT', '/api/settings/churn', {
        horizonDays: 3,
        definition: 'sometimes',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.issues.map((i) => i.field).sort()).toEqual(['definition', 'horizonDays']);
    } finally {
      await server.close();
    }
  }, 120_000);
});

function todayUtc() {
  return new Date().toISOString().slice(0, 10);
}

describe('pacer churn, from the command line', () => {
  it('evaluates, backtests, trains and predicts on a demo world, and refuses bad options with a reason', () => {
    const data = join(tempDir('churn'), 'data');
    expect(
      runPacer(['demo', 'generate', '--accounts', '80', '--months', '12', '--seed', '3', '--data', data], {}, 180_000)
        .status,
    ).toBe(0);

    const backtest = runPacer(['churn', 'backtest', '--json', '--seeds', '2', '--data', data], {}, 300_000);
    expect(backtest.stderr).toBe('');
    const report = JSON.parse(backtest.stdout) as EvaluationReport;
    expect(report.method).toBe('backtest');
    expect(report.seeds.seeds).toEqual([1, 2]);
    expect(report.untilFrom).toBe('data');
    expect(formatReport(report)).toMatch(
      /Data span: month-ends \d{4}-\d{2}-\d{2} … \d{4}-\d{2}-\d{2}, outcomes known up to \d{4}-\d{2}-\d{2} \(the last day with data\)/,
    );
    expect(formatReport(report)).toMatch(
      /The model over 2 seeds .*\n {2}ROC-AUC median \d\.\d{3} \(\d\.\d{3}–\d\.\d{3}\)/,
    );
    expect(report.testedDates.length).toBeGreaterThan(0);
    for (const key of ['model', 'healthScore', 'daysSinceLastActive'] as const) {
      expect(report[key].n).toBe(report.n);
      expect(report[key].rocAuc).toBeGreaterThan(0);
      expect(report[key].calibration.reduce((s, b) => s + b.n, 0)).toBe(report.n);
    }
    // Every tested row is one account on one month-end: never more rows than accounts × dates.
    expect(report.n).toBeLessThanOrEqual(80 * report.testedDates.length);

    // The last tested month-end has the most accounts behind it: enough churners for every fold.
    const asOf = report.testedDates.at(-1) as string;
    const evaluate = runPacer(
      ['churn', 'evaluate', '--as-of', asOf, '--folds', '3', '--seeds', '1', '--data', data],
      {},
      120_000,
    );
    // 80 accounts on one day may leave a fold with too few churners to learn from: then it must say so, plainly.
    if (evaluate.status === 0) {
      expect(evaluate.stdout).toMatch(/Churn cross-validation as of .*: 3 folds by account/);
      expect(evaluate.stdout).toMatch(/ROC-AUC\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}/);
    } else {
      expect(evaluate.stderr).toMatch(/^pacer: too little history to learn from: \d+ account-dates with \d+ churned/);
    }

    const train = runPacer(['churn', 'train', '--data', data], {}, 120_000);
    expect(train.stdout).toMatch(/Trained churn model/);
    const out = join(tmpdir(), `churn-${Date.now()}.csv`);
    const predict = runPacer(['churn', 'predict', '--out', out, '--top', '3', '--data', data], {}, 120_000);
    expect(predict.stdout).toMatch(/Scored \d+ accounts/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('account_id,external_id,name,churn_probability,raising_risk,lowering_risk');
    const probabilities = lines.slice(1).map((line) => Number(/,(0\.\d{4}|1\.0000),/.exec(line)?.[1]));
    expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));

    const badDate = runPacer(['churn', 'evaluate', '--as-of', '2025-13-45', '--data', data]);
    expect(badDate.status).toBe(1);
    expect(badDate.stderr).toMatch(/--as-of must be a date written YYYY-MM-DD/);
    const badUntil = runPacer(['churn', 'backtest', '--until', '2999-01-01', '--data', data]);
    expect(badUntil.stderr).toMatch(/--until 2999-01-01 is after today/);
    const badDefinition = runPacer(['churn', 'backtest', '--definition', 'sometimes', '--data', data]);
    expect(badDefinition.stderr).toMatch(/churn definition "sometimes": use contract, inactivity, event:NAME or auto/);
  }, 600_000);
});
