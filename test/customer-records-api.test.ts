import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushUsageRollups } from '../src/usage/roll-up-usage.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

type Body = Record<string, unknown> & { id: string };
interface ErrorBody {
  error: string;
  message: string;
  issues: { field: string; message: string }[];
}

describe.each(testEngines())('contacts, subscriptions, notes, surveys and tickets on $engine', ({ open }) => {
  let server: TestServer;
  let account: Body;
  let other: Body;
  beforeAll(async () => {
    server = await startTestServer(await open());
    account = (await server.call<Body>('POST', '/api/accounts', { name: 'Umbrella', externalId: 'umbrella' })).body;
    other = (await server.call<Body>('POST', '/api/accounts', { name: 'Hooli', externalId: 'hooli' })).body;
  });
  afterAll(() => server.close());

  it('creates a contact under an account named by its external id', async () => {
    const contact = await server.call<Body>('POST', '/api/contacts', {
      accountExternalId: 'umbrella',
      externalId: 'user-1',
      email: 'alice@umbrella.example',
      name: 'Alice',
      role: 'champion',
    });
    expect(contact.status).toBe(201);
    expect(contact.body).toMatchObject({ accountId: account.id, role: 'champion', active: true });

    const unknownRole = await server.call<ErrorBody>('POST', '/api/contacts', { accountId: account.id, role: 'boss' });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.issues[0]?.field).toBe('role');

    const noAccount = await server.call<ErrorBody>('POST', '/api/contacts', { name: 'Nobody' });
    expect(noAccount.status).toBe(400);
    expect(noAccount.body.issues[0]?.field).toBe('accountId');

    const unknownAccount = await server.call<ErrorBody>('POST', '/api/contacts', {
      accountExternalId: 'nope',
      name: 'X',
    });
    expect(unknownAccount.status).toBe(400);
    expect(unknownAccount.body.issues[0]).toMatchObject({ field: 'accountExternalId' });

    const move = await server.call<ErrorBody>('PATCH', `/api/contacts/${contact.body.id}`, { accountId: other.id });
    expect(move.status).toBe(400);
    expect(move.body.issues[0]?.field).toBe('accountId');

    const list = await server.call<{ data: Body[] }>('GET', `/api/contacts?accountId=${account.id}&role=champion`);
    expect(list.body.data.map((c) => c.email)).toEqual(['alice@umbrella.example']);
  });

  it('stores money in minor units and gives it back in major units', async () => {
    const usd = await server.call<Body>('POST', '/api/subscriptions', {
      accountExternalId: 'umbrella',
      mrr: 29.85,
      currency: 'USD',
      seats: 10,
      startDate: '2026-01-01',
      renewalDate: '2027-01-01',
    });
    expect(usd.status).toBe(201);
    expect(usd.body).toMatchObject({ mrr: 29.85, currency: 'USD', billingPeriod: 'month', status: 'active' });
    const rows = await server.database.withSession((q) =>
      q<{ mrr_minor: number }>('select mrr_minor from subscriptions where id = $1', [usd.body.id]),
    );
    expect(rows[0]?.mrr_minor).toBe(2985);

    const yen = await server.call<Body>('POST', '/api/subscriptions', {
      accountId: account.id,
      amount: 120000,
      billingPeriod: 'year',
      currency: 'JPY',
      startDate: '2026-04-01',
    });
    expect(yen.body).toMatchObject({ amount: 120000, mrr: 10000, currency: 'JPY' });

    // Moving that contract to quarterly billing of the same amount makes it 40,000 a month.
    const quarterly = await server.call<Body>('PATCH', `/api/subscriptions/${yen.body.id}`, {
      billingPeriod: 'quarter',
    });
    expect(quarterly.body).toMatchObject({ amount: 120000, mrr: 40000 });

    const negative = await server.call<ErrorBody>('POST', '/api/subscriptions', {
      accountId: account.id,
      mrr: -5,
      startDate: '2026-01-01',
    });
    expect(negative.status).toBe(400);
    expect(negative.body.issues).toEqual([{ field: 'mrr', message: 'must not be negative' }]);

    const tooPrecise = await server.call<ErrorBody>('POST', '/api/subscriptions', {
      accountId: account.id,
      mrr: '10.5',
      currency: 'JPY',
      startDate: '2026-01-01',
    });
    expect(tooPrecise.body.issues[0]).toMatchObject({
      field: 'mrr',
      message: expect.stringMatching(/JPY has no minor unit/),
    });

    const noMoney = await server.call<ErrorBody>('POST', '/api/subscriptions', {
      accountId: account.id,
      startDate: '2026-01-01',
    });
    expect(noMoney.body.issues[0]?.field).toBe('mrr');

    const badDates = await server.call<ErrorBody>('POST', '/api/subscriptions', {
      accountId: account.id,
      mrr: 10,
      startDate: '2026-05-01',
      endDate: '2026-04-01',
    });
    expect(badDates.body.issues[0]?.field).toBe('endDate');

    const malformedDate = await server.call<ErrorBody>('POST', '/api/subscriptions', {
      accountId: account.id,
      mrr: 10,
      startDate: '2026-02-30',
    });
    expect(malformedDate.body.issues[0]?.field).toBe('startDate');

    const badCurrency = await server.call<ErrorBody>('POST', '/api/subscriptions', {
      accountId: account.id,
      mrr: 10,
      currency: 'ABC',
      startDate: '2026-01-01',
    });
    expect(badCurrency.body.issues[0]?.field).toBe('currency');
  });

  it('keeps notes, survey answers and tickets, checking each against its scale and account', async () => {
    const champion = (await server.call<{ data: Body[] }>('GET', '/api/contacts?externalId=user-1')).body
      .data[0] as Body;
    const note = await server.call<Body>('POST', '/api/notes', {
      accountExternalId: 'umbrella',
      contactExternalId: 'user-1',
      author: 'Kenji (CSM)',
      body: 'Champion is moving to another company next month.',
      sentiment: -2,
      tags: ['champion-left', 'champion-left'],
      occurredAt: '2026-11-20T10:00:00+09:00',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      contactId: champion.id,
      tags: ['champion-left'],
      occurredAt: '2026-11-20T01:00:00.000Z',
    });

    // Tags in any script's lowercase letters; capitals and spaces are refused, naming the tag.
    const japanese = await server.call<Body>('POST', '/api/notes', {
      accountId: account.id,
      author: 'Aiko',
      body: '競合製品の見積もりを取っている。',
      tags: ['競合', '予算-削減', 'q3'],
    });
    expect(japanese.status).toBe(201);
    expect(japanese.body.tags).toEqual(['競合', '予算-削減', 'q3']);
    const shouting = await server.call<ErrorBody>('POST', '/api/notes', {
      accountId: account.id,
      author: 'K',
      body: 'x',
      tags: ['fine', 'Champion Left'],
    });
    expect(shouting.status).toBe(400);
    expect(shouting.body.issues[0]?.field).toBe('tags.1');

    const loud = await server.call<ErrorBody>('POST', '/api/notes', {
      accountId: account.id,
      author: 'K',
      body: 'x',
      sentiment: 3,
    });
    expect(loud.body.issues[0]?.field).toBe('sentiment');

    const otherAccountsContact = await server.call<ErrorBody>('POST', '/api/notes', {
      accountId: other.id,
      contactId: champion.id,
      author: 'K',
      body: 'x',
    });
    expect(otherAccountsContact.status).toBe(400);
    expect(otherAccountsContact.body.issues[0]).toEqual({
      field: 'contactId',
      message: 'this contact belongs to another account',
    });

    const nps = await server.call<Body>('POST', '/api/survey-responses', {
      accountId: account.id,
      kind: 'nps',
      score: 4,
      comment: 'Too slow',
    });
    expect(nps.status).toBe(201);
    const npsTooHigh = await server.call<ErrorBody>('POST', '/api/survey-responses', {
      accountId: account.id,
      kind: 'nps',
      score: 11,
    });
    expect(npsTooHigh.body.issues).toEqual([{ field: 'score', message: 'a NPS score is from 0 to 10' }]);
    const csatZero = await server.call<ErrorBody>('POST', '/api/survey-responses', {
      accountId: account.id,
      kind: 'csat',
      score: 0,
    });
    expect(csatZero.body.issues[0]?.field).toBe('score');

    const ticket = await server.call<Body>('POST', '/api/tickets', {
      accountExternalId: 'umbrella',
      externalId: 'ZD-1001',
      openedAt: '2026-11-01T08:00:00Z',
      closedAt: '2026-11-01T12:00:00Z',
      priority: 'high',
      status: 'solved',
      firstResponseMinutes: 15,
      resolutionMinutes: 240,
      satisfaction: 4,
    });
    expect(ticket.status).toBe(201);
    const backwards = await server.call<ErrorBody>('PATCH', `/api/tickets/${ticket.body.id}`, {
      closedAt: '2026-10-01T00:00:00Z',
    });
    expect(backwards.body.issues[0]?.field).toBe('closedAt');
  });

  it('deletes an account with everything it owns and records who changed what', async () => {
    const doomed = (await server.call<Body>('POST', '/api/accounts', { name: 'Doomed' })).body;
    const contact = (await server.call<Body>('POST', '/api/contacts', { accountId: doomed.id, name: 'D' })).body;
    await server.call('POST', '/api/notes', { accountId: doomed.id, contactId: contact.id, author: 'K', body: 'bye' });
    await server.call('POST', '/api/subscriptions', { accountId: doomed.id, mrr: 1, startDate: '2026-01-01' });
    // Usage: an event in the rollups, and a count still queued, as an ingest that found the account just before its
    // deletion leaves one.
    const db = server.database.db;
    const queue = (events: number) =>
      sql`insert into usage_pending (account_id, day, user_id, event_name, events)
      values (${doomed.id}, '2026-11-01', 'u-doomed', 'Login', ${events})`.execute(db);
    await sql`insert into events (message_id, account_id, user_id, type, name, occurred_at)
      values ('doomed-1', ${doomed.id}, 'u-doomed', 'track', 'Login', '2026-11-01T10:00:00Z')`.execute(db);
    // The server's own flush runs every second beside these: flush until nothing of the account is queued (a flush
    // that fails throws here).
    const flushed = async () => {
      for (let tries = 0; tries < 50; tries++) {
        await flushUsageRollups(db);
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from usage_pending
          where account_id = ${doomed.id}`.execute(db);
        if (rows[0]?.n === 0) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    };
    await queue(1);
    expect(await flushed()).toBe(true);
    await queue(2);
    const usageRows = async () =>
      (
        await sql<{ n: number }>`select (select count(*) from events where account_id = ${doomed.id})
          + (select count(*) from usage_daily where account_id = ${doomed.id})
          + (select count(*) from usage_user_daily where account_id = ${doomed.id}) as n`.execute(db)
      ).rows[0]?.n;
    expect(await usageRows()).toBe(3);

    expect((await server.call('DELETE', `/api/accounts/${doomed.id}`)).status).toBe(204);
    for (const path of ['contacts', 'notes', 'subscriptions']) {
      expect((await server.call<{ data: Body[] }>('GET', `/api/${path}?accountId=${doomed.id}`)).body.data).toEqual([]);
    }
    // Its events and rollups went with it; the count queued for it is dropped, and the flush goes on.
    expect(await usageRows()).toBe(0);
    expect(await flushed()).toBe(true);
    expect(await usageRows()).toBe(0);
    const audit = await server.call<{ data: { action: string; entity: string; actor: string }[] }>(
      'GET',
      `/api/audit?accountId=${doomed.id}`,
    );
    expect(audit.body.data.map((entry) => `${entry.action} ${entry.entity}`)).toEqual([
      'delete account',
      'create subscription',
      'create note',
      'create contact',
      'create account',
    ]);
    expect(audit.body.data[0]?.actor).toMatch(/^key:[0-9a-f-]{36} \(test admin\)$/);
  });

  it('deleting a contact keeps the notes about it, unlinked', async () => {
    const contact = (await server.call<Body>('POST', '/api/contacts', { accountId: account.id, name: 'Leaving' })).body;
    const note = (
      await server.call<Body>('POST', '/api/notes', {
        accountId: account.id,
        contactId: contact.id,
        author: 'K',
        body: 'met',
      })
    ).body;
    expect((await server.call('DELETE', `/api/contacts/${contact.id}`)).status).toBe(204);
    const kept = await server.call<Body>('GET', `/api/notes/${note.id}`);
    expect(kept.body).toMatchObject({ accountId: account.id, contactId: null, body: 'met' });
  });
});
