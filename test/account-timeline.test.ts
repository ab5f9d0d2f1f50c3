import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/until.js';

interface Item {
  kind: string;
  id: string;
  at: string;
  allDay: boolean;
  actor: string | null;
  [field: string]: unknown;
}
interface Page {
  data: Item[];
  nextBefore: string | null;
}
interface Issues {
  error: string;
  issues: { field: string; message: string }[];
}

// One account with a hand-written history, every kind of item at a known instant:
//   lifecycle  2026-01-01 00:00  (none → onboarding: the account is made)
//   sub start  2026-01-15 (day)  Pro, $500.00/month, 10 seats
//   lifecycle  2026-02-01 00:00  onboarding → adoption   (a domain change on 2026-02-15 is not a lifecycle change)
//   score      2026-03-01 (day)  first scored: green 80  (2026-03-02 green 78: same colour, no item)
//   note       2026-03-10 09:00  Chika, sentiment −1, tags risk
//   survey     2026-03-15 10:00  NPS 3
//   lifecycle  2026-04-01 00:00  adoption → renewal
//   note       2026-04-02 08:00  } the same instant: kind descending puts the ticket first
//   ticket     2026-04-02 08:00  } urgent, open
//   score      2026-04-05 (day)  green → red 35          (2026-04-06 red 30: no item)
//   sub cancel 2026-05-01 15:00  reason "budget"
//   note       2026-05-20 12:00
//   sub end    2026-05-31 (day)
//   a second subscription starting 2099-01-01 has not started, and a note dated 2099-01-01 not happened: no item.
const EXPECTED_ORDER = [
  'subscription ended 2026-05-31T00:00:00.000Z',
  'note 2026-05-20T12:00:00.000Z',
  'subscription cancelled 2026-05-01T15:00:00.000Z',
  'score 2026-04-05T00:00:00.000Z',
  'ticket 2026-04-02T08:00:00.000Z',
  'note 2026-04-02T08:00:00.000Z',
  'lifecycle 2026-04-01T00:00:00.000Z',
  'survey 2026-03-15T10:00:00.000Z',
  'note 2026-03-10T09:00:00.000Z',
  'score 2026-03-01T00:00:00.000Z',
  'lifecycle 2026-02-01T00:00:00.000Z',
  'subscription started 2026-01-15T00:00:00.000Z',
  'lifecycle 2026-01-01T00:00:00.000Z',
];

const describeItem = (item: Item) =>
  item.kind === 'subscription' ? `subscription ${item.change} ${item.at}` : `${item.kind} ${item.at}`;

