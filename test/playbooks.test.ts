import { sql, type Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { Schema } from '../src/db/schema.js';
import { generateWorld } from '../src/demo/generate-world.js';
import { scoreWorldChurn } from '../src/demo/score-world-churn.js';
import { scoreWorldHealth } from '../src/demo/score-world-health.js';
import { evaluatePlaybook } from '../src/playbooks/evaluate-playbook.js';
import { type PlaybookDefinition, playbookDefinitionSchema } from '../src/playbooks/playbook.schema.js';
import { listPlaybooks } from '../src/playbooks/playbook-store.js';
import { addDays, today } from '../src/shared/calendar.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/until.js';

interface Hit {
  accountId: string;
  accountName: string;
  reason: string;
  triggers: Array<{ index: number; facts: Record<string, unknown> }>;
}
interface DryRun {
  data: Hit[];
  total: number;
}
interface PlaybookBody {
  playbook: { id: string; name: string; version: number; enabled: boolean; shipped: boolean };
  versions?: Array<{ version: number; definition: { name: string } }>;
}

// A book of five accounts, all created 100 days ago (account and contact history dated then), reporting in USD:
//   Alpha   (owner U1, high_touch, adoption, $1,000/month, renews in 20 days) health 60 yellow 10 days ago, 30 red
//           today; churn risk 0.8
//   Bravo   (owner U1, low_touch, $50/month, renews in 200 days) red 35 forty days ago and today (red all along);
//           risk 0.3; NPS 3 two days ago; its executive sponsor was deactivated 60 days ago
//   Charlie (owner U2, high_touch, $100/month, renews in 60 days) green 85 twenty days ago, 80 today; licence
//           utilisation 0.95 in today's inputs; risk 0.65; a note tagged "competitor" 3 days ago
//   Delta   (no owner, no subscription, no health, no risk) moved to the renewal stage today; NPS 10 yesterday and
//           NPS 5 thirty days ago; a note tagged "competitor" 40 days ago
//   Echo    (owner U2, trait segment=enterprise) yellow 75 five days ago, 55 today; its champion deactivated today
const ACCOUNTS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'] as const;
type Name = (typeof ACCOUNTS)[number];

describe.each(testEngines())('playbooks, on $engine', ({ open }) => {
  let server: TestServer;
  const day = today();
  const ids = {} as Record<Name, string>;
  const users: Record<string, string> = {};
  const sessions: Record<string, Record<string, string>> = {};
  const db = () => server.database.db;
  let fixturePlaybookId = '';

  const past = (days: number) => `${addDays(day, -days)}T12:00:00Z`;
  /** Runs statements as if they happened at `at` (history tables record that time). */
  const at = (when: string, work: (trx: Transaction<Schema>) => Promise<void>) =>
    db()
      .transaction()
      .execute(async (trx) => {
        await sql`select set_config('pacer.effective_at', ${when}, true)`.execute(trx);
        await work(trx);
      });
  const snapshot = (name: Name, daysAgo: number, score: number, colour: string, values: Record<string, number> = {}) =>
    sql`insert into health_scores (account_id, as_of, scorecard, scorecard_version, score, color, computed_color, inputs)
      values (${ids[name]}, ${addDays(day, -daysAgo)}::date, 'default', 1, ${score}, ${colour}, ${colour},
        cast(${JSON.stringify({ values, overrides: [] })} as jsonb))`.execute(db());

  const dryRun = async (definition: unknown, as: Record<string, string> = {}) => {
    const answer = await server.call<DryRun>('POST', `/api/playbooks/${fixturePlaybookId}/dry-run`, { definition }, as);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const hitNames = async (triggers: unknown[], audience: unknown = {}) =>
    (await dryRun({ name: 'probe', triggers, audience })).data.map((hit) => hit.accountName).sort();

  beforeAll(async () => {
    server = await startTestServer(await open());
    for (const [name, role] of [
      ['U1', 'csm'],
      ['U2', 'csm'],
      ['Lea', 'leader'],
      ['Vic', 'viewer'],
    ] as const) {
      const made = await server.call<{ id: string }>('POST', '/api/users', {
        email: `${name.toLowerCase()}@pacer.example`,
        name,
        role,
        password: 'correct horse battery',
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      users[name] = made.body.id;
      const signed = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${name.toLowerCase()}@pacer.example`, password: 'correct horse battery' }),
      });
      expect(signed.status).toBe(200);
      sessions[name] = {
        // no admin key: the call is this person's
        authorization: '',
        cookie: (signed.headers.get('set-cookie') ?? '').split(';')[0] as string,
        'x-csrf-token': ((await signed.json()) as { csrfToken: string }).csrfToken,
      };
    }
    expect((await server.call('PUT', '/api/settings', { reportingCurrency: 'USD', rates: [] })).status).toBe(200);
    const owners: Record<Name, string | null> = {
      Alpha: users.U1 as string,
      Bravo: users.U1 as string,
      Charlie: users.U2 as string,
      Delta: null,
      Echo: users.U2 as string,
    };
    const tiers: Record<Name, string | null> = {
      Alpha: 'high_touch',
      Bravo: 'low_touch',
      Charlie: 'high_touch',
      Delta: null,
      Echo: null,
    };
    await at(past(100), async (trx) => {
      for (const name of ACCOUNTS) {
        ids[name] = uuidv7();
        await sql`insert into accounts (id, name, owner_id, coverage_tier, lifecycle_stage, traits, created_at)
          values (${ids[name]}, ${name}, ${owners[name]}, ${tiers[name]},
            ${name === 'Alpha' ? 'adoption' : 'onboarding'},
            cast(${JSON.stringify(name === 'Echo' ? { segment: 'enterprise' } : { segment: 'smb' })} as jsonb),
            ${past(100)}::timestamptz)`.execute(trx);
      }
      await sql`insert into contacts (account_id, id, name, role, active) values
        (${ids.Bravo}, ${uuidv7()}, 'Bo Sponsor', 'executive_sponsor', true),
        (${ids.Echo}, ${uuidv7()}, 'Eve Champion', 'champion', true)`.execute(trx);
    });
    await at(past(60), async (trx) => {
      await sql`update contacts set active = false where account_id = ${ids.Bravo}`.execute(trx);
    });
    await sql`update contacts set active = false where account_id = ${ids.Echo}`.execute(db());
    await sql`update accounts set lifecycle_stage = 'renewal' where id = ${ids.Delta}`.execute(db());
    for (const [name, mrr, renewsIn] of [
      ['Alpha', 100000, 20],
      ['Bravo', 5000, 200],
      ['Charlie', 10000, 60],
    ] as const) {
      // Billed yearly: a stated renewal date up to a year ahead is the next renewal.
      await sql`insert into subscriptions (account_id, id, currency, mrr_minor, billing_period, status, start_date,
          renewal_date)
        values (${ids[name]}, ${uuidv7()}, 'USD', ${mrr}, 'year', 'active', ${addDays(day, -100)}::date,
          ${addDays(day, renewsIn)}::date)`.execute(db());
    }
    const modelId = uuidv7();
    await sql`insert into churn_models (id, horizon_days, definition, as_of_dates, estimator, model, summary)
      values (${modelId}, 90, '{}', array[${day}::date], 'logistic', '{}', '{}')`.execute(db());
    for (const [name, risk] of [
      ['Alpha', 0.8],
      ['Bravo', 0.3],
      ['Charlie', 0.65],
      ['Echo', 0.1],
    ] as const) {
      await sql`insert into churn_predictions (account_id, as_of, model_id, probability, reasons)
        values (${ids[name]}, ${day}::date, ${modelId}, ${risk}, '{"raising":[],"lowering":[]}')`.execute(db());
    }
    for (const [name, score, daysAgo] of [
      ['Bravo', 3, 2],
      ['Delta', 10, 1],
      ['Delta', 5, 30],
    ] as const) {
      await sql`insert into survey_responses (account_id, id, kind, score, answered_at)
        values (${ids[name]}, ${uuidv7()}, 'nps', ${score}, ${past(daysAgo)}::timestamptz)`.execute(db());
    }
    for (const [name, daysAgo] of [
      ['Charlie', 3],
      ['Delta', 40],
    ] as const) {
      await sql`insert into notes (account_id, id, author, body, tags, occurred_at)
        values (${ids[name]}, ${uuidv7()}, 'test', 'Looking at a rival', array['competitor'],
          ${past(daysAgo)}::timestamptz)`.execute(db());
    }
    // The server's health worker scores the accounts these changes marked; wait for it, then write the book's own
    // snapshots in place of its.
    await until(
      async () => (await sql<{ n: number }>`select count(*)::int as n from health_dirty`.execute(db())).rows[0]?.n,
      (n) => n === 0,
    );
    await sql`delete from health_scores`.execute(db());
    await snapshot('Alpha', 10, 60, 'yellow');
    await snapshot('Alpha', 0, 30, 'red');
    await snapshot('Bravo', 40, 35, 'red');
    await snapshot('Bravo', 0, 35, 'red');
    await snapshot('Charlie', 20, 85, 'green');
    await snapshot('Charlie', 0, 80, 'green', { 'usage.licence_utilisation': 0.95 });
    await snapshot('Echo', 5, 75, 'yellow');
    await snapshot('Echo', 0, 55, 'yellow');
    const made = await server.call<PlaybookBody>('POST', '/api/playbooks', {
      name: 'Red and renewing',
      triggers: [{ kind: 'health_colour', colour: 'red' }],
      steps: [{ kind: 'create_task', title: 'Call them', assignee: 'owner', priority: 'high', dueInDays: 2 }],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    fixturePlaybookId = made.body.playbook.id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('hits, for each trigger kind, the accounts worked out by hand', async () => {
    // Red now: Alpha (30) and Bravo (35); Echo is yellow, Charlie green, Delta unscored.
    expect(await hitNames([{ kind: 'health_colour', colour: 'red' }])).toEqual(['Alpha', 'Bravo']);
    // Turned red within 7 days: Alpha (yellow 10 days ago, red today); Bravo has never been another colour.
    expect(await hitNames([{ kind: 'health_colour', colour: 'red', changedWithinDays: 7 }])).toEqual(['Alpha']);
    // Fell 15+ points in 30 days: Alpha 60→30 (30), Echo 75→55 (20); Charlie 85→80 is 5, Bravo 35→35 is 0.
    expect(await hitNames([{ kind: 'score_dropped', points: 15, days: 30 }])).toEqual(['Alpha', 'Echo']);
    // Echo's 75 was 5 days ago: a 3-day window sees only 55, no drop; Alpha's 60 is 10 days old: none either.
    expect(await hitNames([{ kind: 'score_dropped', points: 15, days: 3 }])).toEqual([]);
    // Risk above 0.6: Alpha 0.8, Charlie 0.65; Bravo 0.3, Echo 0.1, Delta none.
    expect(await hitNames([{ kind: 'risk_above', threshold: 0.6 }])).toEqual(['Alpha', 'Charlie']);
    // Licence utilisation above 0.9: only Charlie's inputs hold one (0.95).
    expect(await hitNames([{ kind: 'measure_threshold', measure: 'usage.licence_utilisation', above: 0.9 }])).toEqual([
      'Charlie',
    ]);
    // Renewing within 30 days: Alpha (20); Charlie is 60, Bravo 200, Delta has no subscription.
    expect(await hitNames([{ kind: 'renewal_within', days: 30 }])).toEqual(['Alpha']);
    // Within 90 days with health below 50: Alpha (30); Charlie renews in 60 but scores 80.
    expect(await hitNames([{ kind: 'renewal_within', days: 90, healthBelow: 50 }])).toEqual(['Alpha']);
    expect(await hitNames([{ kind: 'renewal_within', days: 90 }])).toEqual(['Alpha', 'Charlie']);
    // Detractor within 7 days: Bravo (3, two days ago); Delta's 5 was 30 days ago. Promoter: Delta's 10 yesterday.
    expect(await hitNames([{ kind: 'nps_answer', answer: 'detractor', days: 7 }])).toEqual(['Bravo']);
    expect(await hitNames([{ kind: 'nps_answer', answer: 'detractor', days: 31 }])).toEqual(['Bravo', 'Delta']);
    expect(await hitNames([{ kind: 'nps_answer', answer: 'promoter', days: 7 }])).toEqual(['Delta']);
    // "competitor" within 14 days: Charlie (3 days); Delta's is 40 days old.
    expect(await hitNames([{ kind: 'note_tagged', tag: 'competitor', days: 14 }])).toEqual(['Charlie']);
    expect(await hitNames([{ kind: 'note_tagged', tag: 'budget-cut', days: 14 }])).toEqual([]);
    // Entered renewal within 7 days: Delta (today). Alpha has been in adoption since it was made 100 days ago.
    expect(await hitNames([{ kind: 'lifecycle_stage', stage: 'renewal', days: 7 }])).toEqual(['Delta']);
    expect(await hitNames([{ kind: 'lifecycle_stage', stage: 'adoption', days: 7 }])).toEqual([]);
    expect(await hitNames([{ kind: 'lifecycle_stage', stage: 'adoption', days: 101 }])).toEqual(['Alpha']);
    // Champion or sponsor deactivated within 14 days: Echo (today); Bravo's sponsor left 60 days ago.
    expect(await hitNames([{ kind: 'champion_left', days: 14 }])).toEqual(['Echo']);
    expect(await hitNames([{ kind: 'champion_left', days: 61 }])).toEqual(['Bravo', 'Echo']);
  });

  it('evaluates only the accounts a batch of changes touched, when told which', async () => {
    const names = async (trigger: unknown, only: Name[]) =>
      (
        await evaluatePlaybook(db(), playbookDefinitionSchema.parse({ name: 'batch', triggers: [trigger] }), {
          day,
          accountIds: only.map((name) => ids[name]),
        })
      )
        .map((hit) => hit.accountName)
        .sort();
    // Of the droppers (Alpha, Echo), only Echo is in the batch; of the red turners (Alpha) none; champion: Echo.
    expect(await names({ kind: 'score_dropped', points: 15, days: 30 }, ['Bravo', 'Echo'])).toEqual(['Echo']);
    expect(await names({ kind: 'health_colour', colour: 'red', changedWithinDays: 7 }, ['Bravo', 'Echo'])).toEqual([]);
    expect(await names({ kind: 'champion_left', days: 61 }, ['Echo', 'Delta'])).toEqual(['Echo']);
    expect(await names({ kind: 'lifecycle_stage', stage: 'renewal', days: 7 }, ['Delta'])).toEqual(['Delta']);
    expect(await names({ kind: 'nps_answer', answer: 'detractor', days: 31 }, ['Delta'])).toEqual(['Delta']);
    expect(await names({ kind: 'note_tagged', tag: 'competitor', days: 14 }, ['Alpha'])).toEqual([]);
  });

  it('narrows by the audience and by a trigger’s own conditions; any trigger fires', async () => {
    const risky = [{ kind: 'risk_above', threshold: 0.6 }];
    // Risky ones owned by U1: Alpha (Charlie is U2's).
    expect(await hitNames(risky, { owner: users.U1 })).toEqual(['Alpha']);
    // With at least $500 MRR: Alpha ($1,000); Charlie has $100.
    expect(await hitNames(risky, { mrrAtLeast: 500 })).toEqual(['Alpha']);
    expect(await hitNames(risky, { mrrAtMost: 500 })).toEqual(['Charlie']);
    expect(await hitNames(risky, { tiers: ['low_touch'] })).toEqual([]);
    // Nobody owns Delta, the only promoter.
    expect(await hitNames([{ kind: 'nps_answer', answer: 'promoter', days: 7 }], { owner: 'none' })).toEqual(['Delta']);
    // Enterprise is Echo's trait; of the score droppers (Alpha, Echo) only Echo.
    expect(
      await hitNames([{ kind: 'score_dropped', points: 15, days: 30 }], {
        traits: [{ key: 'segment', equals: 'enterprise' }],
      }),
    ).toEqual(['Echo']);
    // A trigger's own condition: risky and green is Charlie; the other trigger (detractor) adds Bravo.
    expect(
      await hitNames([
        { kind: 'risk_above', threshold: 0.6, conditions: { colours: ['green'] } },
        { kind: 'nps_answer', answer: 'detractor', days: 7 },
      ]),
    ).toEqual(['Bravo', 'Charlie']);
    // Churn risk at most 0.5 among the red: Bravo (0.3); Alpha is 0.8.
    expect(await hitNames([{ kind: 'health_colour', colour: 'red' }], { churnRiskAtMost: 0.5 })).toEqual(['Bravo']);
  });

  it('answers the dry run with reasons a CSM reads and the facts behind them, riskiest first', async () => {
    const answer = await dryRun({
      name: 'Risk and renewal',
      triggers: [
        { kind: 'health_colour', colour: 'red', changedWithinDays: 7 },
        { kind: 'renewal_within', days: 30 },
        { kind: 'nps_answer', answer: 'detractor', days: 7 },
      ],
    });
    expect(answer.total).toBe(2);
    // Alpha (risk 0.8) before Bravo (0.3).
    expect(answer.data.map((hit) => [hit.accountId, hit.accountName])).toEqual([
      [ids.Alpha, 'Alpha'],
      [ids.Bravo, 'Bravo'],
    ]);
    expect(answer.data[0]?.reason).toBe(
      `Health turned red on ${day} (score 30); renews in 20 days (${addDays(day, 20)}) with health 30`,
    );
    expect(answer.data[0]?.triggers).toEqual([
      { index: 0, facts: { kind: 'health_colour', colour: 'red', turnedOn: day, score: 30 } },
      { index: 1, facts: { kind: 'renewal_within', renewalDate: addDays(day, 20), daysLeft: 20, score: 30 } },
    ]);
    expect(answer.data[1]?.reason).toBe(`NPS answer 3 on ${addDays(day, -2)} (detractor)`);
    // The saved definition (red now) when no definition is sent.
    const saved = await server.call<DryRun>('POST', `/api/playbooks/${fixturePlaybookId}/dry-run`, {});
    expect(saved.body.data.map((hit) => hit.accountName)).toEqual(['Alpha', 'Bravo']);
    expect(saved.body.data[1]?.reason).toBe('Health is red (score 35)');
  });

  it('keeps every saved version, and audits saves and turning on and off', async () => {
    const made = await server.call<PlaybookBody>(
      'POST',
      '/api/playbooks',
      { name: 'Versioned', triggers: [{ kind: 'risk_above', threshold: 0.5 }] },
      sessions.Lea,
    );
    expect(made.status).toBe(201);
    expect([made.body.playbook.version, made.body.playbook.enabled]).toEqual([1, false]);
    const id = made.body.playbook.id;
    const saved = await server.call<PlaybookBody>(
      'PUT',
      `/api/playbooks/${id}`,
      { name: 'Versioned, renamed', triggers: [{ kind: 'risk_above', threshold: 0.7 }] },
      sessions.Lea,
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.playbook.version).toBe(2);
    const read = await server.call<PlaybookBody>('GET', `/api/playbooks/${id}`, undefined, sessions.Vic);
    expect(read.body.playbook.name).toBe('Versioned, renamed');
    expect(read.body.versions?.map((v) => [v.version, v.definition.name])).toEqual([
      [2, 'Versioned, renamed'],
      [1, 'Versioned'],
    ]);
    const on = await server.call<PlaybookBody>('POST', `/api/playbooks/${id}/enable`, undefined, sessions.Lea);
    expect(on.body.playbook.enabled).toBe(true);
    // Turning on adds no version.
    expect(on.body.playbook.version).toBe(2);
    const off = await server.call<PlaybookBody>('POST', `/api/playbooks/${id}/disable`, undefined, sessions.Lea);
    expect(off.body.playbook.enabled).toBe(false);
    const { rows } = await sql<{ action: string; actor: string; changes: Record<string, unknown> }>`
      select action, actor, changes from audit_log where entity = 'playbook' and entity_id = ${id}
      order by at, id`.execute(db());
    expect(rows.map((row) => row.action)).toEqual(['create', 'save version', 'enable', 'disable']);
    expect(rows.every((row) => row.actor.includes('lea@pacer.example'))).toBe(true);
    expect(rows[2]?.changes).toEqual({ enabled: { from: false, to: true } });
    // A CSM may dry-run but not save; a viewer may do neither.
    expect(
      (
        await server.call(
          'PUT',
          `/api/playbooks/${id}`,
          { name: 'x', triggers: [{ kind: 'risk_above', threshold: 0.1 }] },
          sessions.U1,
        )
      ).status,
    ).toBe(403);
    expect((await dryRun(undefined, sessions.U1)).total).toBeGreaterThanOrEqual(0);
    expect((await server.call('POST', `/api/playbooks/${id}/dry-run`, {}, sessions.Vic)).status).toBe(403);
    expect((await server.call('GET', `/api/playbooks/${uuidv7()}`)).status).toBe(404);
  });

  it('refuses a bad definition with errors naming each field', async () => {
    const bad = await server.call<{ issues: Array<{ field: string; message: string }> }>('POST', '/api/playbooks', {
      name: '',
      triggers: [
        { kind: 'risk_above', threshold: 2 },
        { kind: 'score_dropped', points: 10 },
        { kind: 'sunspots' },
        { kind: 'measure_threshold', measure: 'usage.licence_utilisation' },
      ],
      steps: [{ kind: 'create_task', title: 'x', assignee: 'nobody', priority: 'high', dueInDays: 1 }],
      controlGroupPercent: 80,
      audience: { colour: ['red'] },
    });
    expect(bad.status).toBe(400);
    const fields = Object.fromEntries(bad.body.issues.map((issue) => [issue.field, issue.message]));
    expect(fields).toMatchObject({
      name: 'must not be empty',
      'triggers.0.threshold': 'must be between 0 and 1',
      'triggers.1.days': 'required',
      'triggers.3.above': 'needs above or below',
      'steps.0.assignee': 'must be "owner" or a team user id',
      controlGroupPercent: 'must be between 0 and 50',
      'audience.colour': 'unknown field',
    });
    expect(fields['triggers.2.kind']).toMatch(/^must have a kind: health_colour/);
    const count = await sql<{ n: number }>`select count(*)::int as n from playbooks`.execute(db());
    const before = count.rows[0]?.n;
    const badRun = await server.call('POST', `/api/playbooks/${fixturePlaybookId}/dry-run`, {
      definition: { name: 'x', triggers: [] },
    });
    expect(badRun.status).toBe(400);
    expect(JSON.stringify(badRun.body)).toContain('definition.triggers');
    // Nothing was stored by the refused calls.
    expect((await sql<{ n: number }>`select count(*)::int as n from playbooks`.execute(db())).rows[0]?.n).toBe(before);
  });

  it('ships seven playbooks, off, once', async () => {
    const listed = await server.call<{ data: Array<{ name: string; enabled: boolean; shipped: boolean }> }>(
      'GET',
      '/api/playbooks',
    );
    const shipped = listed.body.data.filter((p) => p.shipped);
    expect(shipped.map((p) => p.name).sort()).toEqual([
      'Champion left',
      'Detractor follow-up',
      'Expansion signal',
      'No-login alert',
      'Onboarding milestone not reached',
      'Renewal in 90 days',
      'Risk jumped',
    ]);
    expect(shipped.every((p) => !p.enabled)).toBe(true);
    await server.call('GET', '/api/playbooks');
    expect((await listPlaybooks(db())).filter((p) => p.shippedKey).length).toBe(7);
  });
});

describe.each(testEngines())('the shipped playbooks on the demo world, on $engine', ({ open }) => {
  let database: Database;
  const day = today();
  beforeAll(async () => {
    database = await open();
    await generateWorld(database, { seed: 7, accounts: 60, months: 12, shape: 'b2b', today: day });
    await scoreWorldHealth(database, day);
    await scoreWorldChurn(database, day);
  }, 300_000);
  afterAll(async () => {
    await database?.close();
  });

  it('finds renewals and risk with reasons, and every shipped definition validates and runs', async () => {
    const playbooks = await listPlaybooks(database.db);
    const hits: Record<string, Awaited<ReturnType<typeof evaluatePlaybook>>> = {};
    for (const playbook of playbooks) {
      playbookDefinitionSchema.parse(playbook.definition satisfies PlaybookDefinition);
      hits[playbook.shippedKey as string] = await evaluatePlaybook(database.db, playbook.definition, { day });
    }
    const renewals = hits['renewal-90-days'] ?? [];
    const risky = hits['risk-jumped'] ?? [];
    // 60 accounts renewing yearly or monthly: some renew within 90 days, but not every one.
    expect(renewals.length).toBeGreaterThan(0);
    expect(renewals.length).toBeLessThan(60);
    expect(renewals.every((hit) => /^Renews (today|in \d+ days?) \(\d{4}-\d{2}-\d{2}\)/.test(hit.reason))).toBe(true);
    expect(risky.length).toBeGreaterThan(0);
    expect(risky.length).toBeLessThan(60);
    expect(risky.every((hit) => /Health score fell|Health turned red|Churn risk \d+%/.test(hit.reason))).toBe(true);
    console.log(
      Object.entries(hits)
        .map(
          ([key, list]) =>
            `${key}: ${list.length}${list[0] ? ` — e.g. ${list[0].accountName}: ${list[0].reason}` : ''}`,
        )
        .join('\n'),
    );
  }, 120_000);
});
