import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../src/db/executor.js';
import { accountStakeholders } from '../src/health/account-stakeholders.js';
import { computeMeasures } from '../src/health/compute-measures.js';
import { scoreAccounts } from '../src/health/health-snapshots.js';
import { importFile } from '../src/importers/import-file.js';
import { createApiKey } from '../src/keys/api-keys.js';
import { addDays, today } from '../src/shared/calendar.js';
import { flushUsageRollups } from '../src/usage/roll-up-usage.js';
import { testEngines } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';
import { startTestServer, type TestServer } from './support/test-server.js';

type Body = Record<string, unknown> & { id: string };

async function firstSeen(db: Executor, externalId: string): Promise<string> {
  const { rows } = await sql<{
    at: Date;
  }>`select first_seen_at as at from accounts where external_id = ${externalId}`.execute(db);
  return (rows[0] as { at: Date }).at.toISOString();
}

/** Runs `work` in one transaction whose history changes are dated `at` (migrations/0010's pacer.effective_at). */
async function asOfTime(db: Executor, at: string, work: (trx: Executor) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select set_config('pacer.effective_at', ${at}, true)`.execute(trx);
    await work(trx);
  });
}

describe.each(testEngines())('an account exists from its earliest evidence on $engine', ({ open }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(await open());
  });
  afterAll(() => server.close());

  it('moves first_seen_at back to the earliest subscription, note, survey answer or ticket sent to the API', async () => {
    const db = server.database.db;
    const created = await server.call<Body>('POST', '/api/accounts', { name: 'Old Co', externalId: 'old-co' });
    expect(created.status).toBe(201);
    const now = await firstSeen(db, 'old-co');
    expect(now.slice(0, 10)).toBe(today());

    const post = async (path: string, body: Record<string, unknown>) => {
      const answer = await server.call<Body>('POST', path, { accountExternalId: 'old-co', ...body });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    };
    // A subscription's start is a date: the account is known from its first instant (UTC).
    await post('/api/subscriptions', { mrr: 100, currency: 'USD', startDate: '2022-03-01' });
    expect(await firstSeen(db, 'old-co')).toBe('2022-03-01T00:00:00.000Z');
    await post('/api/notes', { author: 'csm', body: 'Kick-off', occurredAt: '2021-06-15T10:00:00Z' });
    expect(await firstSeen(db, 'old-co')).toBe('2021-06-15T10:00:00.000Z');
    await post('/api/survey-responses', { kind: 'nps', score: 9, answeredAt: '2021-01-02T03:04:05Z' });
    expect(await firstSeen(db, 'old-co')).toBe('2021-01-02T03:04:05.000Z');
    await post('/api/tickets', { subject: 'Login', openedAt: '2020-11-30T08:00:00Z' });
    expect(await firstSeen(db, 'old-co')).toBe('2020-11-30T08:00:00.000Z');
    // Later evidence moves nothing forward.
    await post('/api/notes', { author: 'csm', body: 'Later', occurredAt: '2025-01-01T00:00:00Z' });
    await post('/api/subscriptions', { mrr: 100, currency: 'USD', startDate: '2024-01-01' });
    expect(await firstSeen(db, 'old-co')).toBe('2020-11-30T08:00:00.000Z');

    // So a past day finds it: scored on 2020-11-30, not on the day before.
    const id = created.body.id;
    expect((await computeMeasures(db, '2020-11-30', [id])).has(id)).toBe(true);
    expect((await computeMeasures(db, '2020-11-29', [id])).has(id)).toBe(false);
  });

  it('and from its first event sent to the tracking API (the day of it)', async () => {
    const db = server.database.db;
    const writeKey = (await createApiKey(db, 'web', 'ingest')).secret;
    const auth = { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
    const group = await server.call('POST', '/v1/group', { userId: 'u-1', groupId: 'tracked-co', traits: {} }, auth);
    expect(group.status).toBe(200);
    expect((await firstSeen(db, 'tracked-co')).slice(0, 10)).toBe(today());
    const track = await server.call(
      'POST',
      '/v1/track',
      { userId: 'u-1', event: 'Login', timestamp: '2023-04-05T12:00:00Z', context: { groupId: 'tracked-co' } },
      auth,
    );
    expect(track.status).toBe(200);
    // The tracking API queues counts; the flush puts them in the rollups (the background job does it every second).
    for (let i = 0; i < 50 && (await firstSeen(db, 'tracked-co')).slice(0, 10) === today(); i++) {
      await flushUsageRollups(db);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await firstSeen(db, 'tracked-co')).toBe('2023-04-05T00:00:00.000Z');
  });

  it('and from what pacer import brings: subscriptions, notes and events', async () => {
    const db = server.database.db;
    const dir = tempDir('history-import');
    const accounts = join(dir, 'accounts.csv');
    writeFileSync(accounts, 'externalId,name\nimp-a,Imported A\nimp-b,Imported B\nimp-c,Imported C\n');
    await importFile(server.database, { kind: 'accounts', file: accounts });
    const subscriptions = join(dir, 'subscriptions.csv');
    writeFileSync(
      subscriptions,
      'externalId,accountExternalId,mrr,currency,startDate\ns-a1,imp-a,10,USD,2019-07-01\ns-a2,imp-a,10,USD,2018-02-03\n',
    );
    await importFile(server.database, { kind: 'subscriptions', file: subscriptions });
    expect(await firstSeen(db, 'imp-a')).toBe('2018-02-03T00:00:00.000Z');

    const notes = join(dir, 'notes.csv');
    writeFileSync(notes, 'accountExternalId,author,body,occurredAt\nimp-b,csm,Hello,2017-05-06T07:08:09Z\n');
    await importFile(server.database, { kind: 'notes', file: notes });
    expect(await firstSeen(db, 'imp-b')).toBe('2017-05-06T07:08:09.000Z');

    const events = join(dir, 'events.csv');
    writeFileSync(
      events,
      'userId,groupId,event,timestamp\nu-9,imp-c,login,2016-09-10T11:00:00Z\nu-9,imp-c,login,2016-08-01T23:00:00Z\n',
    );
    await importFile(server.database, { kind: 'events', file: events });
    while ((await flushUsageRollups(db)) > 0) {
      // until the queue is empty
    }
    expect(await firstSeen(db, 'imp-c')).toBe('2016-08-01T00:00:00.000Z');
  });
});

describe.each(testEngines())("contacts' role and active history on $engine", ({ open }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(await open());
  });
  afterAll(() => server.close());

  it('scores a day replayed later as it scored live, whatever changed after', async () => {
    const db = server.database.db;
    const account = (await server.call<Body>('POST', '/api/accounts', { name: 'Live Co', externalId: 'live-co' })).body;
    await server.call('POST', '/api/subscriptions', {
      accountExternalId: 'live-co',
      mrr: 500,
      currency: 'USD',
      startDate: addDays(today(), -200),
    });
    for (const [externalId, role] of [
      ['live-champion', 'champion'],
      ['live-sponsor', 'executive_sponsor'],
    ]) {
      const contact = await server.call('POST', '/api/contacts', { accountExternalId: 'live-co', externalId, role });
      expect(contact.status).toBe(201);
    }
    const [live] = await scoreAccounts(db, today(), [account.id]);
    expect(live?.values['relationship.champion_active']).toBe(1);
    expect(live?.values['relationship.sponsor_active']).toBe(1);

    // Tomorrow the champion leaves, the sponsor becomes an end user and a new champion arrives, inactive.
    const tomorrow = `${addDays(today(), 1)}T09:00:00Z`;
    await asOfTime(db, tomorrow, async (trx) => {
      await sql`update contacts set active = false where external_id = 'live-champion'`.execute(trx);
      await sql`update contacts set role = 'end_user' where external_id = 'live-sponsor'`.execute(trx);
      await sql`insert into contacts (account_id, id, external_id, role, active)
        values (${account.id}, gen_random_uuid(), 'live-new', 'champion', false)`.execute(trx);
    });
    const [replayed] = await scoreAccounts(db, today(), [account.id]);
    expect(replayed?.values).toEqual(live?.values);
    expect(replayed?.score).toBe(live?.score);
    // The day after does see it.
    const after = await computeMeasures(db, addDays(today(), 1), [account.id]);
    expect(after.get(account.id)?.values['relationship.champion_active']).toBe(0);
    expect(after.get(account.id)?.values['relationship.sponsor_active']).toBe(0);
  });

  it('reads a past day as the contacts were then, in measures and stakeholders', async () => {
    const db = server.database.db;
    const account = (await server.call<Body>('POST', '/api/accounts', { name: 'Past Co', externalId: 'past-co' })).body;
    await asOfTime(db, '2024-05-01T10:00:00Z', async (trx) => {
      await sql`insert into contacts (account_id, id, external_id, name, role) values
        (${account.id}, gen_random_uuid(), 'past-champion', 'Cleo', 'champion'),
        (${account.id}, gen_random_uuid(), 'past-sponsor', 'Sam', 'executive_sponsor')`.execute(trx);
    });
    await asOfTime(db, '2024-06-01T15:00:00Z', (trx) =>
      sql`update contacts set active = false where external_id = 'past-champion'`.execute(trx),
    );
    const champion = async (day: string) =>
      (await computeMeasures(db, day, [account.id])).get(account.id)?.values['relationship.champion_active'];
    // first_seen_at is today for this account (nothing dated came with it): measured from today's rows only.
    await sql`update accounts set first_seen_at = '2024-01-01T00:00:00Z' where id = ${account.id}`.execute(db);
    // Before any contact was known the relationship is unknown (missing), as it is live for an account without any.
    expect(await champion('2024-04-30')).toBeNull();
    expect(await champion('2024-05-10')).toBe(1);
    // The departure counts from the day it happened (the end of the day is read).
    expect(await champion('2024-05-31')).toBe(1);
    expect(await champion('2024-06-01')).toBe(0);

    expect((await accountStakeholders(db, account.id, '2024-04-30')).stakeholders).toEqual([]);
    const may = await accountStakeholders(db, account.id, '2024-05-10');
    expect(may.stakeholders.map((s) => [s.name, s.role, s.active])).toEqual([
      ['Cleo', 'champion', true],
      ['Sam', 'executive_sponsor', true],
    ]);
    expect(may.signals).not.toContain('Champion Cleo is no longer active at the account');
    const june = await accountStakeholders(db, account.id, '2024-06-02');
    expect(june.signals).toContain('Champion Cleo is no longer active at the account');
    expect(june.signals).toContain('No active champion');
  });

  it('records each change, whatever path wrote it: API, pacer import, /v1/group', async () => {
    const db = server.database.db;
    const states = async (externalId: string) =>
      (
        await sql<{ role: string | null; active: boolean }>`select s.role, s.active from contact_states s
          join contacts c on c.account_id = s.account_id and c.id = s.contact_id
          where c.external_id = ${externalId} order by s.valid_from`.execute(db)
      ).rows.map((row) => `${row.role}:${row.active}`);
    const fields = async (externalId: string) =>
      (
        await sql<{
          plan: string | null;
          traits: Record<string, unknown>;
        }>`select s.plan, s.traits from account_states s
          join accounts a on a.id = s.account_id where a.external_id = ${externalId} order by s.valid_from`.execute(db)
      ).rows;

    const dir = tempDir('history-paths');
    const accounts = join(dir, 'accounts.csv');
    writeFileSync(accounts, 'externalId,name,plan\npath-co,Path Co,starter\n');
    await importFile(server.database, { kind: 'accounts', file: accounts });
    const contacts = join(dir, 'contacts.csv');
    writeFileSync(contacts, 'externalId,accountExternalId,role\npath-1,path-co,champion\n');
    await importFile(server.database, { kind: 'contacts', file: contacts });
    // The same file again changes nothing, so it records nothing.
    await importFile(server.database, { kind: 'contacts', file: contacts });
    await importFile(server.database, { kind: 'accounts', file: accounts });
    expect(await states('path-1')).toEqual(['champion:true']);

    const { rows } = await sql<{ id: string }>`select id from contacts where external_id = 'path-1'`.execute(db);
    const id = rows[0]?.id;
    expect((await server.call('PATCH', `/api/contacts/${id}`, { active: false })).status).toBe(200);
    expect(await states('path-1')).toEqual(['champion:true', 'champion:false']);

    const writeKey = (await createApiKey(db, 'web-paths', 'ingest')).secret;
    const auth = { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
    const group = await server.call(
      'POST',
      '/v1/group',
      { userId: 'path-2', groupId: 'path-co', traits: { plan: 'pro', status: 'Closed Lost' } },
      auth,
    );
    expect(group.status).toBe(200);
    expect(await states('path-2')).toEqual(['null:true']);
    const history = await fields('path-co');
    expect(history.map((row) => row.plan)).toEqual(['starter', 'pro']);
    expect(history[0]?.traits.status).toBeUndefined();
    expect(history[1]?.traits.status).toBe('Closed Lost');
  });

  it('chooses the scorecard by the lifecycle stage of the day', async () => {
    const db = server.database.db;
    let id = '';
    await asOfTime(db, '2023-01-10T00:00:00Z', async (trx) => {
      const { rows } = await sql<{ id: string }>`insert into accounts (id, name, first_seen_at, lifecycle_stage)
        values (gen_random_uuid(), 'Staged', '2023-01-01T00:00:00Z', 'onboarding') returning id`.execute(trx);
      id = rows[0]?.id as string;
    });
    await asOfTime(db, '2023-03-01T00:00:00Z', (trx) =>
      sql`update accounts set lifecycle_stage = 'adoption' where id = ${id}`.execute(trx),
    );
    await sql`update accounts set lifecycle_stage = 'churned' where id = ${id}`.execute(db);
    const stage = async (day: string) => (await computeMeasures(db, day, [id])).get(id)?.lifecycleStage;
    // Before its fields were known (2023-01-10) the stage is unknown: the general scorecard judges it.
    expect(await stage('2023-01-05')).toBeNull();
    expect(await stage('2023-02-01')).toBe('onboarding');
    expect(await stage('2023-03-01')).toBe('adoption');
    expect(await stage(today())).toBe('churned');
    const [onboarding] = await scoreAccounts(db, '2023-02-01', [id]);
    const [general] = await scoreAccounts(db, '2023-01-05', [id]);
    expect(onboarding?.scorecard).not.toBe(general?.scorecard);
  });
});
