import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvents } from '../src/events/record-events.js';
import type { UsageEvent } from '../src/events/usage-event.js';
import { computeMeasures } from '../src/health/compute-measures.js';
import { flushUsageRollups } from '../src/usage/roll-up-usage.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface Explanation {
  score: number;
  color: string;
  trend: string;
  changes: { measure: string; from: number; to: number; points: number }[];
  sentences: string[];
  measures: { measure: string; value: number | null; missing: boolean }[];
}

const event = (user: string, day: string, i: number): UsageEvent => ({
  messageId: `${user}-${day}-${i}`,
  type: 'track',
  name: 'Report Created',
  userId: user,
  accountExternalId: 'north',
  occurredAt: new Date(`${day}T10:00:00Z`),
  count: 1,
  properties: null,
});

describe.each(testEngines())('health scores on $engine', ({ open }) => {
  let server: TestServer;
  let accountId: string;
  beforeAll(async () => {
    server = await startTestServer(await open());
    const account = await server.call<{ id: string }>('POST', '/api/accounts', {
      name: 'Northwind',
      externalId: 'north',
      lifecycleStage: 'adoption',
      firstSeenAt: '2026-01-01',
    });
    accountId = account.body.id;
    await server.call('POST', '/api/subscriptions', {
      accountId,
      mrr: 500,
      seats: 10,
      startDate: '2026-01-01',
      renewalDate: '2027-01-01',
    });
    // In March eight of ten seats are used every weekday; in April only two people log in, and the champion leaves.
    const events: UsageEvent[] = [];
    for (let d = 1; d <= 31; d++) {
      const day = `2026-03-${String(d).padStart(2, '0')}`;
      for (let u = 0; u < 8; u++) events.push(event(`u${u}`, day, 0));
    }
    for (let d = 1; d <= 30; d++) {
      const day = `2026-04-${String(d).padStart(2, '0')}`;
      for (let u = 0; u < 2; u++) events.push(event(`u${u}`, day, 0));
    }
    await server.database.db.transaction().execute(async (trx) => {
      await recordEvents(trx, events);
    });
    await server.database.db.transaction().execute((trx) => flushUsageRollups(trx));
    await server.call('POST', '/api/notes', {
      accountId,
      author: 'Kenji',
      body: 'Our champion Mia has left the company.',
      sentiment: -1,
      tags: ['champion-left'],
      occurredAt: '2026-04-20T09:00:00Z',
    });
  });
  afterAll(() => server.close());

  it('scores from the data known on each day, and explains a drop by the measures that dropped', async () => {
    const { scoreAccounts } = await import('../src/health/health-snapshots.js');
    const [march] = await scoreAccounts(server.database.db, '2026-03-31');
    const [april] = await scoreAccounts(server.database.db, '2026-04-30');
    const licence = (s: typeof march) => s?.measures.find((m) => m.measure === 'usage.licence_utilisation')?.value;
    // 8 active users of 10 seats in the 30 days to 31 March; 2 of 10 in the 30 days to 30 April.
    expect(licence(march)).toBeCloseTo(0.8, 10);
    expect(licence(april)).toBeCloseTo(0.2, 10);
    expect((april?.score ?? 0) < (march?.score ?? 0)).toBe(true);

    const answer = await server.call<Explanation>(
      'GET',
      `/api/accounts/${accountId}/health?asOf=2026-04-30&since=2026-03-31`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.trend).toBe('down');
    const moved = answer.body.changes.map((c) => c.measure);
    expect(moved).toContain('usage.licence_utilisation');
    expect(moved).toContain('relationship.champion_left_90d');
    // The two largest movers are the ones that fell.
    expect(
      answer.body.changes
        .slice(0, 2)
        .map((c) => c.measure)
        .sort(),
    ).toEqual(['relationship.champion_left_90d', 'usage.licence_utilisation']);
    expect(answer.body.sentences).toContain(
      `Licence utilisation 80% → 20%: −${Math.abs(Math.round((answer.body.changes.find((c) => c.measure === 'usage.licence_utilisation')?.points ?? 0) * 10) / 10)} points`,
    );
    // No survey answers: NPS is left out, not scored as zero.
    expect(answer.body.measures.find((m) => m.measure === 'voice.latest_nps')).toMatchObject({
      value: null,
      missing: true,
    });
  });

  it('ignores data dated after the day it scores', async () => {
    const { scoreAccounts } = await import('../src/health/health-snapshots.js');
    const [before] = await scoreAccounts(server.database.db, '2026-03-31');
    await server.call('POST', '/api/survey-responses', {
      accountId,
      kind: 'nps',
      score: 2,
      answeredAt: '2026-04-15T00:00:00Z',
    });
    const [again] = await scoreAccounts(server.database.db, '2026-03-31');
    expect(again?.score).toBe(before?.score);
    const [after] = await scoreAccounts(server.database.db, '2026-04-30');
    expect(after?.measures.find((m) => m.measure === 'voice.latest_nps')?.value).toBe(2);
  });

  it('counts a past day to the renewal due then, not to one a later renewal set', async () => {
    // A yearly contract signed on 1 January 2024 and renewed once: its renewal date now reads 1 January 2026.
    const legacy = await server.call<{ id: string }>('POST', '/api/accounts', {
      name: 'Legacy Ltd',
      externalId: 'legacy',
      firstSeenAt: '2024-01-01',
    });
    await server.call('POST', '/api/subscriptions', {
      accountId: legacy.body.id,
      mrr: 100,
      startDate: '2024-01-01',
      renewalDate: '2026-01-01',
      billingPeriod: 'year',
    });
    const measures = await computeMeasures(server.database.db, '2024-06-01', [legacy.body.id]);
    // On 1 June 2024 the renewal due was 1 January 2025: 214 days (30 days of June … 31 of December, plus one).
    expect(measures.get(legacy.body.id)?.values['billing.days_to_renewal']).toBe(214);
    // Six weeks before the renewal that did happen, the stored date is within a year and is read as it is.
    const later = await computeMeasures(server.database.db, '2025-11-20', [legacy.body.id]);
    expect(later.get(legacy.body.id)?.values['billing.days_to_renewal']).toBe(42);
  });

  it('replaces a scored day’s snapshot when a rescore changes it, and leaves it alone when nothing changed', async () => {
    const { scoreAccounts } = await import('../src/health/health-snapshots.js');
    const stored = async () => {
      const { rows } = await sql<{ score: number; sentiment: number; computed_at: Date; copies: number }>`
        select score, (inputs->'values'->>'sentiment.csm_90d')::float8 as sentiment, computed_at,
          count(*) over ()::int as copies
        from health_scores where account_id = ${accountId} and as_of = '2026-04-25'`.execute(server.database.db);
      return rows[0];
    };
    await scoreAccounts(server.database.db, '2026-04-25');
    // The only note in the 90 days to 25 April is the champion one (sentiment −1).
    const first = await stored();
    expect(first?.sentiment).toBe(-1);
    await scoreAccounts(server.database.db, '2026-04-25');
    expect((await stored())?.computed_at).toEqual(first?.computed_at);

    await server.call('POST', '/api/notes', {
      accountId,
      author: 'Kenji',
      body: 'Good call with the new team lead.',
      sentiment: 2,
      occurredAt: '2026-04-22T09:00:00Z',
    });
    const [again] = await scoreAccounts(server.database.db, '2026-04-25', [accountId]);
    // (−1 + 2) / 2
    const second = await stored();
    expect(second).toMatchObject({ sentiment: 0.5, copies: 1 });
    expect(second?.score).toBeCloseTo(again?.score ?? Number.NaN, 4);
    expect(second?.score).not.toBeCloseTo(first?.score ?? Number.NaN, 4);
  });

  it('rescores an account within seconds of an NPS answer, without a batch job', async () => {
    const fresh = await server.call<{ id: string }>('POST', '/api/accounts', {
      name: 'Fresh',
      lifecycleStage: 'adoption',
    });
    const nps = async () => {
      const answer = await server.call<Explanation>('GET', `/api/accounts/${fresh.body.id}/health`);
      return answer.status === 200
        ? answer.body.measures.find((m) => m.measure === 'voice.latest_nps')?.value
        : undefined;
    };
    const waitFor = async (expected: number) => {
      const started = Date.now();
      while (Date.now() - started < 8000) {
        if ((await nps()) === expected) return Date.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`health never showed NPS ${expected}`);
    };
    await server.call('POST', '/api/survey-responses', { accountId: fresh.body.id, kind: 'nps', score: 3 });
    expect(await waitFor(3)).toBeLessThan(8000);
    await server.call('POST', '/api/survey-responses', { accountId: fresh.body.id, kind: 'nps', score: 10 });
    expect(await waitFor(10)).toBeLessThan(8000);
  });

  it('lets a CSM override the colour with a reason; it shows as overridden until it lapses', async () => {
    const bad = await server.call<{ issues: { field: string }[] }>(
      'POST',
      `/api/accounts/${accountId}/health/overrides`,
      {
        measure: null,
        reason: 'x',
        expiresAt: null,
      },
    );
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.issues.map((i) => i.field))].sort()).toEqual(['color', 'reason']);
    const unknown = await server.call<{ issues: { field: string }[] }>(
      'POST',
      `/api/accounts/${accountId}/health/overrides`,
      {
        measure: 'vibes',
        score: 10,
        reason: 'gut feeling',
        expiresAt: null,
      },
    );
    expect(unknown.body.issues[0]?.field).toBe('measure');

    const created = await server.call<{ id: string }>('POST', `/api/accounts/${accountId}/health/overrides`, {
      measure: null,
      color: 'red',
      reason: 'Budget freeze announced on the call today',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    expect(created.status).toBe(201);
    const started = Date.now();
    let health: { color: string; computedColor: string; override: { reason: string } | null } | undefined;
    while (Date.now() - started < 8000) {
      health = (await server.call<typeof health & object>('GET', `/api/accounts/${accountId}/health`)).body;
      if (health?.override) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(health?.color).toBe('red');
    expect(health?.override?.reason).toBe('Budget freeze announced on the call today');
    expect((await server.call('DELETE', `/api/accounts/${accountId}/health/overrides/${created.body.id}`)).status).toBe(
      204,
    );
  });

  it('shows which stakeholders are healthy: the champion going quiet while usage holds', async () => {
    const account = await server.call<{ id: string }>('POST', '/api/accounts', {
      name: 'Stakeholders Inc',
      externalId: 'stake',
    });
    await server.call('POST', '/api/contacts', {
      accountId: account.body.id,
      externalId: 'mia',
      name: 'Mia',
      role: 'champion',
    });
    await server.call('POST', '/api/contacts', {
      accountId: account.body.id,
      externalId: 'ben',
      name: 'Ben',
      role: 'end_user',
    });
    // Both were known since March (as an import that states it with pacer.effective_at): a day is read as it was.
    await sql`update contact_states set valid_from = '2026-03-01T00:00:00Z' where account_id = ${account.body.id}`.execute(
      server.database.db,
    );
    // Ben used the product on each of the last 20 days; Mia last on the 30th of March.
    const events: UsageEvent[] = [];
    for (let d = 11; d <= 30; d++) {
      events.push({ ...event('ben', `2026-04-${String(d).padStart(2, '0')}`, 1), accountExternalId: 'stake' });
    }
    events.push({ ...event('mia', '2026-03-30', 1), accountExternalId: 'stake' });
    await server.database.db.transaction().execute(async (trx) => {
      await recordEvents(trx, events);
    });
    await server.database.db.transaction().execute((trx) => flushUsageRollups(trx));
    const answer = await server.call<{
      stakeholders: { name: string; score: number; color: string; daysSinceActive: number }[];
      signals: string[];
    }>('GET', `/api/accounts/${account.body.id}/stakeholders?asOf=2026-04-30`);
    expect(answer.status).toBe(200);
    // Mia: 31 days quiet (0), 0 active days in 30 (0) → 0, red; Ben: today (100), 20 days (100) → 100, green.
    expect(answer.body.stakeholders.map((s) => [s.name, s.score, s.color, s.daysSinceActive])).toEqual([
      ['Mia', 0, 'red', 31],
      ['Ben', 100, 'green', 0],
    ]);
    expect(answer.body.signals).toEqual([
      'Champion Mia has gone quiet (no use for 31 days) while 1 other person is active',
    ]);
  });
});
