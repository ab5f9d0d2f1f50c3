import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiKey } from '../src/keys/api-keys.js';
import { allRoutes } from '../src/server/app.js';
import type { RouteSpec } from '../src/server/route.js';
import { badJson, badString, deepJson, fieldValue, urlEncode } from './support/bad-values.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Issue 17: every route, driven with generated bad input (bodies, queries, path params, headers), answers without a
// 500 and without crashing, and every 400 names its field. The routes come from allRoutes(), so a route added later
// is fuzzed without a change here. The whole sample runs on the embedded engine; PostgreSQL gets half of it.

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Blob;
}

// PostgreSQL answers these faster than the embedded engine (measured: 936 requests in 2.6 s against 10,140 in 24 s),
// so it gets half the sample rather than a token one.
const RUNS_PER_ROUTE = { pglite: 130, postgres: 65 } as const;

/** A plausible value for a field, by its name, so that generated input also reaches the handler and the database. */
function goodValue(field: string, ids: Ids): fc.Arbitrary<unknown> {
  if (/^(accountId|parentId|id)$/.test(field)) return fc.constant(ids.accountId);
  if (field === 'contactId') return fc.constant(ids.contactId);
  if (field === 'ownerId') return fc.constant(ids.userId);
  if (/ExternalId$|^externalId$|^userId$|^groupId$|^anonymousId$|^messageId$/.test(field)) {
    return fc.constantFrom('acme', 'u-1', 'fuzz-ext');
  }
  if (/At$|Date$|^timestamp$|^sentAt$|^asOf$|^since$|^from$|^to$/.test(field)) {
    return fc.constantFrom('2026-01-01', '2026-03-01T09:30:00Z', '2025-12-31T23:00:00-05:00');
  }
  if (/^(mrr|amount|employees|seats|score|sentiment|limit|satisfaction|eventRetentionDays|horizonDays)$/.test(field)) {
    return fc.integer({ min: -5, max: 500 });
  }
  if (/^(traits|properties|context)$/.test(field)) return fc.dictionary(fc.string({ maxLength: 5 }), badJson);
  if (field === 'tags') return fc.array(fc.constantFrom('champion-left', 'Outage', ''), { maxLength: 3 });
  if (field === 'batch') return fc.array(message(ids), { maxLength: 6 });
  if (field === 'currency') return fc.constantFrom('USD', 'JPY', 'usd', 'XXX');
  if (field === 'email') return fc.constantFrom('a@b.example', 'not-an-email');
  if (field === 'type') return fc.constantFrom('track', 'page', 'identify', 'group', 'alias', 'nope');
  return fc.string({ maxLength: 10 });
}

interface Ids {
  accountId: string;
  contactId: string;
  noteId: string;
  userId: string;
  writeKey: string;
}

const MESSAGE_FIELDS = ['type', 'userId', 'anonymousId', 'messageId', 'event', 'name', 'timestamp', 'groupId'];

function message(ids: Ids): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.record(
      Object.fromEntries(
        [...MESSAGE_FIELDS, 'properties', 'traits', 'context'].map((field) => [
          field,
          fieldValue(goodValue(field, ids)),
        ]),
      ),
      { requiredKeys: [] },
    ),
    badJson,
  );
}

/** The field names a schema knows, when it is an object schema. */
const fieldsOf = (schema: z.ZodType | undefined) => (schema instanceof z.ZodObject ? Object.keys(schema.shape) : []);

