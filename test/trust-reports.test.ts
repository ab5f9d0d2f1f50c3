import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { Executor } from '../src/db/executor.js';
import { generateWorld } from '../src/demo/generate-world.js';
import { backtestHealth } from '../src/health/backtest-health.js';
import { currentScorecards } from '../src/health/scorecard-store.js';
import { parseChurnDefinition } from '../src/predict/churn-outcomes.js';
import { backtestChurnOn, collectBacktestData, type EvaluationReport } from '../src/predict/evaluate-churn.js';
import { latestTrustReport, storeTrustReport, TRUST_SEEDS } from '../src/trust/trust-reports.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/until.js';

// "How far to trust the scores" on the API: the stored reports carry what the view draws, equal what the
// evaluations compute directly, are recomputed by leaders only, and accepting suggested weights saves a version.

const uuid = (kind: number, i: number) =>
  `01900000-0000-7000-8000-${String(kind).padStart(4, '0')}${String(i).padStart(8, '0')}`;

/**
 * test/health-backtest.test.ts's export (ten monthly customers who stay, fourteen who leave one a month from
 * 15 November 2023 to 15 December 2024, each saying NPS 0 ninety days before it leaves; data ends 31 December 2024),
 * plus one more leaver who never says so: "Quiet Leaver" leaves on 15 August 2024 with nothing to warn of it.
 */
async function seedExport(db: Executor): Promise<void> {
  for (let i = 0; i < 25; i++) {
    const quiet = i === 24;
    const leaves = i >= 10;
    const account = uuid(1, i);
    await sql`insert into accounts (id, external_id, name, lifecycle_stage, first_seen_at)
      values (${account}, ${`a${i}`}, ${quiet ? 'Quiet Leaver' : `Account ${i}`}, 'adoption', '2023-01-01T00:00:00Z')`.execute(
      db,
    );
    const left = quiet
      ? '2024-08-15'
      : leaves
        ? `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-15`
        : null;
    await sql`insert into subscriptions (account_id, id, currency, mrr_minor, start_date, end_date, status, cancelled_at)
      values (${account}, ${uuid(2, i)}, 'USD', 10000, '2023-01-01', ${left}::date,
        ${leaves ? 'cancelled' : 'active'}, ${left ? `${left}T10:00:00Z` : null}::timestamptz)`.execute(db);
    await sql`insert into survey_responses (account_id, id, kind, score, answered_at)
      values (${account}, ${uuid(3, i)}, 'nps', 10, '2023-01-15T12:00:00Z')`.execute(db);
    if (left && !quiet) {
      await sql`insert into survey_responses (account_id, id, kind, score, answered_at)
        values (${account}, ${uuid(6, i)}, 'nps', 0, (${left}::date - 90) + time '12:00')`.execute(db);
    }
  }
  await sql`insert into usage_daily (account_id, day, event_name, events)
    values (${uuid(1, 0)}, '2024-12-31', 'Report Created', 1)`.execute(db);
}

interface Session {
  cookie: string;
  'x-csrf-token': string;
}

/** A signed-in person of each role, calling as the web app does (cookie and CSRF token). */
async function signedIn(server: TestServer, role: 'viewer' | 'csm' | 'leader'): Promise<Session> {
  const email = `${role}@trust.example`;
  const password = 'trust test password';
  expect((await server.call('POST', '/api/users', { email, name: role, role, password })).status).toBe(201);
  const answer = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(answer.status).toBe(200);
  const csrf = ((await answer.json()) as { csrfToken: string }).csrfToken;
  return { cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0] as string, 'x-csrf-token': csrf };
}

type Answer = {
  state: string;
  reportId: string | null;
  computedBy: string | null;
  lastError: { code: string; message: string } | null;
  stale?: boolean;
  judgement?: { better: boolean; reason: string } | null;
  report: Record<string, unknown> | null;
};

