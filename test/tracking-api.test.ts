import { gzipSync } from 'node:zlib';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../src/keys/api-keys.js';
import { purgeExpiredEvents } from '../src/usage/purge-expired-events.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/until.js';

interface Usage {
  series: { period: string; events: Record<string, number>; totalEvents: number; activeUsers: number }[];
  summary: { dau: number; mau: number; lastActiveDay: string | null; licenceUtilisation: number | null };
}
type Body = Record<string, unknown> & { id: string };

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

describe.each(testEngines())('Segment-compatible tracking API on $engine', ({ open }) => {
  let server: TestServer;
  let writeKey: string;
  const basic = () => ({ authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` });
  const accountByExternalId = async (externalId: string) =>
    (await server.call<{ data: Body[] }>('GET', `/api/accounts?externalId=${externalId}`)).body.data[0];
  const usage = async (accountId: string, query = '') =>
    (await server.call<Usage>('GET', `/api/accounts/${accountId}/usage?${query}`)).body;

  beforeAll(async () => {
    server = await startTestServer(await open());
    writeKey = (await createApiKey(server.database.db, 'web', 'ingest')).secret;
  });
  afterAll(() => server.close());

  it('takes identify, group and track from the official @segment/analytics-node client', async () => {
    const analytics = new Analytics({ writeKey, host: server.url, flushAt: 20, flushInterval: 200 });
    const failures: unknown[] = [];
    analytics.on('error', (error) => failures.push(error));
    analytics.identify({
      userId: 'u-ann',
      traits: { email: 'ann@acme.example', name: 'Ann Lee', title: 'Ops lead', plan_role: 'owner' },
    });
    analytics.group({
      userId: 'u-ann',
      groupId: 'acme',
      traits: { name: 'Acme Inc', industry: 'Retail', employees: 250, website: 'https://acme.example/' },
    });
    analytics.track({ userId: 'u-ann', event: 'Report Created', properties: { rows: 12 } });
    analytics.track({ userId: 'u-ann', event: 'Report Created', context: { groupId: 'acme' } });
    analytics.page({ userId: 'u-ann', name: 'Dashboard' });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(failures).toEqual([]);

    const account = (await accountByExternalId('acme')) as Body;
    expect(account).toMatchObject({ name: 'Acme Inc', industry: 'Retail', employees: 250, domain: 'acme.example' });
    const contacts = await server.call<{ data: Body[] }>('GET', `/api/contacts?accountId=${account.id}`);
    expect(contacts.body.data).toHaveLength(1);
    expect(contacts.body.data[0]).toMatchObject({
      externalId: 'u-ann',
      email: 'ann@acme.example',
      name: 'Ann Lee',
      title: 'Ops lead',
    });
    expect(contacts.body.data[0]?.traits).toMatchObject({ plan_role: 'owner' });

    const events = await server.call<{ data: { name: string; type: string; userId: string }[] }>(
      'GET',
      `/api/accounts/${account.id}/events`,
    );
    expect(events.body.data.map((e) => `${e.type}:${e.name}`).sort()).toEqual([
      'page:Dashboard',
      'track:Report Created',
      'track:Report Created',
    ]);

    const today_ = (
      await until(
        () => usage(account.id),
        (u) => (u.series.at(-1)?.totalEvents ?? 0) >= 3,
      )
    ).series.at(-1);
    expect(today_).toMatchObject({
      period: today(),
      events: { 'Report Created': 2, Dashboard: 1 },
      totalEvents: 3,
      activeUsers: 1,
    });
  });

  it('counts a retried batch once, keeps the good events of a batch with bad ones, and says which were dropped', async () => {
    const account = (await accountByExternalId('acme')) as Body;
    const batch = {
      batch: [
        { type: 'track', messageId: 'm-1', userId: 'u-ann', event: 'Export', timestamp: daysAgo(10).toISOString() },
        { type: 'track', messageId: 'm-2', userId: 'u-ann', timestamp: new Date().toISOString() },
        { type: 'track', messageId: 'm-3', userId: 'u-ann', event: 'Export', timestamp: 'last tuesday' },
        { type: 'alias', messageId: 'm-4', userId: 'u-ann', previousId: 'x' },
        { type: 'track', messageId: 'm-5', userId: 'u-ann', event: 'Export', timestamp: new Date().toISOString() },
      ],
    };
    const first = await server.call<{
      accepted: number;
      duplicates: number;
      rejected: { index: number; field: string }[];
    }>('POST', '/v1/batch', batch, basic());
    expect(first.status).toBe(200);
    expect(first.body.accepted).toBe(2);
    expect(first.body.rejected.map((r) => `${r.index}:${r.field}`)).toEqual(['1:event', '2:timestamp', '3:type']);

    const retry = await server.call<{ accepted: number; duplicates: number }>('POST', '/v1/batch', batch, basic());
    expect(retry.body.duplicates).toBe(2);

    // The late event counts on its own day, once; today's Export once.
    const tenDaysAgo = daysAgo(10).toISOString().slice(0, 10);
    const series = (
      await until(
        () => usage(account.id),
        (u) => u.series.at(-1)?.events.Export === 1,
      )
    ).series;
    expect(series.find((p) => p.period === tenDaysAgo)?.events).toEqual({ Export: 1 });
    expect(series.at(-1)?.events.Export).toBe(1);

    const allBad = await server.call<{ issues: { field: string }[] }>(
      'POST',
      '/v1/batch',
      { batch: [{ type: 'track' }] },
      basic(),
    );
    expect(allBad.status).toBe(400);
    expect(allBad.body.issues[0]?.field).toBe('batch.0.userId');
  });

  it('takes ISO 8601 times only, refuses times before 1990 or more than a day ahead, and keeps the rest of the batch', async () => {
    const account = (await accountByExternalId('acme')) as Body;
    const at = (messageId: string, timestamp: string) => ({
      type: 'track',
      messageId,
      userId: 'u-ann',
      event: 'Time Checked',
      timestamp,
    });
    type Answer = { accepted: number; rejected: { index: number; field: string; message: string }[] };
    const answer = await server.call<Answer>(
      'POST',
      '/v1/batch',
      {
        batch: [
          at('time-1', '1'), // new Date('1') is 2001-01-01
          at('time-2', '9999-06-01T00:00:00Z'),
          at('time-3', '1989-12-31T23:00:00Z'),
          at('time-4', new Date(Date.now() + 2 * 86_400_000).toISOString()),
          at('time-5', new Date().toISOString().replace('Z', '+00:00')),
          at('time-6', daysAgo(3).toISOString()),
        ],
      },
      basic(),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(2);
    expect(answer.body.rejected.map((r) => `${r.index}:${r.field}`)).toEqual([
      '0:timestamp',
      '1:timestamp',
      '2:timestamp',
      '3:timestamp',
    ]);
    expect(answer.body.rejected[0]?.message).toMatch(/^must be an ISO 8601 date-time with a time zone.*not "1"$/);
    expect(answer.body.rejected[1]?.message).toMatch(/more than a day after the message arrived/);
    expect(answer.body.rejected[2]?.message).toMatch(/must not be before 1990-01-01/);
    const events = await server.call<{ data: { name: string; occurredAt: string }[] }>(
      'GET',
      `/api/accounts/${account.id}/events?name=Time%20Checked`,
    );
    const checked = events.body.data;
    expect(checked).toHaveLength(2);
    expect(checked.every((e) => e.occurredAt >= '2000' && e.occurredAt < '2100')).toBe(true);

    // A sentAt that is not an instant would move every event by an unknown amount: the call is refused.
    const badSentAt = await server.call<{ issues: { field: string; message: string }[] }>(
      'POST',
      '/v1/batch',
      { sentAt: '1', batch: [at('time-7', new Date().toISOString())] },
      basic(),
    );
    expect(badSentAt.status).toBe(400);
    expect(badSentAt.body.issues).toEqual([
      { field: 'sentAt', message: expect.stringMatching(/^must be an ISO 8601/) },
    ]);
  });

  it('stores batches sent at once, counts a messageId sent twice at once only once, and refuses what the database cannot hold message by message', async () => {
    const account = (await accountByExternalId('acme')) as Body;
    const now = new Date().toISOString();
    const track = (messageId: string, extra: Record<string, unknown> = {}) => ({
      type: 'track',
      messageId,
      userId: 'u-ann',
      event: 'Report Shared',
      timestamp: now,
      ...extra,
    });
    const good = (from: number) => ({ batch: [0, 1, 2].map((i) => track(`share-${from + i}`)) });
    // Sent together, so that the server writes them in one transaction: the bad messages must not sink the others.
    const bad = {
      batch: [
        track('share-bad-1', { properties: { note: 'a\u0000b' } }),
        track('share-bad-2', { timestamp: '10000-01-01T00:00:00Z' }),
        track('share-bad-3', { userId: 'u-\u0000' }),
        track('share-100'),
      ],
    };
    type Answer = { accepted: number; duplicates: number; rejected: { index: number; field: string }[] };
    const answers = await Promise.all([
      server.call<Answer>('POST', '/v1/batch', good(0), basic()),
      server.call<Answer>('POST', '/v1/batch', bad, basic()),
      server.call<Answer>('POST', '/v1/batch', good(3), basic()),
      server.call<Answer>('POST', '/v1/batch', good(3), basic()),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers[1]?.body.rejected.map((r) => `${r.index}:${r.field}`)).toEqual([
      '0:properties.note',
      '1:timestamp',
      '2:userId',
    ]);
    // share-3..5 went twice at the same moment: stored once, the other copy answered as duplicates.
    const stored = answers.map((answer) => answer.body.accepted - answer.body.duplicates);
    expect(stored[0]).toBe(3);
    expect(stored[1]).toBe(1);
    expect((stored[2] ?? 0) + (stored[3] ?? 0)).toBe(3);
    // 3 + 1 + 3 distinct events of that name today.
    const today = await until(
      () => usage(account.id),
      (u) => u.series.at(-1)?.events['Report Shared'] === 7,
    );
    expect(today.series.at(-1)?.events['Report Shared']).toBe(7);
  });

  it('keeps events for accounts and users not known yet, and counts them when they appear', async () => {
    const sent = await server.call(
      'POST',
      '/v1/track',
      { userId: 'u-bob', event: 'Login', context: { groupId: 'globex' } },
      basic(),
    );
    expect(sent.status).toBe(200);
    await server.call('POST', '/v1/track', { userId: 'u-cy', event: 'Login' }, basic());
    await server.call('POST', '/v1/identify', { userId: 'u-cy', traits: { email: 'cy@initech.example' } }, basic());

    // globex arrives through the REST API: the background sweep attaches its event within seconds.
    const globex = (await server.call<Body>('POST', '/api/accounts', { name: 'Globex', externalId: 'globex' })).body;
    const attached = await until(
      () => usage(globex.id),
      (u) => (u.series.at(-1)?.totalEvents ?? 0) > 0,
    );
    expect(attached.series.at(-1)?.events).toEqual({ Login: 1 });

    // u-cy was identified before any group: group() makes the contact, with the remembered traits, and counts the event.
    await server.call(
      'POST',
      '/v1/group',
      { userId: 'u-cy', groupId: 'initech', traits: { name: 'Initech' } },
      basic(),
    );
    const initech = (await accountByExternalId('initech')) as Body;
    const initechUsage = await until(
      () => usage(initech.id),
      (u) => (u.series.at(-1)?.totalEvents ?? 0) > 0,
    );
    expect(initechUsage.series.at(-1)?.events).toEqual({ Login: 1 });
    const cy = await server.call<{ data: Body[] }>('GET', '/api/contacts?externalId=u-cy');
    expect(cy.body.data[0]).toMatchObject({ accountId: initech.id, email: 'cy@initech.example' });
  });

  it('accepts gzip bodies and enforces the 32 KB call limit', async () => {
    const body = gzipSync(JSON.stringify({ userId: 'u-ann', event: 'Zipped', messageId: 'zip-1' }));
    const response = await fetch(`${server.url}/v1/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...basic() },
      body,
    });
    expect(response.status).toBe(200);
    const big = await server.call(
      'POST',
      '/v1/track',
      { userId: 'u-ann', event: 'Big', properties: { blob: 'x'.repeat(40_000) } },
      basic(),
    );
    expect(big.status).toBe(413);
    const noKey = await server.call(
      'POST',
      '/v1/track',
      { userId: 'u-ann', event: 'x' },
      { authorization: 'Basic bm9wZTo=' },
    );
    expect(noKey.status).toBe(401);
  });

  it("speaks analytics.js's dialect: the key in a text/plain body, short paths, CORS, its settings", async () => {
    // What older analytics.js sends: no Authorization header, the key in the body, text/plain (no CORS preflight).
    const plain = (path: string, body: unknown) =>
      server.call('POST', path, JSON.stringify(body), { 'content-type': 'text/plain', authorization: '' });
    const tracked = await plain('/v1/t', { writeKey, userId: 'u-ann', event: 'Plain Text', messageId: 'ajs-1' });
    expect(tracked).toMatchObject({ status: 200, body: { accepted: 1, duplicates: 0 } });
    const batched = await plain('/v1/b', {
      writeKey,
      batch: [{ type: 'track', userId: 'u-ann', event: 'Plain Text', messageId: 'ajs-1' }],
    });
    expect(batched).toMatchObject({ status: 200, body: { accepted: 1, duplicates: 1 } });
    const wrongKey = await plain('/v1/t', { writeKey: 'pk_ingest_nope', userId: 'u-ann', event: 'x' });
    expect(wrongKey.status).toBe(401);
    const alias = await plain('/v1/a', { writeKey, userId: 'u-ann', previousId: 'anon-1' });
    expect(alias.status).toBe(400);
    expect(JSON.stringify(alias.body)).toContain('alias is not taken');

    const preflight = await fetch(`${server.url}/v1/t`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const settings = await server.call<{ integrations: Record<string, Record<string, unknown>> }>(
      'GET',
      `/v1/projects/${writeKey}/settings`,
      undefined,
      { 'x-forwarded-proto': 'https' },
    );
    expect(settings.status).toBe(200);
    // X-Forwarded-Proto is believed only from PACER_TRUSTED_PROXIES (none here): test/hardening.test.ts.
    expect(settings.body.integrations['Segment.io']).toMatchObject({
      apiKey: writeKey,
      apiHost: `${new URL(server.url).host}/v1`,
      protocol: 'http',
    });
    process.env.PACER_PUBLIC_URL = 'https://cs.example.com/pacer/';
    try {
      const behindProxy = await server.call<typeof settings.body>('GET', `/v1/projects/${writeKey}/settings`);
      expect(behindProxy.body.integrations['Segment.io']).toMatchObject({
        apiHost: 'cs.example.com/pacer/v1',
        protocol: 'https',
      });
    } finally {
      delete process.env.PACER_PUBLIC_URL;
    }
    // Only ingest keys: a page's key is readable by every visitor.
    const adminKey = await createApiKey(server.database.db, 'ops', 'admin');
    for (const key of ['pk_ingest_nope', adminKey.secret]) {
      expect((await server.call('GET', `/v1/projects/${key}/settings`)).status).toBe(404);
    }
    await revokeApiKey(server.database.db, adminKey.id);
  });

  it('makes each user its own account for a B2C write key', async () => {
    const b2c = (await createApiKey(server.database.db, 'app', 'ingest', { userIsAccount: true })).secret;
    const auth = { authorization: `Basic ${Buffer.from(`${b2c}:`).toString('base64')}` };
    await server.call(
      'POST',
      '/v1/batch',
      { batch: [{ type: 'track', userId: 'sub-77', event: 'Workout Logged' }] },
      auth,
    );
    const subscriber = (await accountByExternalId('sub-77')) as Body;
    expect(subscriber).toBeDefined();
    const subscriberUsage = await until(
      () => usage(subscriber.id),
      (u) => u.summary.dau > 0,
    );
    expect(subscriberUsage.summary).toMatchObject({ dau: 1, mau: 1, lastActiveDay: today() });

    // A visitor before signing in (analytics.js's anonymousId only) is no customer: no account of their own. Once
    // identify names them, what they did before is the user's.
    await server.call(
      'POST',
      '/v1/t',
      { anonymousId: 'visitor-9', event: 'Pricing Viewed', messageId: 'anon-before' },
      auth,
    );
    expect(await accountByExternalId('anon:visitor-9')).toBeUndefined();
    await server.call(
      'POST',
      '/v1/i',
      { userId: 'sub-88', anonymousId: 'visitor-9', traits: { email: 'max@mail.example' } },
      auth,
    );
    const signedUp = (await accountByExternalId('sub-88')) as Body;
    expect(signedUp).toBeDefined();
    const claimed = await until(
      async () =>
        (await server.call<{ data: Body[] }>('GET', `/api/accounts/${signedUp.id}/events`)).body.data.map((event) => [
          event.messageId,
          event.userId,
          event.name,
        ]),
      (events) => events.length > 0,
    );
    expect(claimed).toEqual([['anon-before', 'sub-88', 'Pricing Viewed']]);
  });

  it("makes a visitor's anonymous events the user's when identify names them, in the same batch or later", async () => {
    await server.call('PUT', '/api/accounts/external/hooli', { name: 'Hooli' });
    // Before: stored while the visitor was anonymous.
    await server.call(
      'POST',
      '/v1/batch',
      { batch: [{ type: 'page', anonymousId: 'visitor-1', name: 'Pricing', messageId: 'v1-page' }] },
      basic(),
    );
    await server.call(
      'POST',
      '/v1/batch',
      {
        batch: [
          // In the same batch as the identify, before it.
          { type: 'track', anonymousId: 'visitor-1', event: 'Signup Started', messageId: 'v1-track' },
          { type: 'identify', userId: 'u-peter', anonymousId: 'visitor-1', traits: { email: 'peter@hooli.example' } },
          { type: 'group', userId: 'u-peter', anonymousId: 'visitor-1', groupId: 'hooli' },
          // Another visitor, never identified: stays apart.
          { type: 'track', anonymousId: 'visitor-2', event: 'Signup Started', messageId: 'v2-track' },
        ],
      },
      basic(),
    );
    const hooli = (await accountByExternalId('hooli')) as Body;
    const events = await until(
      async () =>
        (await server.call<{ data: Body[] }>('GET', `/api/accounts/${hooli.id}/events`)).body.data.map((event) => [
          event.messageId,
          event.userId,
        ]),
      (found) => found.length >= 2,
    );
    expect(events.sort()).toEqual([
      ['v1-page', 'u-peter'],
      ['v1-track', 'u-peter'],
    ]);
    const counted = await until(
      () => usage(hooli.id),
      (u) => u.summary.dau > 0,
    );
    expect(counted.series.at(-1)?.events).toEqual({ Pricing: 1, 'Signup Started': 1 });
  });
});

