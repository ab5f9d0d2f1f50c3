import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/keys/api-keys.js';
import { buildFeatureSnapshot } from '../src/predict/feature-snapshot.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface Figure {
  amount: number;
  currency: string;
  inReportingCurrency: boolean;
}
interface RiskList {
  data: { accountId: string; name: string; probability: number; mrr: Figure | null; mrrAtRisk: Figure | null }[];
  nextCursor: string | null;
  summary: { accounts: number; mrr: Figure[]; mrrAtRisk: Figure[]; notConverted: { currency: string }[] };
}
type Issues = { issues: { field: string; message: string }[] };

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe.each(testEngines())('money in ISO 4217 units, converted to the reporting currency, on $engine', ({ open }) => {
  let server: TestServer;
  let admin: Record<string, string>;
  let viewer: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(await open());
    admin = bearer((await createApiKey(server.database.db, 'ops', 'admin')).secret);
    viewer = bearer((await createApiKey(server.database.db, 'board', 'viewer')).secret);
  });
  afterAll(() => server.close());

  const subscribe = (accountId: string, body: Record<string, unknown>) =>
    server.call<Issues & { mrr: number; currency: string }>(
      'POST',
      '/api/subscriptions',
      { accountId, startDate: '2026-01-01', ...body },
      admin,
    );

  it('takes amounts with the minor unit ISO 4217 gives the currency, and names the field it refuses', async () => {
    const account = await server.call<{ id: string }>('POST', '/api/accounts', { name: 'Budapest Kft' }, admin);
    // HUF has 2 decimals and IQD 3 in ISO 4217 (ICU's display digits say 0 for both, and refused these).
    const huf = await subscribe(account.body.id, { mrr: '1234.50', currency: 'HUF' });
    expect(huf.status).toBe(201);
    expect(huf.body).toMatchObject({ mrr: 1234.5, currency: 'HUF' });
    const iqd = await subscribe(account.body.id, { mrr: 1.234, currency: 'IQD' });
    expect(iqd.status).toBe(201);
    expect(iqd.body).toMatchObject({ mrr: 1.234, currency: 'IQD' });
    const jpy = await subscribe(account.body.id, { mrr: 1.5, currency: 'JPY' });
    expect(jpy.status).toBe(400);
    expect(jpy.body.issues).toEqual([{ field: 'mrr', message: 'JPY has no minor unit, so the amount must be whole' }]);
    const unknown = await subscribe(account.body.id, { mrr: 10, currency: 'ABC' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues.map((i) => i.field)).toEqual(['currency']);
    await server.call('DELETE', `/api/accounts/${account.body.id}`, undefined, admin);
  });

  it('lists churn risk in the reporting currency at the rate of the day, keeps currencies without one apart, and leaves trials out', async () => {
    for (const name of ['Tokyo KK', 'Berlin GmbH', 'London Ltd']) {
      ids[name] = (await server.call<{ id: string }>('POST', '/api/accounts', { name }, admin)).body.id;
    }
    expect((await subscribe(ids['Tokyo KK'] as string, { mrr: 150000, currency: 'JPY' })).status).toBe(201);
    expect((await subscribe(ids['Berlin GmbH'] as string, { mrr: '1000.00', currency: 'EUR' })).status).toBe(201);
    // A trial is not revenue: it must not count as MRR, nor as MRR at risk.
    const trial = await subscribe(ids['Berlin GmbH'] as string, { mrr: 500, currency: 'EUR', status: 'trial' });
    expect(trial.status).toBe(201);
    expect((await subscribe(ids['London Ltd'] as string, { mrr: 500, currency: 'GBP' })).status).toBe(201);
    const modelId = uuidv7();
    await sql`insert into churn_models (id, horizon_days, definition, as_of_dates, estimator, model, summary)
      values (${modelId}, 90, '{}'::jsonb, array['2026-06-30']::date[], 'logistic', '{}'::jsonb, '{}'::jsonb)`.execute(
      server.database.db,
    );
    for (const [name, probability] of [
      ['Tokyo KK', 0.5],
      ['Berlin GmbH', 0.25],
      ['London Ltd', 0.75],
    ] as const) {
      await sql`insert into churn_predictions (account_id, as_of, model_id, probability, reasons)
        values (${ids[name]}, '2026-06-30', ${modelId}, ${probability}, '{"raising":[],"lowering":[]}'::jsonb)`.execute(
        server.database.db,
      );
    }

    // No reporting currency yet: every currency on its own, sorted within its currency, never across.
    const apart = await server.call<RiskList>('GET', '/api/churn/risks?sort=mrrAtRisk', undefined, viewer);
    expect(apart.status).toBe(200);
    expect(apart.body.data.map((r) => `${r.name}: ${r.mrrAtRisk?.amount} ${r.mrrAtRisk?.currency}`)).toEqual([
      'Berlin GmbH: 250 EUR', // 0.25 × €1,000.00 (the €500 trial left out)
      'London Ltd: 375 GBP', // 0.75 × £500.00
      'Tokyo KK: 75000 JPY', // 0.5 × ¥150,000
    ]);
    expect(apart.body.summary.mrr.map((m) => `${m.amount} ${m.currency}`)).toEqual([
      '1000 EUR',
      '500 GBP',
      '150000 JPY',
    ]);

    // Features: without a reporting currency the day's main currency (EUR: two of the four live subscriptions)
    // stands in, and MRR in another currency is missing, not added as if it were cents.
    // (The accounts were created today; as customers since 2025 they are in the snapshot of 30 June 2026.)
    await sql`update accounts set first_seen_at = '2025-01-01T00:00:00Z' where id = any(${Object.values(ids)}::uuid[])`.execute(
      server.database.db,
    );
    const currencies: (string | null)[] = [];
    const mrrFeature = async () => {
      const snapshot = await buildFeatureSnapshot(server.database.db, '2026-06-30', Object.values(ids));
      const column = snapshot.columns.find((c) => c.name === 'billing.mrr');
      currencies.push(snapshot.currency ?? null);
      return Object.fromEntries(
        Object.entries(ids).map(([name, id]) => [name, column?.values[snapshot.accountIds.indexOf(id)] ?? null]),
      );
    };
    // Berlin: €1,000.00 + the €500.00 trial live that day = 150000 cents (features read no status: it is not
    // kept as of a day).
    expect(await mrrFeature()).toEqual({ 'Tokyo KK': null, 'Berlin GmbH': 150000, 'London Ltd': null });
    // …and the snapshot says so, for the reasons' words ("MRR €1,500").
    expect(currencies).toEqual(['EUR']);

    // Settings: viewers read, admins write, bad rates named by field.
    const settings = {
      reportingCurrency: 'EUR',
      rates: [
        { currency: 'JPY', date: '2026-01-01', rate: 0.0062 },
        { currency: 'JPY', date: '2026-07-01', rate: '0.0065' },
      ],
    };
    expect((await server.call('PUT', '/api/settings', settings, viewer)).status).toBe(403);
    const bad = await server.call<Issues>(
      'PUT',
      '/api/settings',
      { reportingCurrency: 'EUR', rates: [{ currency: 'JPY', date: '2026-02-30', rate: '-1' }] },
      admin,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.field).sort()).toEqual(['rates.0.date', 'rates.0.rate']);
    const put = await server.call<typeof settings>('PUT', '/api/settings', settings, admin);
    expect(put.status).toBe(200);
    const read = await server.call<typeof settings>('GET', '/api/settings', undefined, viewer);
    expect(read.body).toEqual({
      reportingCurrency: 'EUR',
      rates: [
        { currency: 'JPY', date: '2026-01-01', rate: '0.0062' },
        { currency: 'JPY', date: '2026-07-01', rate: '0.0065' },
      ],
      // Not given, so as it was: no account field is set by tracking calls.
      tracking: { mayUpdate: [] },
    });
    const audit = await server.call<{ data: { entity: string; changes: unknown }[] }>(
      'GET',
      '/api/audit?entity=settings',
      undefined,
      admin,
    );
    expect(audit.body.data[0]?.changes).toMatchObject({ workspace: { reportingCurrency: 'EUR' } });

    // Scored on 30 June: ¥150,000 × 0.0062 = €930.00 (the 1 July rate is not in force yet); at risk 0.5 × that.
    const converted = await server.call<RiskList>('GET', '/api/churn/risks?sort=mrrAtRisk', undefined, viewer);
    expect(converted.body.data.map((r) => [r.name, r.mrr, r.mrrAtRisk])).toEqual([
      [
        'Tokyo KK',
        { amount: 930, currency: 'EUR', inReportingCurrency: true },
        { amount: 465, currency: 'EUR', inReportingCurrency: true },
      ],
      [
        'Berlin GmbH',
        { amount: 1000, currency: 'EUR', inReportingCurrency: true },
        { amount: 250, currency: 'EUR', inReportingCurrency: true },
      ],
      // No GBP rate: the pounds are listed as pounds, after every euro amount, and not added to them.
      [
        'London Ltd',
        { amount: 500, currency: 'GBP', inReportingCurrency: false },
        { amount: 375, currency: 'GBP', inReportingCurrency: false },
      ],
    ]);
    // €930.00 + €1,000.00 = €1,930.00 of MRR; €465.00 + €250.00 = €715.00 at risk; £500.00 and £375.00 apart.
    expect(converted.body.summary.mrr).toEqual([
      { amount: 1930, currency: 'EUR', inReportingCurrency: true },
      { amount: 500, currency: 'GBP', inReportingCurrency: false },
    ]);
    expect(converted.body.summary.mrrAtRisk).toEqual([
      { amount: 715, currency: 'EUR', inReportingCurrency: true },
      { amount: 375, currency: 'GBP', inReportingCurrency: false },
    ]);
    expect(converted.body.summary.notConverted.map((c) => c.currency)).toEqual(['GBP']);
    // The same conversion in the churn features: ¥150,000 → 93000 euro cents; pounds without a rate stay missing.
    expect(await mrrFeature()).toEqual({ 'Tokyo KK': 93000, 'Berlin GmbH': 150000, 'London Ltd': null });
  });

  it('pages the risk list with a cursor beyond 1,000 accounts, each account once, in order', async () => {
    const { rows } = await sql<{ id: string }>`select id from churn_models limit 1`.execute(server.database.db);
    const modelId = rows[0]?.id as string;
    const extra = Array.from({ length: 1010 }, (_, i) => ({ id: uuidv7(), name: `Bulk ${i}`, p: (i % 97) / 100 }));
    await sql`insert into accounts (id, name) select r.id, r.name
      from jsonb_to_recordset(cast(${JSON.stringify(extra)} as jsonb)) as r(id uuid, name text)`.execute(
      server.database.db,
    );
    await sql`insert into churn_predictions (account_id, as_of, model_id, probability, reasons)
      select r.id, '2026-06-30', ${modelId}, r.p, '{"raising":[],"lowering":[]}'::jsonb
      from jsonb_to_recordset(cast(${JSON.stringify(extra)} as jsonb)) as r(id uuid, p real)`.execute(
      server.database.db,
    );
    for (const sort of ['probability', 'mrrAtRisk']) {
      const seen: RiskList['data'] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `/api/churn/risks?sort=${sort}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`;
        const page: { status: number; body: RiskList } = await server.call<RiskList>('GET', query, undefined, viewer);
        expect(page.status).toBe(200);
        expect(page.body.summary.accounts).toBe(1013);
        seen.push(...page.body.data);
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor && pages < 5);
      expect(pages).toBe(2);
      expect(new Set(seen.map((r) => r.accountId)).size).toBe(1013);
    }
    const probabilities = await server.call<RiskList>('GET', '/api/churn/risks?limit=1000', undefined, viewer);
    const p = probabilities.body.data.map((r) => r.probability);
    expect(p).toEqual([...p].sort((a, b) => b - a));
    const wrong = await server.call<Issues>('GET', '/api/churn/risks?cursor=abc', undefined, viewer);
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues[0]?.field).toBe('query.cursor');
  });
});