describe.each(testEngines())('trust reports on the API, on $engine', ({ open }) => {
  let server: TestServer;
  let viewer: Session;
  let csm: Session;
  let leader: Session;

  beforeAll(async () => {
    server = await startTestServer(await open());
    viewer = await signedIn(server, 'viewer');
    csm = await signedIn(server, 'csm');
    leader = await signedIn(server, 'leader');
  });
  afterAll(() => server.close());

  const call = <T = Answer>(method: string, path: string, as: Session, body?: unknown) =>
    server.call<T>(method, path, body, { authorization: '', ...as });

  it('says there is nothing to judge yet, and only a leader may recompute', async () => {
    const health = await call('GET', '/api/trust/health-backtest', viewer);
    expect(health.status).toBe(200);
    expect([health.body.state, health.body.report]).toEqual(['not_enough_history', null]);
    expect(health.body.lastError?.message).toMatch(/^nothing to judge: there is no dated data yet/);
    const churn = await call('GET', '/api/trust/churn-evaluation', viewer);
    expect([churn.body.state, churn.body.report]).toEqual(['not_enough_history', null]);
    for (const path of ['/api/trust/health-backtest', '/api/trust/churn-evaluation']) {
      expect((await call('POST', path, viewer)).status).toBe(403);
      expect((await call('POST', path, csm)).status).toBe(403);
      const refused = await call<{ error: string }>('POST', path, leader);
      expect([refused.status, refused.body.error]).toEqual([409, 'not_enough_history']);
    }
  });

  it('stores the health backtest with what the view draws: churn by colour, watermelons by name', async () => {
    await seedExport(server.database.db);
    const started = await call('POST', '/api/trust/health-backtest', leader);
    expect(started.status).toBe(202);
    expect(started.body.state).toBe('computing');
    const done = await until(
      async () => (await call('GET', '/api/trust/health-backtest', viewer)).body,
      (body) => body.state !== 'computing',
      60_000,
    );
    expect(done.state).toBe('ready');
    expect(done.computedBy).toMatch(/^user:.* \(leader@trust\.example\)$/);
    expect(done.stale).toBe(false);
    const report = done.report as unknown as Awaited<ReturnType<typeof backtestHealth>>;
    // The same figures as the backtest computes directly.
    expect(report).toEqual(await backtestHealth(server.database.db, { horizonDays: 90 }));
    // By hand. Month-ends replayed: 31 October 2023 … 30 September 2024 (twelve). The 14 warned leavers score red
    // (28.3) on the three month-ends before they leave (they said NPS 0 ninety days before) and churn on each:
    // 3 × 12 = 36 red account-months, all churned. Every other account-month scores green (82.5): the 10 stayers
    // × 12 = 120, the warned leavers' earlier months (102 live months − 36 = 66), and Quiet Leaver's 10 live
    // month-ends (to 31 July 2024), three of which (31 May, 30 June, 31 July: within 90 days of 15 August)
    // churned. Green: 120 + 66 + 10 = 196 account-months, 3 churned.
    expect(report.byColor).toEqual({
      green: { accounts: 196, churned: 3, churnRate: 3 / 196 },
      yellow: { accounts: 0, churned: 0, churnRate: null },
      red: { accounts: 36, churned: 36, churnRate: 1 },
    });
    // Watermelons: of the 15 churners, only Quiet Leaver was green 30 days before its contract ended.
    expect(report.watermelons).toMatchObject({ churners: 15, greenThirtyDaysBefore: 1, share: 1 / 15 });
    expect(report.watermelons.accounts).toEqual([
      { accountId: uuid(1, 24), name: 'Quiet Leaver', endedOn: '2024-08-15', scoredOn: '2024-07-16', score: 82.5 },
    ]);
  });

  it('backtests a proposed scorecard beside the saved one, and names the field a bad one gets wrong', async () => {
    const db = server.database.db;
    const saved = (await currentScorecards(db)).find((s) => s.definition.appliesTo.lifecycleStages.length === 0);
    if (!saved) throw new Error('no general scorecard');
    const path = `/api/scorecards/${encodeURIComponent(saved.name)}/backtest`;
    type Summary = { scorecardVersion: number; n: number; auc: number | null; byColor: unknown; asOfDates: string[] };
    const same = await call<{ current: Summary; proposed: Summary }>('POST', path, leader, saved.definition);
    expect(same.status).toBe(200);
    // The same definition replays to the same figures, over the same month-ends.
    expect(same.body.proposed).toEqual({ ...same.body.current, scorecardVersion: 0 });
    expect(same.body.current.scorecardVersion).toBe(saved.version);
    expect(same.body.current.n).toBe(232);
    // Red below 90: every green account-month (82.5, see above) turns red.
    const stricter = await call<{ proposed: { byColor: { green: { accounts: number }; red: { accounts: number } } } }>(
      'POST',
      path,
      leader,
      { ...saved.definition, thresholds: { red: 90, yellow: 95 } },
    );
    expect(stricter.body.proposed.byColor.green.accounts).toBe(0);
    expect(stricter.body.proposed.byColor.red.accounts).toBe(232);
    const fresh = await call<{ current: null; proposed: Summary }>(
      'POST',
      '/api/scorecards/Brand%20new/backtest',
      leader,
      saved.definition,
    );
    expect(fresh.body.current).toBeNull();

    expect((await call('POST', path, csm, saved.definition)).status).toBe(403);
    const bad = await call<{ issues: { field: string }[] }>('POST', path, leader, {
      ...saved.definition,
      thresholds: { red: 'low', yellow: 70 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.field)).toContain('thresholds.red');
  });
  it('accepts suggested weights that did better on held-out month-ends: a new version, audited', async () => {
    const db = server.database.db;
    const latest = await latestTrustReport(db, 'health-backtest');
    if (!latest) throw new Error('no stored report');
    const general = (await currentScorecards(db)).find((s) => s.name === latest.report.scorecard);
    const groups = general?.definition.root.children ?? [];
    // A report whose suggestion ranked the held-out month-ends better (0.8 against 0.7): all weight on the first
    // group.
    const suggested = {
      ...latest.report,
      suggestion: {
        groups: groups.map((g, i) => ({
          name: g.type === 'group' ? g.name : g.measure,
          weight: g.weight,
          suggestedWeight: i === 0 ? 100 : 0,
        })),
        fittedOn: ['2023-10-31'],
        judgedOn: ['2024-09-30'],
        current: { n: 10, positives: 2, auc: 0.7, liftTopDecile: 1 },
        suggested: { n: 10, positives: 2, auc: 0.8, liftTopDecile: 2 },
      },
    };
    const reportId = await storeTrustReport(db, 'health-backtest', suggested, 'test', 0.1);
    const shown = await call('GET', '/api/trust/health-backtest', viewer);
    expect(shown.body.reportId).toBe(reportId);
    expect(shown.body.judgement?.better).toBe(true);

    const bad = await call<{ issues: { field: string }[] }>('POST', '/api/trust/health-backtest/accept', leader, {
      reportId: 'last one',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.field)).toEqual(['reportId']);
    const missing = await call<{ issues: { field: string; message: string }[] }>(
      'POST',
      '/api/trust/health-backtest/accept',
      leader,
      {},
    );
    expect(missing.body.issues).toEqual([{ field: 'reportId', message: 'required' }]);
    expect((await call('POST', '/api/trust/health-backtest/accept', csm, { reportId })).status).toBe(403);
    const older = await call<{ error: string }>('POST', '/api/trust/health-backtest/accept', leader, {
      reportId: uuid(9, 1),
    });
    expect([older.status, older.body.error]).toEqual([409, 'stale_report']);

    const accepted = await call<{ version: number; weights: { weight: number }[] }>(
      'POST',
      '/api/trust/health-backtest/accept',
      leader,
      { reportId },
    );
    expect(accepted.status).toBe(201);
    expect(accepted.body.version).toBe((general?.version ?? 0) + 1);
    const saved = (await currentScorecards(db)).find((s) => s.name === latest.report.scorecard);
    expect(saved?.version).toBe(accepted.body.version);
    // Weights of 0 are kept as 0.0001 so the group stays in the scorecard (withSuggestedWeights).
    expect(saved?.definition.root.children.map((c) => c.weight)).toEqual(
      groups.map((_, i) => (i === 0 ? 100 : 0.0001)),
    );
    const { rows } = await sql<{ actor: string; entity: string; changes: { version: number; reportId: string } }>`
      select actor, entity, changes from audit_log where action = 'accept weights'`.execute(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor).toMatch(/\(leader@trust\.example\)$/);
    expect(rows[0]).toMatchObject({
      entity: 'scorecard',
      changes: { name: latest.report.scorecard, version: accepted.body.version, reportId },
    });
    // The report now describes an older version: shown as stale, and accepting it again saves nothing.
    expect((await call('GET', '/api/trust/health-backtest', viewer)).body.stale).toBe(true);
    const again = await call<{ error: string; message: string }>('POST', '/api/trust/health-backtest/accept', leader, {
      reportId,
    });
    expect([again.status, again.body.error]).toEqual([409, 'not_accepted']);
    expect(again.body.message).toMatch(/changed since the backtest/);
  });
});

describe.each(testEngines())('the churn evaluation on the API, on $engine', ({ open }) => {
  let database: Database;
  let server: TestServer;
  let leader: Session;
  let csm: Session;
  beforeAll(async () => {
    database = await open();
    await generateWorld(database, { seed: 11, accounts: 40, months: 12, shape: 'b2b', today: '2026-03-31' });
    server = await startTestServer(database);
    leader = await signedIn(server, 'leader');
    csm = await signedIn(server, 'csm');
  }, 180_000);
  afterAll(() => server.close());

  it('is computed on first request, holds the three predictors on the same held-out rows, and equals the backtest', async () => {
    const call = <T = Answer>(method: string, path: string, as: Session) =>
      server.call<T>(method, path, undefined, { authorization: '', ...as });
    const first = await call('GET', '/api/trust/churn-evaluation', csm);
    expect(first.body.state).toBe('computing');
    expect((await call('POST', '/api/trust/churn-evaluation', csm)).status).toBe(403);
    // A leader asking while it computes joins the running job.
    expect((await call('POST', '/api/trust/churn-evaluation', leader)).body.state).toBe('computing');
    const done = await until(
      async () => (await call('GET', '/api/trust/churn-evaluation', csm)).body,
      (body) => body.state !== 'computing',
      300_000,
    );
    expect(done.lastError).toBeNull();
    expect([done.state, done.computedBy]).toEqual(['ready', 'pacer']);
    const report = done.report as unknown as EvaluationReport;
    const options = {
      horizonDays: 90,
      definition: await parseChurnDefinition(database.db, 'auto'),
      seeds: TRUST_SEEDS,
    };
    const progress: [number, number][] = [];
    const direct = backtestChurnOn(await collectBacktestData(database.db, options), options, (done, total) =>
      progress.push([done, total]),
    );
    expect(report).toEqual(JSON.parse(JSON.stringify(direct)));
    // Progress: one call per model trained, every seed, ending at the total; each tested month-end had one per seed.
    expect(progress.map(([done]) => done)).toEqual(progress.map((_, i) => i + 1));
    const total = progress.at(-1)?.[1] as number;
    expect(progress.at(-1)?.[0]).toBe(total);
    expect(total).toBeGreaterThanOrEqual(report.testedDates.length * TRUST_SEEDS);
    // Each predictor is measured on the same held-out account-months.
    for (const figures of [report.model, report.healthScore, report.daysSinceLastActive]) {
      expect([figures.n, figures.positives]).toEqual([report.n, report.positives]);
      expect(figures.rocAuc).not.toBeNull();
      expect(figures.calibration.reduce((sum, bin) => sum + bin.n, 0)).toBe(report.n);
    }
    for (const curve of Object.values(report.roc)) {
      expect(curve[0]).toEqual({ fpr: 0, tpr: 0 });
      expect(curve.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    }
    expect(report.seeds.seeds).toEqual([1, 2, 3]);
  }, 600_000);
});