describe.each(testEngines())('raw event retention on $engine', ({ open }) => {
  it('deletes raw events past the retention period and keeps the rollups', async () => {
    const server = await startTestServer(await open());
    try {
      const key = (await createApiKey(server.database.db, 'web', 'ingest')).secret;
      const auth = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
      await server.call('POST', '/api/accounts', { name: 'Old timer', externalId: 'old' });
      // Inside the default retention (400 days), so the purge the server runs at start cannot take it first.
      const old = new Date(Date.now() - 300 * 86_400_000).toISOString();
      const recent = new Date(Date.now() - 5 * 86_400_000).toISOString();
      await server.call(
        'POST',
        '/v1/batch',
        {
          batch: [
            { type: 'track', userId: 'u1', event: 'Old', timestamp: old, context: { groupId: 'old' } },
            { type: 'track', userId: 'u1', event: 'Recent', timestamp: recent, context: { groupId: 'old' } },
          ],
        },
        auth,
      );
      expect(
        (await server.call('PUT', '/api/settings/usage', { keyFeatures: ['Recent'], eventRetentionDays: 200 })).status,
      ).toBe(200);
      const account = (await server.call<{ data: { id: string }[] }>('GET', '/api/accounts?externalId=old')).body
        .data[0];
      await until(
        () => server.call<{ rolledUpEvents: number }>('GET', '/api/usage/status'),
        (status) => status.body.rolledUpEvents === 2,
      );
      expect(await purgeExpiredEvents(server.database)).toBe(1);
      const events = await server.call<{ data: { name: string }[] }>('GET', `/api/accounts/${account?.id}/events`);
      expect(events.body.data.map((e) => e.name)).toEqual(['Recent']);
      const oldDay = old.slice(0, 10);
      const usage = await server.call<Usage>('GET', `/api/accounts/${account?.id}/usage?from=${oldDay}&to=${oldDay}`);
      expect(usage.body.series[0]?.events).toEqual({ Old: 1 });
    } finally {
      await server.close();
    }
  });
});
