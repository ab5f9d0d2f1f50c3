import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/keys/api-keys.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Regression tests for issue 17's "bad input gets 500s": each request below answered 500 (or reset the connection)
// before; each must now answer 400 naming the field, and a batch must keep its good messages.

interface ErrorBody {
  error: string;
  issues: { field: string; message: string }[];
}
interface BatchBody {
  accepted: number;
  rejected: { index: number; field: string; message: string }[];
}

/** Two requests on one keep-alive socket: the answers' statuses, and how many sockets the agent opened. */
async function twoRequestsOnOneAgent(
  url: string,
  first: { path: string; body: Buffer; headers: Record<string, string> },
  second: { path: string; headers: Record<string, string> },
): Promise<{ statuses: number[]; sockets: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let sockets = 0;
  const send = (path: string, headers: Record<string, string>, method: string, body?: Buffer) =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${url}${path}`, { agent, method, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('socket', (socket) => {
        if (!(socket as unknown as { counted?: boolean }).counted) {
          (socket as unknown as { counted?: boolean }).counted = true;
          sockets++;
        }
      });
      req.on('error', reject);
      req.end(body);
    });
  try {
    const statuses = [await send(first.path, first.headers, 'POST', first.body)];
    statuses.push(await send(second.path, second.headers, 'GET'));
    return { statuses, sockets };
  } finally {
    agent.destroy();
  }
}

describe.each(testEngines())('bad input never gets a 500 on $engine', ({ open }) => {
  let server: TestServer;
  let writeKey: string;
  let accountId: string;
  const ingest = () => ({ authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` });
  const fieldsOf = (body: unknown) => (body as ErrorBody).issues.map((issue) => issue.field);

  beforeAll(async () => {
    server = await startTestServer(await open());
    writeKey = (await createApiKey(server.database.db, 'web', 'ingest')).secret;
    const created = await server.call<{ id: string }>('POST', '/api/accounts', { name: 'Acme', externalId: 'acme' });
    accountId = created.body.id;
  });
  afterAll(() => server.close());

  it('refuses a NUL in a name, naming the field', async () => {
    const answer = await server.call('POST', '/api/accounts', { name: 'Ac\u0000me' });
    expect(answer.status).toBe(400);
    expect(fieldsOf(answer.body)).toEqual(['name']);
  });

  it('refuses a NUL in a list filter and in an external id', async () => {
    const filter = await server.call('GET', '/api/accounts?name=a%00b');
    expect(filter.status).toBe(400);
    expect(fieldsOf(filter.body)).toEqual(['query.name']);
    const search = await server.call('GET', '/api/accounts?q=%00');
    expect(search.status).toBe(400);
    expect(fieldsOf(search.body)).toEqual(['query.q']);
    const external = await server.call('PUT', '/api/accounts/external/a%00b', { name: 'X' });
    expect(external.status).toBe(400);
    expect(fieldsOf(external.body)).toEqual(['path.externalId']);
    const inBody = await server.call('POST', '/api/accounts', { name: 'X', externalId: 'a\u0000b' });
    expect(inBody.status).toBe(400);
    expect(fieldsOf(inBody.body)).toEqual(['externalId']);
  });

  it('refuses a NUL in identify and group traits and in a trait key', async () => {
    const identify = await server.call(
      'POST',
      '/v1/identify',
      { userId: 'u-1', traits: { email: 'a\u0000@b.example' } },
      ingest(),
    );
    expect(identify.status).toBe(400);
    expect(fieldsOf(identify.body)).toEqual(['traits.email']);
    const group = await server.call('POST', '/v1/group', { groupId: 'acme', traits: { 'n\u0000': 1 } }, ingest());
    expect(group.status).toBe(400);
    expect(fieldsOf(group.body)[0]).toMatch(/^traits\./);
    const accountTraits = await server.call('PATCH', `/api/accounts/${accountId}`, {
      traits: { deep: [{ x: 'y\u0000' }] },
    });
    expect(accountTraits.status).toBe(400);
    expect(fieldsOf(accountTraits.body)).toEqual(['traits.deep.0.x']);
  });

  it('refuses a lone surrogate in a note body and in event properties', async () => {
    // JSON.stringify keeps a lone surrogate as the escape \ud800, which jsonb and UTF-8 text cannot hold.
    const note = await server.call('POST', '/api/notes', { accountId, author: 'Kim', body: 'hi \ud800 there' });
    expect(note.status).toBe(400);
    expect(fieldsOf(note.body)).toEqual(['body']);
    const track = await server.call(
      'POST',
      '/v1/track',
      { userId: 'u-1', event: 'Report Created', properties: { rows: '\udc00' } },
      ingest(),
    );
    expect(track.status).toBe(400);
    expect(fieldsOf(track.body)).toEqual(['properties.rows']);
  });

  it('keeps the 99 good messages of a batch with one lone surrogate, listing the bad one', async () => {
    const batch = Array.from({ length: 100 }, (_, index) => ({
      type: 'track',
      userId: `u-${index}`,
      event: 'Report Created',
      messageId: `surrogate-batch-${index}`,
      context: { groupId: 'acme' },
      properties: index === 42 ? { note: 'x\ud800' } : { rows: index },
    }));
    const answer = await server.call<BatchBody>('POST', '/v1/batch', { batch }, ingest());
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(99);
    expect(answer.body.rejected).toEqual([
      expect.objectContaining({ index: 42, field: 'properties.note', message: expect.stringMatching(/surrogate/) }),
    ]);
    // A NUL key in one message's traits is that message's fault alone too.
    const mixed = await server.call<BatchBody>(
      'POST',
      '/v1/b',
      {
        batch: [
          { type: 'identify', userId: 'u-mixed', traits: { 'bad\u0000key': 1 } },
          { type: 'track', userId: 'u-mixed', event: 'Opened', context: { groupId: 'acme' } },
        ],
      },
      ingest(),
    );
    expect(mixed.status).toBe(200);
    expect(mixed.body.accepted).toBe(1);
    expect(mixed.body.rejected.map((r) => [r.index, r.field.startsWith('traits.')])).toEqual([[0, true]]);
  });

  it('refuses JSON nested 5,000 levels deep without overflowing the stack', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const answer = await server.call('POST', '/api/accounts', `{"name":"Deep","traits":{"x":${deep}}}`);
    expect(answer.status).toBe(400);
    expect(fieldsOf(answer.body)).toEqual(['(body)']);
    expect((answer.body as { message: string }).message).toMatch(/nested deeper than/);
    const batch = await server.call('POST', '/v1/batch', `{"batch":[${deep}]}`, ingest());
    expect(batch.status).toBe(400);
    // Still answering.
    expect((await server.call('GET', `/api/accounts/${accountId}`)).status).toBe(200);
  });

  it('answers 409, not 500, when asked to train a churn model with no history (found by the fuzz suite)', async () => {
    const answer = await server.call('POST', '/api/churn/train');
    expect(answer.status).toBe(409);
    expect((answer.body as unknown as { message: string }).message).toMatch(/history to learn from/);
  });

  it('refuses a cursor holding an object, or garbage', async () => {
    const objectCursor = Buffer.from(JSON.stringify([{ a: 1 }, '00000000-0000-0000-0000-000000000000'])).toString(
      'base64url',
    );
    const answer = await server.call('GET', `/api/accounts?cursor=${objectCursor}`);
    expect(answer.status).toBe(400);
    expect(fieldsOf(answer.body)).toEqual(['query.cursor']);
    const notUuid = Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'nope'])).toString('base64url');
    const second = await server.call('GET', `/api/accounts?cursor=${notUuid}`);
    expect(second.status).toBe(400);
    expect(fieldsOf(second.body)).toEqual(['query.cursor']);
    // A string where the sort column holds times.
    const wrongType = Buffer.from(JSON.stringify(['not a time', '00000000-0000-0000-0000-000000000000'])).toString(
      'base64url',
    );
    const third = await server.call('GET', `/api/accounts?cursor=${wrongType}`);
    expect(third.status).toBe(400);
    expect(fieldsOf(third.body)).toEqual(['query.cursor']);
    // A number no date can be: the embedded engine's driver threw turning it into one (found by the fuzz suite).
    const hugeNumber = Buffer.from(JSON.stringify([1e308, '00000000-0000-0000-0000-000000000000'])).toString(
      'base64url',
    );
    const notes = await server.call('GET', `/api/notes?cursor=${hugeNumber}`);
    expect(notes.status).toBe(400);
    expect(fieldsOf(notes.body)).toEqual(['query.cursor']);
    // The events list's own cursor ([occurredAt, messageId]) holding an object.
    const eventsCursor = Buffer.from(JSON.stringify([{ a: 1 }, 'm-1'])).toString('base64url');
    const events = await server.call('GET', `/api/accounts/${accountId}/events?cursor=${eventsCursor}`);
    expect(events.status).toBe(400);
    expect(fieldsOf(events.body)).toEqual(['query.cursor']);
  });

  it('refuses a date past year 9999, directly and through sentAt clock-skew correction', async () => {
    // 9999-12-31T23:00 at UTC−05:00 is 10000-01-01T04:00Z: past what PostgreSQL and Pacer's dates can write back.
    const late = await server.call('POST', '/api/accounts', {
      name: 'Late',
      firstSeenAt: '9999-12-31T23:00:00-05:00',
    });
    expect(late.status).toBe(400);
    expect(fieldsOf(late.body)).toEqual(['firstSeenAt']);
    const early = await server.call('POST', '/api/notes', {
      accountId,
      author: 'Kim',
      body: 'old',
      occurredAt: '0001-01-01T00:00:00+01:00',
    });
    expect(early.status).toBe(400);
    expect(fieldsOf(early.body)).toEqual(['occurredAt']);
    // A sentAt of year 10000 was taken (and cancelled out a year-10000 timestamp into a 2026 event); refused now.
    const year10000 = '9999-12-31T23:00:00-05:00';
    const skewed = await server.call(
      'POST',
      '/v1/track',
      { userId: 'u-1', event: 'Opened', timestamp: year10000, sentAt: year10000 },
      ingest(),
    );
    expect(skewed.status).toBe(400);
    expect(fieldsOf(skewed.body)).toEqual(['sentAt']);
    const skewedBatch = await server.call(
      'POST',
      '/v1/batch',
      { sentAt: year10000, batch: [{ type: 'track', userId: 'u-1', event: 'Opened', timestamp: year10000 }] },
      ingest(),
    );
    expect(skewedBatch.status).toBe(400);
    expect(fieldsOf(skewedBatch.body)).toEqual(['sentAt']);
    // Both in range, but the correction (+ about 9,000 years) moves the event past year 9999.
    const movedOut = await server.call<BatchBody>(
      'POST',
      '/v1/batch',
      {
        sentAt: '1000-01-01T00:00:00Z',
        batch: [{ type: 'track', userId: 'u-1', event: 'Opened', timestamp: '9999-12-31T00:00:00Z' }],
      },
      ingest(),
    );
    expect(movedOut.status).toBe(400);
    expect(fieldsOf(movedOut.body)).toEqual(['batch.0.timestamp']);
    expect((movedOut.body as unknown as { message: string }).message).toMatch(/between 0001-01-01 and 9999-12-31/);
  });

  it('keeps a keep-alive connection usable after a 413, plain and gzip', async () => {
    const json = { 'content-type': 'application/json', authorization: `Bearer ${server.adminSecret}` };
    const get = { path: `/api/accounts/${accountId}`, headers: json };
    // 2 MB of JSON: over /api's 1 MB.
    const big = Buffer.from(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));
    const plain = await twoRequestsOnOneAgent(server.url, { path: '/api/accounts', body: big, headers: json }, get);
    expect(plain.statuses).toEqual([413, 200]);
    // The same sent chunked (no Content-Length): refused while being read; the answer closes the connection cleanly.
    const chunked = await twoRequestsOnOneAgent(
      server.url,
      { path: '/api/accounts', body: big, headers: { ...json, 'transfer-encoding': 'chunked' } },
      get,
    );
    expect(chunked.statuses).toEqual([413, 200]);
    // 40 KB over a single call's 32 KB after gzip is undone, but small on the wire.
    const zipped = gzipSync(Buffer.from(JSON.stringify({ userId: 'u', event: 'x'.repeat(40_000) })));
    const gzip = await twoRequestsOnOneAgent(
      server.url,
      { path: '/v1/track', body: zipped, headers: { ...ingest(), 'content-encoding': 'gzip' } },
      get,
    );
    expect(gzip.statuses).toEqual([413, 200]);
    // Over /v1's 500 KB batch limit on the wire.
    const bigBatch = Buffer.from(JSON.stringify({ batch: [{ event: 'x'.repeat(600 * 1024) }] }));
    const batch = await twoRequestsOnOneAgent(
      server.url,
      { path: '/v1/batch', body: bigBatch, headers: { ...ingest(), 'content-type': 'application/json' } },
      get,
    );
    expect(batch.statuses).toEqual([413, 200]);
  });
});
