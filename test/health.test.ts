import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvents } from '../src/events/record-events.js';
import type { UsageEvent } from '../src/events/usage-event.js';
import { computeMeasures } from '../src/health/compute-measures.js';
import { addDays, today } from '../src/shared/calendar.js';
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
    // Worked by hand with the default scorecard (monthly billing: the renewal is 1 day away on both days, 30 points;
    // no surveys, no key features; active only since 1 March, too short for a baseline of its own). 31 March: red
    // flags 100, renewal window 30, own past 100 (active today), product usage (100 + 100) / 2, support 100; no notes
    // yet, and no MRR 90 days before (the contract began on 1 January): (25·100 + 15·30 + 25·100 + 20·100 + 5·100)
    // / 90 = 88.33. 30 April: red flags 0 (a champion left), own past 100, product usage (14.29 + 100) / 2 = 57.14,
    // CSM sentiment −1 → 25, billing 100 (MRR unchanged since 31 January):
    // (0 + 450 + 2500 + 20·57.14 + 10·25 + 500 + 500) / 105 = 50.88 → yellow (50 to 75).
    expect(march?.score).toBeCloseTo(88.33, 2);
    expect(april?.score).toBeCloseTo(50.88, 2);
    expect(april?.color).toBe('yellow');

    const answer = await server.call<Explanation>(
      'GET',
      `/api/accounts/${accountId}/health?asOf=2026-04-30&since=2026-03-31`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.trend).toBe('down');
    const moved = answer.body.changes.map((c) => c.measure);
    expect(moved).toContain('usage.licence_utilisation');
    expect(moved).toContain('relationship.champion_left_90d');
    // Each mover is credited with what putting its 31 March value back would give: the champion leaving (red flags
    // back to 100: (2500 + 450 + 2500 + 20·57.14 + 250 + 500 + 500) / 105 = 74.69, so 50.88 − 74.69 = −23.81 points)
    // and licence utilisation (product usage back to 100: 20/105 · (100 − 57.14) = 8.16, so −8.16).
    expect(answer.body.changes.slice(0, 2).map((c) => c.measure)).toEqual([
      'relationship.champion_left_90d',
      'usage.licence_utilisation',
    ]);
    expect(answer.body.changes[0]?.points).toBeCloseTo(-23.81, 1);
    expect(answer.body.changes[1]?.points).toBeCloseTo(-8.16, 1);
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

  it('reads warning signs in their own windows, and has no days since last active for an account never active', async () => {
    const create = async (name: string, externalId: string) =>
      (await server.call<{ id: string }>('POST', '/api/accounts', { name, externalId, firstSeenAt: '2024-01-01' })).body
        .id;
    const flags = await create('Flags Ltd', 'flags');
    const quiet = await create('Quiet Co', 'quiet');
    const old = await create('Old Habits', 'old-habits');
    // A yearly contract from 1 January 2025, cancelled on 1 December at its renewal: the cancellation cleared its
    // renewal date, but on 20 November the renewal due on 1 January 2026 was 42 days away (10 + 31 + 1).
    await server.call('POST', '/api/subscriptions', {
      accountId: flags,
      mrr: 100,
      startDate: '2025-01-01',
      endDate: '2026-01-01',
      billingPeriod: 'year',
      status: 'cancelled',
      cancelledAt: '2025-12-01T10:00:00Z',
    });
    // Active since 1 July; one event a day through August (its baseline: 30 events in the 90 days before the last
    // 30, from 24 July: 10 a month); 1–5 November only (5 events in the last 30 days): 0.5 of its own baseline.
    const events: UsageEvent[] = [{ ...event('f1', '2025-07-01', 9), accountExternalId: 'flags' }];
    for (let d = 1; d <= 30; d++)
      events.push({ ...event('f1', `2025-08-${String(d).padStart(2, '0')}`, 9), accountExternalId: 'flags' });
    for (let d = 1; d <= 5; d++) events.push({ ...event('f1', `2025-11-0${d}`, 9), accountExternalId: 'flags' });
    events.push({ ...event('o1', '2024-10-01', 9), accountExternalId: 'old-habits' });
    await server.database.db.transaction().execute((trx) => recordEvents(trx, events));
    await server.database.db.transaction().execute((trx) => flushUsageRollups(trx));
    const answer = (score: number, answeredAt: string) =>
      server.call('POST', '/api/survey-responses', { accountId: flags, kind: 'nps', score, answeredAt });
    // Detractors (0–6) in the 180 days to 20 November (from 24 May): the 5 of 1 October; not the 3 of 1 April.
    await answer(3, '2025-04-01T00:00:00Z');
    await answer(5, '2025-10-01T00:00:00Z');
    await answer(9, '2025-11-01T00:00:00Z');
    const note = (tags: string[], occurredAt: string) =>
      server.call('POST', '/api/notes', { accountId: flags, author: 'Kenji', body: 'Call.', tags, occurredAt });
    // Risk notes in the 90 days to 20 November (from 23 August): 1 October and 10 November; not 1 July.
    await note(['budget-cut'], '2025-07-01T10:00:00Z');
    await note(['competitor'], '2025-10-01T10:00:00Z');
    await note(['competitor', 'churn-risk'], '2025-11-10T10:00:00Z');
    await note(['check-in'], '2025-11-12T10:00:00Z');

    const measures = await computeMeasures(server.database.db, '2025-11-20', [flags, quiet, old]);
    expect(measures.get(flags)?.values).toMatchObject({
      'billing.days_to_renewal': 42,
      'usage.events_vs_baseline': 0.5,
      'usage.days_since_last_active': 15,
      'billing.renewal_with_falling_usage': 1,
      'voice.detractors_180d': 1,
      'voice.latest_nps': 9,
      'sentiment.risk_notes_90d': 2,
    });
    // Never active: no last activity to count from. Active once, 415 days earlier (365 to 1 October 2025, 31 to
    // 1 November, 19 more): counted in full, not capped at a year.
    expect(measures.get(quiet)?.values['usage.days_since_last_active']).toBeNull();
    expect(measures.get(quiet)?.values['usage.events_vs_baseline']).toBeNull();
    expect(measures.get(old)?.values['usage.days_since_last_active']).toBe(415);
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

  it('puts the latest override in force; a removed one ends then and still shows on the days before', async () => {
    const { scoreAccounts } = await import('../src/health/health-snapshots.js');
    const account = await server.call<{ id: string }>('POST', '/api/accounts', {
      name: 'Overrides Co',
      externalId: 'overrides',
      firstSeenAt: '2026-01-01',
    });
    const id = account.body.id;
    const made = (daysAgo: number) => `${addDays(today(), -daysAgo)}T09:00:00Z`;
    // Red three days ago, green two days ago: both live yesterday; the later one (green) is in force.
    const redId = '01900000-0000-7000-8000-000000000001';
    const greenId = '01900000-0000-7000-8000-000000000002';
    await sql`insert into health_overrides (account_id, id, measure, color, reason, expires_at, created_by, created_at)
      values (${id}, ${redId}, null, 'red', 'Budget freeze announced', null, 'kenji', ${made(3)}::timestamptz),
        (${id}, ${greenId}, null, 'green', 'Freeze lifted, renewal signed', null, 'kenji', ${made(2)}::timestamptz)`.execute(
      server.database.db,
    );
    const yesterday = addDays(today(), -1);
    const [before] = await scoreAccounts(server.database.db, yesterday, [id]);
    expect(before?.color).toBe('green');
    expect(before?.override?.reason).toBe('Freeze lifted, renewal signed');

    expect((await server.call('DELETE', `/api/accounts/${id}/health/overrides/${greenId}`)).status).toBe(204);
    expect((await server.call('DELETE', `/api/accounts/${id}/health/overrides/${greenId}`)).status).toBe(404);
    // Yesterday the green override was still in force; from today the red one (still live) is.
    const [replayed] = await scoreAccounts(server.database.db, yesterday, [id]);
    expect(replayed?.color).toBe('green');
    const [now] = await scoreAccounts(server.database.db, today(), [id]);
    expect(now?.color).toBe('red');
    expect(now?.override?.reason).toBe('Budget freeze announced');
    const listed = await server.call<{ data: { id: string; endedAt: string | null }[] }>(
      'GET',
      `/api/accounts/${id}/health/overrides`,
    );
    expect(listed.body.data.map((o) => [o.id, o.endedAt !== null])).toEqual([
      [greenId, true],
      [redId, false],
    ]);
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
      signalDetails: unknown[];
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
    // The same signal in parts, for the web app to word in any language.
    expect(answer.body.signalDetails).toEqual([
      { kind: 'champion_quiet', contactId: expect.any(String), who: 'Mia', daysSinceActive: 31, othersActive: 1 },
    ]);
  });
});