describe.each(testEngines())('the account timeline, on $engine', ({ open }) => {
  let server: TestServer;
  const accountId = uuidv7();
  const otherAccountId = uuidv7();
  const subscriptionId = uuidv7();

  const timeline = async (query = '') => {
    const answer = await server.call<Page>('GET', `/api/accounts/${accountId}/timeline${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    server = await startTestServer(await open());
    const db = server.database.db;
    // Each change stated at the time it happened (the history triggers read pacer.effective_at).
    const at = (instant: string) => sql`select set_config('pacer.effective_at', ${instant}, true)`;
    await db.transaction().execute(async (trx) => {
      await at('2026-01-01T00:00:00Z').execute(trx);
      await sql`insert into accounts (id, name, lifecycle_stage, first_seen_at)
        values (${accountId}, 'Kestrel', 'onboarding', '2026-01-01T00:00:00Z'),
               (${otherAccountId}, 'Other', 'adoption', '2026-01-01T00:00:00Z')`.execute(trx);
    });
    for (const [instant, change] of [
      ['2026-02-01T00:00:00Z', sql`lifecycle_stage = 'adoption'`],
      ['2026-02-15T00:00:00Z', sql`domain = 'kestrel.example'`],
      ['2026-04-01T00:00:00Z', sql`lifecycle_stage = 'renewal'`],
    ] as const) {
      await db.transaction().execute(async (trx) => {
        await at(instant).execute(trx);
        await sql`update accounts set ${change} where id = ${accountId}`.execute(trx);
      });
    }
    await sql`insert into subscriptions (account_id, id, plan, currency, mrr_minor, seats, status, start_date, end_date,
        cancelled_at, cancel_reason)
      values (${accountId}, ${subscriptionId}, 'Pro', 'USD', 50000, 10, 'cancelled', '2026-01-15', '2026-05-31',
        '2026-05-01T15:00:00Z', 'budget'),
        (${accountId}, ${uuidv7()}, 'Pro', 'USD', 60000, 12, 'active', '2099-01-01', null, null, null)`.execute(db);
    const note = (instant: string, body: string, sentiment: number | null, tags: string[]) =>
      sql`insert into notes (account_id, id, author, body, sentiment, tags, occurred_at)
        values (${accountId}, ${uuidv7()}, 'Chika', ${body}, ${sentiment}, ${tags}::text[], ${instant})`.execute(db);
    await note('2026-03-10T09:00:00Z', 'Budget under review', -1, ['risk']);
    await note('2026-04-02T08:00:00Z', 'Called about the outage', null, []);
    await note('2026-05-20T12:00:00Z', 'Decided not to renew', -2, ['churn']);
    // Dated in the future: not history yet, not listed.
    await note('2099-01-01T00:00:00Z', 'Written ahead of time', null, []);
    await sql`insert into survey_responses (account_id, id, kind, score, comment, answered_at)
      values (${accountId}, ${uuidv7()}, 'nps', 3, 'Too slow', '2026-03-15T10:00:00Z')`.execute(db);
    await sql`insert into tickets (account_id, id, subject, opened_at, priority, status)
      values (${accountId}, ${uuidv7()}, 'Export fails', '2026-04-02T08:00:00Z', 'urgent', 'open')`.execute(db);
    // The server's health worker scores today the accounts these changes marked; wait for it, then keep only the
    // fixture's own snapshots.
    await until(
      async () => (await sql<{ n: number }>`select count(*)::int as n from health_dirty`.execute(db)).rows[0]?.n,
      (n) => n === 0,
    );
    await sql`delete from health_scores`.execute(db);
    const snapshot = (day: string, score: number, colour: string, values: Record<string, number>) =>
      sql`insert into health_scores (account_id, as_of, scorecard, scorecard_version, score, color, computed_color, inputs)
        values (${accountId}, ${day}::date, 'default', 1, ${score}, ${colour}, ${colour},
          ${JSON.stringify({ values, overrides: [] })}::jsonb)`.execute(db);
    await snapshot('2026-03-01', 80, 'green', { 'usage.licence_utilisation': 0.9, 'usage.active_users_30d': 9 });
    await snapshot('2026-03-02', 78, 'green', { 'usage.licence_utilisation': 0.8 });
    await snapshot('2026-04-05', 35, 'red', { 'usage.licence_utilisation': 0.3, 'usage.probability_alive': 0.4 });
    await snapshot('2026-04-06', 30, 'red', {});
    // Another account's history must not leak in.
    await sql`insert into notes (account_id, id, author, body, occurred_at)
      values (${otherAccountId}, ${uuidv7()}, 'Olaf', 'Not Kestrel', '2026-04-03T00:00:00Z')`.execute(db);
  });
  afterAll(() => server?.close());

  it('lists every kind newest first, the same instant ordered by kind, nothing of other accounts', async () => {
    const page = await timeline();
    expect(page.data.map(describeItem)).toEqual(EXPECTED_ORDER);
    expect(page.nextBefore).toBeNull();
  });

  it('gives each item its facts, structured for any language', async () => {
    const items = (await timeline()).data;
    const find = (text: string) => items.find((item) => describeItem(item) === text) as Item;
    expect(find('note 2026-03-10T09:00:00.000Z')).toMatchObject({
      allDay: false,
      actor: 'Chika',
      body: 'Budget under review',
      sentiment: -1,
      tags: ['risk'],
    });
    expect(find('survey 2026-03-15T10:00:00.000Z')).toMatchObject({ survey: 'nps', score: 3, comment: 'Too slow' });
    expect(find('ticket 2026-04-02T08:00:00.000Z')).toMatchObject({
      subject: 'Export fails',
      priority: 'urgent',
      status: 'open',
      closedAt: null,
    });
    // 50000 cents of USD = 500.00.
    expect(find('subscription started 2026-01-15T00:00:00.000Z')).toMatchObject({
      allDay: true,
      subscriptionId,
      plan: 'Pro',
      mrr: { amount: '500.00', currency: 'USD' },
      seats: 10,
    });
    expect(find('subscription cancelled 2026-05-01T15:00:00.000Z')).toMatchObject({ cancelReason: 'budget' });
    expect(find('score 2026-03-01T00:00:00.000Z')).toMatchObject({
      allDay: true,
      from: null,
      to: 'green',
      score: 80,
      previousScore: null,
    });
    // The snapshot before 2026-04-05 is 2026-03-02's: green 78.
    expect(find('score 2026-04-05T00:00:00.000Z')).toMatchObject({
      from: 'green',
      to: 'red',
      score: 35,
      previousScore: 78,
    });
  });

  it('reads lifecycle changes from the account history, skipping changes of other fields', async () => {
    const lifecycle = (await timeline('?kinds=lifecycle')).data;
    expect(lifecycle.map((item) => [item.at, item.from, item.to])).toEqual([
      ['2026-04-01T00:00:00.000Z', 'adoption', 'renewal'],
      ['2026-02-01T00:00:00.000Z', 'onboarding', 'adoption'],
      ['2026-01-01T00:00:00.000Z', null, 'onboarding'],
    ]);
  });

  it('filters by kinds', async () => {
    const page = await timeline('?kinds=score,subscription');
    expect(page.data.map(describeItem)).toEqual(
      EXPECTED_ORDER.filter((text) => text.startsWith('score') || text.startsWith('subscription')),
    );
    expect((await timeline('?kinds=note,note')).data).toHaveLength(3);
  });

  it('pages by before: pages of 5 and pages of 1 both walk the whole list once, ties included', async () => {
    for (const limit of [5, 1]) {
      const seen: string[] = [];
      let before: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`;
        const page = await timeline(query);
        expect(page.data.length).toBeLessThanOrEqual(limit);
        seen.push(...page.data.map(describeItem));
        before = page.nextBefore;
        pages++;
      } while (before !== null && pages < 30);
      expect(seen).toEqual(EXPECTED_ORDER);
      // 13 items: 5 + 5 + 3, or 13 pages of one.
      expect(pages).toBe(limit === 5 ? 3 : 13);
    }
    // A page after a cursor with a kinds filter keeps to those kinds.
    const first = await timeline('?limit=2&kinds=note');
    const second = await timeline(`?limit=2&kinds=note&before=${encodeURIComponent(first.nextBefore as string)}`);
    expect(second.data.map(describeItem)).toEqual(['note 2026-03-10T09:00:00.000Z']);
    expect(second.nextBefore).toBeNull();
  });

  it('refuses bad input by field, and answers 404 for an account that does not exist', async () => {
    const bad = async (query: string, field: string) => {
      const answer = await server.call<Issues>('GET', `/api/accounts/${accountId}/timeline${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.issues.map((issue) => issue.field)).toEqual([field]);
      return answer.body.issues[0]?.message;
    };
    expect(await bad('?kinds=note,emails', 'query.kinds')).toContain('"emails"');
    expect(await bad('?kinds=', 'query.kinds')).toContain('one or more of');
    expect(await bad('?limit=0', 'query.limit')).toContain('from 1 to 200');
    expect(await bad('?limit=201', 'query.limit')).toContain('from 1 to 200');
    expect(await bad('?limit=two', 'query.limit')).toContain('whole number');
    expect(await bad('?before=not-a-cursor', 'query.before')).toContain('nextBefore');
    const yearZero = Buffer.from(JSON.stringify(['0000-01-01T00:00:00Z', 'note', 'x'])).toString('base64url');
    expect(await bad(`?before=${yearZero}`, 'query.before')).toContain('nextBefore');
    const badId = await server.call<Issues>('GET', '/api/accounts/not-a-uuid/timeline');
    expect(badId.status).toBe(400);
    expect(badId.body.issues[0]?.field).toBe('path.id');
    const missing = await server.call<{ error: string }>('GET', `/api/accounts/${uuidv7()}/timeline`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');
  });

  it('serves the health history by day with the charted measures as scored that day', async () => {
    const answer = await server.call<{
      days: { day: string; score: number; colour: string; overridden: boolean; measures: Record<string, unknown> }[];
    }>('GET', `/api/accounts/${accountId}/health/history?from=2026-03-01&to=2026-04-05`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    // 2026-04-06 is after `to`: three days.
    expect(answer.body.days).toEqual([
      {
        day: '2026-03-01',
        score: 80,
        colour: 'green',
        overridden: false,
        measures: { activeUsers30d: 9, licenceUtilisation: 0.9, keyFeaturesUsed: null, probabilityAlive: null },
      },
      {
        day: '2026-03-02',
        score: 78,
        colour: 'green',
        overridden: false,
        measures: { activeUsers30d: null, licenceUtilisation: 0.8, keyFeaturesUsed: null, probabilityAlive: null },
      },
      {
        day: '2026-04-05',
        score: 35,
        colour: 'red',
        overridden: false,
        measures: { activeUsers30d: null, licenceUtilisation: 0.3, keyFeaturesUsed: null, probabilityAlive: 0.4 },
      },
    ]);
    const backwards = await server.call<Issues>(
      'GET',
      `/api/accounts/${accountId}/health/history?from=2026-05-01&to=2026-04-01`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues[0]?.field).toBe('query.from');
    const tooLong = await server.call<Issues>(
      'GET',
      `/api/accounts/${accountId}/health/history?from=2020-01-01&to=2026-04-01`,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.issues[0]?.field).toBe('query.from');
    expect((await server.call('GET', `/api/accounts/${uuidv7()}/health/history`)).status).toBe(404);
  });

  it('gives the key facts and what the caller may change: a CSM edits only their own account', async () => {
    const make = async (name: string, role: string) => {
      const made = await server.call<{ id: string }>('POST', '/api/users', {
        email: `${name}@pacer.example`,
        name,
        role,
        password: 'correct horse battery',
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${name}@pacer.example`, password: 'correct horse battery' }),
      });
      expect(login.status).toBe(200);
      return { id: made.body.id, cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string };
    };
    const owner = await make('chika', 'csm');
    const other = await make('olaf', 'csm');
    const viewer = await make('vera', 'viewer');
    await sql`update accounts set owner_id = ${owner.id} where id = ${accountId}`.execute(server.database.db);
    const overview = async (cookie: string) => {
      const answer = await server.call<Record<string, unknown>>(
        'GET',
        `/api/accounts/${accountId}/overview`,
        undefined,
        { authorization: '', cookie },
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body;
    };
    const mine = await overview(owner.cookie);
    expect(mine).toMatchObject({
      name: 'Kestrel',
      domain: 'kestrel.example',
      lifecycleStage: 'renewal',
      owner: { id: owner.id, name: 'chika' },
      firstSeenAt: '2026-01-01T00:00:00.000Z',
      // The only subscription with MRR ended on 2026-05-31; the other starts in 2099: nothing live today.
      mrr: null,
      renewalDate: null,
      youMay: { editAccount: true, addNote: true, overrideHealth: true },
    });
    expect((await overview(other.cookie)).youMay).toEqual({ editAccount: false, addNote: true, overrideHealth: true });
    expect((await overview(viewer.cookie)).youMay).toEqual({
      editAccount: false,
      addNote: false,
      overrideHealth: false,
    });
    expect((await server.call('GET', `/api/accounts/${uuidv7()}/overview`)).status).toBe(404);
  });
});