function bodyText(route: RouteSpec, ids: Ids): fc.Arbitrary<string> {
  const fields = fieldsOf(route.body);
  const known =
    fields.length > 0
      ? fc.record(Object.fromEntries(fields.map((field) => [field, fieldValue(goodValue(field, ids))])), {
          requiredKeys: [],
        })
      : fc.constant({});
  return fc.oneof(
    { weight: 6, arbitrary: known.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: badJson.map((value) => JSON.stringify(value) ?? '') },
    { weight: 1, arbitrary: deepJson },
    // A batch message (or a field) nested too deep, inside an otherwise good body.
    { weight: 1, arbitrary: deepJson.map((deep) => `{"batch":[${deep}],"name":${deep},"traits":{"x":${deep}}}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  );
}

function queryText(route: RouteSpec, ids: Ids): fc.Arbitrary<string> {
  const keys = fieldsOf(route.query);
  const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), badString) : badString;
  const value = fc.oneof(
    badString,
    fc.constantFrom(
      Buffer.from(JSON.stringify([{ a: 1 }, ids.accountId])).toString('base64url'),
      Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'x'])).toString('base64url'),
      Buffer.from(JSON.stringify([1e308, ids.accountId])).toString('base64url'),
      Buffer.from('["garbage"').toString('base64url'),
      '-name',
      'mrr',
    ),
    ...keys.map((field) => goodValue(field, ids).map(String)),
  );
  return fc
    .array(fc.tuple(key, value), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${urlEncode(k)}=${urlEncode(v)}`).join('&'));
}

function pathOf(route: RouteSpec, ids: Ids): fc.Arbitrary<string> {
  const names = route.path.match(/:[A-Za-z]+/g) ?? [];
  // A DELETE gets no real id: the records the other routes are driven with must stay.
  const real =
    route.method === 'delete'
      ? fc.uuid()
      : fc.constantFrom(ids.accountId, ids.contactId, ids.noteId, ids.writeKey, 'acme');
  return fc
    .tuple(
      ...names.map(() =>
        fc.oneof(
          real,
          badString.filter((text) => text !== ''),
        ),
      ),
    )
    .map((values) =>
      names.reduce((path, name, index) => path.replace(name, urlEncode(values[index] as string)), route.path),
    );
}

function requestOf(route: RouteSpec, ids: Ids, secrets: { admin: string; ingest: string }): fc.Arbitrary<Sent> {
  const ingestAuth = fc.constantFrom(
    `Bearer ${secrets.ingest}`,
    `Basic ${Buffer.from(`${secrets.ingest}:`).toString('base64')}`,
    `Bearer ${secrets.admin}`,
    '',
  );
  const auth = route.access === 'ingest' ? ingestAuth : fc.constant(`Bearer ${secrets.admin}`);
  const hasBody = route.method !== 'get';
  return fc
    .record({
      path: pathOf(route, ids),
      query: queryText(route, ids),
      body: hasBody ? bodyText(route, ids) : fc.constant(undefined),
      auth,
      encoding: fc.constantFrom(undefined, undefined, undefined, 'gzip', 'gzip', 'GZIP', 'br', 'x-junk'),
      gzipIt: fc.boolean(),
      contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'junk/*'),
    })
    .map(({ path, query, body, auth, encoding, gzipIt, contentType }) => {
      const headers: Record<string, string> = { 'content-type': contentType };
      if (auth) headers.authorization = auth;
      if (encoding) headers['content-encoding'] = encoding;
      const payload =
        body !== undefined && encoding?.toLowerCase() === 'gzip' && gzipIt
          ? new Blob([gzipSync(Buffer.from(body))])
          : body;
      return { method: route.method.toUpperCase(), path: query ? `${path}?${query}` : path, headers, body: payload };
    });
}

describe.each(testEngines())('every route under generated bad input on $engine', ({ engine, open }) => {
  let server: TestServer;
  let ids: Ids;
  let ingestSecret: string;

  beforeAll(async () => {
    server = await startTestServer(await open());
    ingestSecret = (await createApiKey(server.database.db, 'fuzz web', 'ingest')).secret;
    const account = await server.call<{ id: string }>('POST', '/api/accounts', { name: 'Acme', externalId: 'acme' });
    const contact = await server.call<{ id: string }>('POST', '/api/contacts', {
      accountId: account.body.id,
      externalId: 'u-1',
      email: 'ann@acme.example',
    });
    const note = await server.call<{ id: string }>('POST', '/api/notes', {
      accountId: account.body.id,
      author: 'Kim',
      body: 'Kickoff',
    });
    const user = await server.call<{ id: string }>('POST', '/api/users', {
      email: 'kim@pacer.example',
      name: 'Kim',
      role: 'csm',
    });
    ids = {
      accountId: account.body.id,
      contactId: contact.body.id,
      noteId: note.body.id,
      userId: user.body.id,
      writeKey: ingestSecret,
    };
    expect([account.status, contact.status, note.status, user.status]).toEqual([201, 201, 201, 201]);
  });
  afterAll(() => server.close());

  it('answers every generated request without a 500, naming the field of every 400', async () => {
    const routes = allRoutes();
    // PACER_FUZZ_RUNS=1000 PACER_FUZZ_SEED=5 for a longer, different search on a laptop.
    const runs = Number(process.env.PACER_FUZZ_RUNS ?? RUNS_PER_ROUTE[engine]);
    const seedBase = 17_000 + Number(process.env.PACER_FUZZ_SEED ?? 0) * 1000 + (engine === 'pglite' ? 0 : 500);
    const statuses = new Map<number, number>();
    let sent = 0;
    const started = Date.now();
    for (const [index, route] of routes.entries()) {
      await fc.assert(
        fc.asyncProperty(
          requestOf(route, ids, { admin: server.adminSecret, ingest: ingestSecret }),
          async (request) => {
            sent++;
            const response = await fetch(`${server.url}${request.path}`, {
              method: request.method,
              headers: request.headers,
              body: request.body,
            });
            const text = await response.text();
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            const where = `${route.method.toUpperCase()} ${route.path} → ${response.status} ${text.slice(0, 300)}`;
            expect(response.status, where).toBeLessThan(500);
            if (response.status === 400) {
              const answer = JSON.parse(text) as { issues: { field: unknown; message: unknown }[] };
              expect(answer.issues.length, where).toBeGreaterThan(0);
              for (const issue of answer.issues) {
                expect(typeof issue.field === 'string' && issue.field !== '', where).toBe(true);
                expect(typeof issue.message === 'string' && issue.message !== '', where).toBe(true);
              }
            }
          },
        ),
        // A fixed seed per route and engine: a failure in CI is the same failure on a laptop.
        { numRuns: runs, seed: seedBase + index },
      );
    }
    // Still answering, and still a working database behind it.
    const after = await server.call<{ id: string }>('POST', '/api/accounts', { name: 'After the fuzz' });
    expect(after.status).toBe(201);
    console.log(
      `fuzz-routes on ${engine}: ${sent} generated requests over ${routes.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    expect(sent).toBeGreaterThanOrEqual(routes.length * runs);
  }, 600_000);
});
