import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../src/shared/calendar.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/until.js';

interface Money {
  amount: string;
  currency: string;
}
interface Row {
  id: string;
  name: string;
  externalId: string | null;
  health: { score: number | null; colour: string | null; trend: number | null; overridden: boolean };
  churnRisk: number | null;
  mrr: Money | null;
  arr: Money | null;
  mrrAtRisk: Money | null;
  renewalDate: string | null;
  owner: { id: string; name: string } | null;
  lifecycleStage: string | null;
  tier: string | null;
  lastActiveAt: string | null;
}
interface Page {
  data: Row[];
  nextCursor: string | null;
  total: number;
}
interface Summary {
  accounts: number;
  mrr: Money[];
  mrrAtRisk: Money[];
  byColour: Record<string, number>;
  renewalsNext90Days: { count: number; mrr: Money[] };
}

// A book of five accounts, reporting in USD with a EUR rate of 1.1 and no JPY rate:
//   Alpha   (Chika, adoption, high_touch) $1,000.00/month, renews in 10 days; health 40 red, 55 thirty days before
//           (trend −15); risk 0.5 → $500.00 at risk; active 3 days ago
//   Bravo   (Olaf, low_touch) €2,000.00 → $2,200.00 (+ a €500 trial, not revenue), renews in 65 days; 70 yellow;
//           risk 0.25 → $550.00
//   Charlie (Chika) ¥300,000, no rate: stays ¥300,000, renews in 265 days; 90 green; risk 0.1 → ¥30,000
//   Delta   (no owner) $100.00, renews in 25 days; no health, no risk
//   Echo    (Chika) $400.00 yearly-renewing in 120 days; 20 red; risk 0.9 → $360.00 (0.9 as a real is
//           0.8999999762, × 40000 cents = 35999.999 → 36000)
describe.each(testEngines())('the portfolio, on $engine', ({ open }) => {
  let server: TestServer;
  const day = today();
  const ids: Record<string, string> = {};
  const subscriptionIds: Record<string, string> = {};
  const users: Record<string, string> = {};
  let chikaCookie = '';
  let modelId = '';

  const page = async (query: string, headers?: Record<string, string>) => {
    const answer = await server.call<Page>('GET', `/api/portfolio${query}`, undefined, headers);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const names = async (query: string) => (await page(query)).data.map((r) => r.name);
  const summary = async (query = '') => {
    const answer = await server.call<Summary>('GET', `/api/portfolio/summary${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const db = () => server.database.db;
  const snapshot = (name: string, asOf: string, score: number, colour: string) =>
    sql`insert into health_scores (account_id, as_of, scorecard, scorecard_version, score, color, computed_color, inputs)
      values (${ids[name]}, ${asOf}::date, 'default', 1, ${score}, ${colour}, ${colour}, '{"values":{},"overrides":[]}'::jsonb)
      on conflict (account_id, as_of) do update set score = excluded.score, color = excluded.color,
        computed_color = excluded.computed_color, inputs = excluded.inputs`.execute(db());
  const predict = (name: string, probability: number) =>
    sql`insert into churn_predictions (account_id, as_of, model_id, probability, reasons)
      values (${ids[name]}, ${day}::date, ${modelId}, ${probability}, '{"raising":[],"lowering":[]}'::jsonb)
      on conflict (account_id, as_of) do update set probability = excluded.probability`.execute(db());

  beforeAll(async () => {
    server = await startTestServer(await open());
    for (const [name, role] of [
      ['Chika', 'csm'],
      ['Olaf', 'csm'],
    ] as const) {
      const made = await server.call<{ id: string }>('POST', '/api/users', {
        email: `${name.toLowerCase()}@pacer.example`,
        name,
        role,
        password: 'correct horse battery',
      });
      expect(made.status).toBe(201);
      users[name] = made.body.id;
    }
    expect(
      (
        await server.call('PUT', '/api/settings', {
          reportingCurrency: 'USD',
          rates: [{ currency: 'EUR', date: '2000-01-01', rate: '1.1' }],
        })
      ).status,
    ).toBe(200);
    const accounts = [
      {
        name: 'Alpha',
        externalId: 'a-1',
        ownerId: users.Chika,
        lifecycleStage: 'adoption',
        coverageTier: 'high_touch',
      },
      { name: 'Bravo', domain: 'bravo.example', ownerId: users.Olaf, coverageTier: 'low_touch' },
      { name: 'Charlie', ownerId: users.Chika },
      { name: 'Delta' },
      { name: 'Echo', ownerId: users.Chika },
    ];
    for (const account of accounts) {
      const made = await server.call<{ id: string }>('POST', '/api/accounts', account);
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      ids[account.name] = made.body.id;
    }
    const subscriptions: [string, Record<string, unknown>][] = [
      ['Alpha', { mrr: '1000.00', currency: 'USD', startDate: addDays(day, -20), renewalDate: addDays(day, 10) }],
      [
        'Bravo',
        {
          mrr: '2000.00',
          currency: 'EUR',
          billingPeriod: 'year',
          startDate: addDays(day, -300),
          renewalDate: addDays(day, 65),
        },
      ],
      ['Bravo-trial', { mrr: 500, currency: 'EUR', status: 'trial', startDate: addDays(day, -3) }],
      [
        'Charlie',
        {
          mrr: 300000,
          currency: 'JPY',
          billingPeriod: 'year',
          startDate: addDays(day, -100),
          renewalDate: addDays(day, 265),
        },
      ],
      ['Delta', { mrr: 100, currency: 'USD', startDate: addDays(day, -5), renewalDate: addDays(day, 25) }],
      [
        'Echo',
        {
          mrr: 400,
          currency: 'USD',
          billingPeriod: 'year',
          startDate: addDays(day, -400),
          renewalDate: addDays(day, 120),
        },
      ],
    ];
    for (const [key, body] of subscriptions) {
      const made = await server.call<{ id: string }>('POST', '/api/subscriptions', {
        accountId: ids[key.replace('-trial', '')],
        ...body,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      subscriptionIds[key] = made.body.id;
    }
    await sql`insert into usage_daily (account_id, day, event_name, events)
      values (${ids.Alpha}, ${addDays(day, -3)}::date, 'report.viewed', 4)`.execute(db());
    // The server's health worker scores the accounts these changes marked; wait for it, then write the book's
    // own snapshots over today's.
    await until(
      async () => (await sql<{ n: number }>`select count(*)::int as n from health_dirty`.execute(db())).rows[0]?.n,
      (n) => n === 0,
    );
    await sql`delete from health_scores`.execute(db());
    await snapshot('Alpha', addDays(day, -30), 55, 'yellow');
    await snapshot('Alpha', day, 40, 'red');
    await snapshot('Bravo', day, 70, 'yellow');
    await snapshot('Charlie', day, 90, 'green');
    await snapshot('Echo', day, 20, 'red');
    modelId = uuidv7();
    await sql`insert into churn_models (id, horizon_days, definition, as_of_dates, estimator, model, summary)
      values (${modelId}, 90, '{}'::jsonb, array[${day}]::date[], 'logistic', '{}'::jsonb, '{}'::jsonb)`.execute(db());
    await predict('Alpha', 0.5);
    await predict('Bravo', 0.25);
    await predict('Charlie', 0.1);
    await predict('Echo', 0.9);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'chika@pacer.example', password: 'correct horse battery' }),
    });
    expect(login.status).toBe(200);
    chikaCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  });
  afterAll(() => server.close());

  it('shows each account with its latest health, risk, money in the reporting currency, renewal, owner and activity', async () => {
    const all = await page('');
    expect(all.total).toBe(5);
    const alpha = all.data.find((r) => r.name === 'Alpha');
    expect(alpha).toEqual({
      id: ids.Alpha,
      name: 'Alpha',
      externalId: 'a-1',
      health: { score: 40, colour: 'red', trend: -15, overridden: false },
      churnRisk: 0.5,
      mrr: { amount: '1000.00', currency: 'USD' },
      arr: { amount: '12000.00', currency: 'USD' },
      mrrAtRisk: { amount: '500.00', currency: 'USD' },
      renewalDate: addDays(day, 10),
      owner: { id: users.Chika, name: 'Chika' },
      lifecycleStage: 'adoption',
      tier: 'high_touch',
      lastActiveAt: `${addDays(day, -3)}T00:00:00.000Z`,
    });
    const byName = Object.fromEntries(all.data.map((r) => [r.name, r]));
    // €2,000.00 × 1.1 = $2,200.00; the €500 trial is not revenue. 0.25 × $2,200.00 = $550.00.
    expect(byName.Bravo?.mrr).toEqual({ amount: '2200.00', currency: 'USD' });
    expect(byName.Bravo?.mrrAtRisk).toEqual({ amount: '550.00', currency: 'USD' });
    expect(byName.Bravo?.health).toEqual({ score: 70, colour: 'yellow', trend: null, overridden: false });
    expect(byName.Bravo?.renewalDate).toBe(addDays(day, 65));
    // No JPY rate: its own currency, never added to dollars. 0.1 × ¥300,000 = ¥30,000.
    expect(byName.Charlie?.mrr).toEqual({ amount: '300000', currency: 'JPY' });
    expect(byName.Charlie?.mrrAtRisk).toEqual({ amount: '30000', currency: 'JPY' });
    expect(byName.Delta).toMatchObject({
      health: { score: null, colour: null, trend: null, overridden: false },
      churnRisk: null,
      mrr: { amount: '100.00', currency: 'USD' },
      mrrAtRisk: null,
      owner: null,
      renewalDate: addDays(day, 25),
      lastActiveAt: null,
    });
    expect(byName.Echo?.mrrAtRisk).toEqual({ amount: '360.00', currency: 'USD' });
  });

  it('sorts with accounts lacking the figure last, in either direction', async () => {
    // Default -mrrAtRisk: dollars largest first (550, 500, 360), then yen, then Delta with no risk.
    expect(await names('')).toEqual(['Bravo', 'Alpha', 'Echo', 'Charlie', 'Delta']);
    expect(await names('?sort=-risk')).toEqual(['Echo', 'Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(await names('?sort=risk')).toEqual(['Charlie', 'Bravo', 'Alpha', 'Echo', 'Delta']);
    expect(await names('?sort=health')).toEqual(['Echo', 'Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(await names('?sort=-health')).toEqual(['Charlie', 'Bravo', 'Alpha', 'Echo', 'Delta']);
    // Dollars 2200, 1000, 400, 100, then the yen account apart.
    expect(await names('?sort=-mrr')).toEqual(['Bravo', 'Alpha', 'Echo', 'Delta', 'Charlie']);
    expect(await names('?sort=-name')).toEqual(['Echo', 'Delta', 'Charlie', 'Bravo', 'Alpha']);
    // Renewals in 10, 25, 65, 120 and 265 days.
    expect(await names('?sort=renewal')).toEqual(['Alpha', 'Delta', 'Bravo', 'Echo', 'Charlie']);
    expect(await names('?sort=-lastActive')).toEqual([
      'Alpha',
      ...['Bravo', 'Charlie', 'Delta', 'Echo'].sort().reverse(),
    ]);
  });

  it('filters by search, colour, owner, stage, tier and renewal window', async () => {
    expect(await names('?search=ECH')).toEqual(['Echo']);
    expect(await names('?search=bravo.example')).toEqual(['Bravo']);
    expect(await names('?search=a-1')).toEqual(['Alpha']);
    expect(await names('?colour=red&sort=name')).toEqual(['Alpha', 'Echo']);
    expect(await names('?colour=green,none&sort=name')).toEqual(['Charlie', 'Delta']);
    expect(await names(`?owner=${users.Olaf}`)).toEqual(['Bravo']);
    expect(await names('?owner=none')).toEqual(['Delta']);
    expect(await names('?stage=adoption')).toEqual(['Alpha']);
    expect(await names('?tier=low_touch')).toEqual(['Bravo']);
    expect(await names('?renewalWithinDays=30&sort=name')).toEqual(['Alpha', 'Delta']);
    expect((await page('?colour=red')).total).toBe(2);
    // "current" leaves out who has churned (Echo, for this check), and keeps accounts with no stage.
    expect((await server.call('PATCH', `/api/accounts/${ids.Echo}`, { lifecycleStage: 'churned' })).status).toBe(200);
    expect(await names('?stage=current&sort=name')).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(await names('?stage=churned')).toEqual(['Echo']);
    expect((await server.call('PATCH', `/api/accounts/${ids.Echo}`, { lifecycleStage: 'onboarding' })).status).toBe(
      200,
    );
    expect(await names('?stage=current&sort=name')).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
  });

  it('answers bad filters with the field and the reason', async () => {
    const bad = async (query: string, field: string) => {
      const answer = await server.call<{ issues: { field: string; message: string }[] }>(
        'GET',
        `/api/portfolio${query}`,
      );
      expect(answer.status).toBe(400);
      expect(answer.body.issues[0]?.field).toBe(field);
    };
    await bad('?colour=purple', 'query.colour');
    await bad('?sort=size', 'query.sort');
    await bad('?limit=500', 'query.limit');
    await bad('?owner=someone', 'query.owner');
    // A key is nobody: "me" needs a signed-in person.
    await bad('?owner=me', 'query.owner');
    const first = await page('?limit=2&sort=-risk');
    await bad(`?limit=2&sort=-mrr&cursor=${first.nextCursor}`, 'query.cursor');
    await bad('?cursor=not-a-cursor', 'query.cursor');
  });

  it("shows a signed-in CSM's own accounts as owner=me", async () => {
    const answer = await server.call<Page>('GET', '/api/portfolio?owner=me&sort=name', undefined, {
      authorization: '',
      cookie: chikaCookie,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data.map((r) => r.name)).toEqual(['Alpha', 'Charlie', 'Echo']);
    const mine = await server.call<Summary>('GET', '/api/portfolio/summary?owner=me', undefined, {
      authorization: '',
      cookie: chikaCookie,
    });
    // Alpha $1,000.00 + Echo $400.00; Charlie's ¥300,000 apart.
    expect(mine.body.mrr).toEqual([
      { amount: '1400.00', currency: 'USD' },
      { amount: '300000', currency: 'JPY' },
    ]);
  });

  it('pages by cursor, visiting each account once', async () => {
    for (const sort of ['-mrrAtRisk', '-risk', 'name', '-renewal', 'health']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const answer: Page = await page(`?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...answer.data.map((r) => r.name));
        cursor = answer.nextCursor;
        pages++;
      } while (cursor !== null && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(await names(`?sort=${sort}`));
    }
  });

  it('sums the summary per currency, never adding yen to dollars', async () => {
    expect(await summary()).toEqual({
      accounts: 5,
      // $1,000.00 + $2,200.00 + $100.00 + $400.00; ¥300,000 apart
      mrr: [
        { amount: '3700.00', currency: 'USD' },
        { amount: '300000', currency: 'JPY' },
      ],
      // $550.00 + $500.00 + $360.00; ¥30,000
      mrrAtRisk: [
        { amount: '1410.00', currency: 'USD' },
        { amount: '30000', currency: 'JPY' },
      ],
      byColour: { red: 2, yellow: 1, green: 1, none: 1 },
      // Alpha (10 days), Delta (25), Bravo (65): $1,000.00 + $100.00 + $2,200.00
      renewalsNext90Days: { count: 3, mrr: [{ amount: '3300.00', currency: 'USD' }] },
    });
    expect((await summary('?colour=red')).mrrAtRisk).toEqual([{ amount: '860.00', currency: 'USD' }]);
  });

  it('follows changes to subscriptions, risk, health and rates at once', async () => {
    // Echo's MRR doubles: $800.00, at risk 0.9 × 80000 = 71999.998 → $720.00, now first.
    expect((await server.call('PATCH', `/api/subscriptions/${subscriptionIds.Echo}`, { mrr: '800.00' })).status).toBe(
      200,
    );
    // The change also has the health worker rescore Echo today; put the book's snapshot back after it.
    await until(
      async () => (await sql<{ n: number }>`select count(*)::int as n from health_dirty`.execute(db())).rows[0]?.n,
      (n) => n === 0,
    );
    await snapshot('Echo', day, 20, 'red');
    await predict('Delta', 0.5); // $100.00 × 0.5 = $50.00
    expect(await names('')).toEqual(['Echo', 'Bravo', 'Alpha', 'Delta', 'Charlie']);
    const echo = (await page('?search=echo')).data[0];
    expect(echo?.mrrAtRisk).toEqual({ amount: '720.00', currency: 'USD' });
    // A JPY rate: ¥300,000 × 0.0067 = $2,010.00, at risk ¥30,000 → 0.1 × 201000 = $201.00.
    expect(
      (
        await server.call('PUT', '/api/settings', {
          reportingCurrency: 'USD',
          rates: [
            { currency: 'EUR', date: '2000-01-01', rate: '1.1' },
            { currency: 'JPY', date: '2000-01-01', rate: '0.0067' },
          ],
        })
      ).status,
    ).toBe(200);
    const charlie = (await page('?search=charlie')).data[0];
    expect(charlie?.mrr).toEqual({ amount: '2010.00', currency: 'USD' });
    expect(charlie?.mrrAtRisk).toEqual({ amount: '201.00', currency: 'USD' });
    // Health: Charlie turns red today.
    await snapshot('Charlie', day, 10, 'red');
    expect(await names('?colour=red&sort=health')).toEqual(['Charlie', 'Echo', 'Alpha']);
    // The account is deleted: gone from the portfolio.
    expect((await server.call('DELETE', `/api/accounts/${ids.Delta}`)).status).toBe(204);
    expect((await page('')).total).toBe(4);
  });
});
