import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { type ServerType, serve } from '@hono/node-server';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../src/db/database.js';
import { createApiKey } from '../src/keys/api-keys.js';
import { type AppOptions, createApp } from '../src/server/app.js';
import { parseTrustedProxies } from '../src/server/client-address.js';
import { allowedHosts } from '../src/server/host-allowlist.js';
import { parseRateLimit, rateLimitsFromEnv } from '../src/server/rate-limit.js';
import { testEngines } from './support/engines.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A server over the database with these options: the defaults unless the test says otherwise (not the suite's). */
interface Hardened {
  port: number;
  send(method: string, path: string, headers?: Record<string, string>, body?: unknown): Promise<Answer>;
  close(): Promise<void>;
}

function startHardened(database: Database, options: Partial<AppOptions> = {}): Promise<Hardened> {
  const app = createApp(database, {
    hosts: allowedHosts(undefined, undefined),
    trustedProxies: parseTrustedProxies(undefined),
    limits: rateLimitsFromEnv({}),
    ...options,
  });
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        port: info.port,
        // node:http, not fetch: fetch may not set Host, which is what a rebinding page's browser sends.
        send: (method, path, headers = {}, body = undefined) =>
          new Promise((done, fail) => {
            const text = body === undefined ? undefined : JSON.stringify(body);
            const req = request(
              {
                host: '127.0.0.1',
                port: info.port,
                method,
                path,
                headers: { host: `127.0.0.1:${info.port}`, 'content-type': 'application/json', ...headers },
              },
              (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (chunk: Buffer) => chunks.push(chunk));
                res.on('end', () => {
                  const raw = Buffer.concat(chunks).toString('utf8');
                  done({ status: res.statusCode ?? 0, headers: res.headers, body: raw ? JSON.parse(raw) : {} });
                });
              },
            );
            req.on('error', fail);
            req.end(text);
          }),
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe.each(testEngines())('hardening, on $engine', ({ open }) => {
  let database: Database;
  let admin: string;
  const servers: Hardened[] = [];
  const start = async (options: Partial<AppOptions> = {}) => {
    const server = await startHardened(database, options);
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    database = await open();
    admin = (await createApiKey(database.db, 'test admin', 'admin')).secret;
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  afterAll(() => database.close());

  it('refuses a request addressed to a host name it does not go by (DNS rebinding)', async () => {
    const server = await start({ hosts: allowedHosts('https://pacer.example.com/cs', 'cs.internal, 10.1.2.3') });
    const created = await server.send('POST', '/api/accounts', bearer(admin), { name: 'Kept' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // evil.example resolved to 127.0.0.1: the browser sends its own name and a matching Origin.
    const rebound = { host: `evil.example:${server.port}`, origin: `http://evil.example:${server.port}` };
    const read = await server.send('GET', '/api/accounts', { ...rebound, ...bearer(admin) });
    expect(read.status).toBe(421);
    expect(read.body.error).toBe('unknown_host');
    expect(read.body.message).toContain('PACER_ALLOWED_HOSTS');
    const deleted = await server.send('DELETE', `/api/accounts/${id}`, { ...rebound, ...bearer(admin) });
    expect(deleted.status).toBe(421);
    expect((await server.send('GET', `/api/accounts/${id}`, bearer(admin))).status).toBe(200);
    // Everything, not only the API: the tracking API, health checks, unknown paths.
    for (const path of ['/v1/t', '/healthz', '/nothing-here']) {
      expect((await server.send('GET', path, { host: 'evil.example' })).status).toBe(421);
    }

    // Loopback on any port, the public URL's host and the extra names are answered.
    for (const host of [
      `localhost:${server.port}`,
      'LOCALHOST',
      '127.0.0.1:1',
      `[::1]:${server.port}`,
      'pacer.example.com',
      'pacer.example.com:443',
      'cs.internal:8080',
      '10.1.2.3',
    ]) {
      const answer = await server.send('GET', '/api/accounts', { host, ...bearer(admin) });
      expect([host, answer.status]).toEqual([host, 200]);
    }
    expect((await server.send('GET', '/api/accounts', { host: 'pacer.example.com.evil.example' })).status).toBe(421);
    expect(() => allowedHosts(undefined, 'https://pacer.example.com')).toThrow(/PACER_ALLOWED_HOSTS/);
  });

  it('counts sign-in attempts per address: the 11th in a minute gets 429 with Retry-After', async () => {
    const server = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await server.send('POST', '/api/auth/login', { authorization: '' }, { email: 'a@b.example', password: 'x' }))
          .status,
      );
    }
    // Default 10 per minute: ten reach the route (whatever it answers), the 11th and 12th are refused.
    expect(statuses.slice(0, 10)).not.toContain(429);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const refused = await server.send('POST', '/api/auth/login', {}, { email: 'a@b.example', password: 'x' });
    expect(refused.body).toMatchObject({ error: 'rate_limited', limit: 'login' });
    expect(refused.body.message).toContain('PACER_RATE_LIMIT_LOGIN');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Other calls from the address go on.
    expect((await server.send('GET', '/api/accounts', bearer(admin))).status).toBe(200);
  });

  it('stops guessing keys: after 20 refused keys an address gets 429 before any key is looked up', async () => {
    const server = await start();
    // A key that worked before the guessing starts.
    expect((await server.send('GET', '/api/accounts', bearer(admin))).status).toBe(200);
    // No credentials is not a failed key: these are not counted.
    for (let i = 0; i < 25; i++) {
      expect((await server.send('GET', '/api/accounts', { authorization: '' })).status).toBe(401);
    }
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 300; i++) {
      statuses.push((await server.send('GET', '/api/accounts', bearer(`pk_wrong_${i}`))).status);
    }
    const elapsed = Date.now() - started;
    // 20 failures a minute by default: 20 lookups answer 401, the other 280 never reach the database.
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(280);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    console.info(`hardening: 300 wrong keys in ${elapsed} ms, 20 looked up`);

    const refused = await server.send('POST', '/v1/t', {}, { writeKey: 'pk_wrong_body', userId: 'u', event: 'E' });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'rate_limited', limit: 'failedAuth' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // A valid key never seen before from this address is refused too: it was not looked up.
    const fresh = await createApiKey(database.db, 'fresh', 'viewer');
    expect((await server.send('GET', '/api/accounts', bearer(fresh.secret))).status).toBe(429);
    // The key that worked goes on working: the guesser cannot lock out the good clients behind its address.
    expect((await server.send('GET', '/api/accounts', bearer(admin))).status).toBe(200);
  });

  it('believes X-Forwarded-For and X-Forwarded-Proto only from a trusted proxy', async () => {
    const ingest = await createApiKey(database.db, 'web', 'ingest');
    const settingsPath = `/v1/projects/${ingest.secret}/settings`;
    const guess = (server: Hardened, client: string, i: number) =>
      server.send('GET', '/api/accounts', { 'x-forwarded-for': client, ...bearer(`pk_wrong_${i}`) });

    // No trusted proxy: the headers are the caller's own claim; changing them does not escape the limit.
    const direct = await start({ limits: { ...rateLimitsFromEnv({}), failedAuth: parseRateLimit('test', '3/1m') } });
    const plain = await direct.send('GET', settingsPath, { 'x-forwarded-proto': 'https' });
    expect(plain.status).toBe(200);
    expect((plain.body.integrations as Record<string, { protocol: string }>)['Segment.io']?.protocol).toBe('http');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const claimed = [];
    for (let i = 0; i < 5; i++) claimed.push((await guess(direct, `203.0.113.${i}`, i)).status);
    expect(claimed).toEqual([401, 401, 401, 429, 429]);

    // Behind a trusted proxy on loopback: each forwarded client has its own count, and TLS at the proxy is seen.
    const proxied = await start({
      trustedProxies: parseTrustedProxies('127.0.0.1, 10.0.0.0/8'),
      limits: { ...rateLimitsFromEnv({}), failedAuth: parseRateLimit('test', '3/1m') },
    });
    const first = [];
    // The client's own X-Forwarded-For entry (left) is ignored; the proxy 10.0.0.7 appended the address it saw.
    for (let i = 0; i < 4; i++) first.push((await guess(proxied, `1.1.1.${i}, 198.51.100.1, 10.0.0.7`, i)).status);
    expect(first).toEqual([401, 401, 401, 429]);
    expect((await guess(proxied, '198.51.100.2', 9)).status).toBe(401);
    const tls = await proxied.send('GET', settingsPath, { 'x-forwarded-proto': 'https' });
    expect((tls.body.integrations as Record<string, { protocol: string }>)['Segment.io']?.protocol).toBe('https');
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('limits tracking calls per key and API calls per address, as configured', async () => {
    const one = await createApiKey(database.db, 'one', 'ingest');
    const two = await createApiKey(database.db, 'two', 'ingest');
    const server = await start({
      limits: {
        ...rateLimitsFromEnv({}),
        ingest: parseRateLimit('test', '3/1m'),
        api: parseRateLimit('test', '5/1m'),
      },
    });
    const track = (headers: Record<string, string>, body: Record<string, unknown> = {}) =>
      server.send('POST', '/v1/t', headers, { userId: 'u-1', event: 'Opened', ...body });
    const byHeader = [];
    for (let i = 0; i < 4; i++) byHeader.push((await track(bearer(one.secret))).status);
    expect(byHeader).toEqual([200, 200, 200, 429]);
    // The write key in the body (analytics.js) is the same kind of credential; another key has its own count.
    const byBody = [];
    for (let i = 0; i < 4; i++) byBody.push((await track({}, { writeKey: two.secret })).status);
    expect(byBody).toEqual([200, 200, 200, 429]);
    const refused = await track(bearer(one.secret));
    expect(refused.body).toMatchObject({ error: 'rate_limited', limit: 'ingest' });
    expect(refused.body.message).toContain('PACER_RATE_LIMIT_INGEST');

    // A malformed escape in the settings path is the route's to refuse, not the limiter's to choke on.
    expect((await server.send('GET', '/v1/projects/%E0%A4%A/settings')).status).toBeLessThan(500);

    const api = [];
    for (let i = 0; i < 6; i++) api.push((await server.send('GET', '/api/accounts', bearer(admin))).status);
    expect(api).toEqual([200, 200, 200, 200, 200, 429]);
    expect(
      Number((await server.send('GET', '/api/accounts', bearer(admin))).headers['retry-after']),
    ).toBeLessThanOrEqual(60);
  });

  it('sends security headers on every answer, errors and refusals included', async () => {
    const server = await start();
    const answers = {
      api: await server.send('GET', '/api/accounts', bearer(admin)),
      unauthorized: await server.send('GET', '/api/accounts', { authorization: '' }),
      notFound: await server.send('GET', '/api/nothing-here'),
      tracking: await server.send('POST', '/v1/t', {}, { writeKey: 'pk_unknown', userId: 'u', event: 'E' }),
      refusedHost: await server.send('GET', '/api/accounts', { host: 'evil.example' }),
    };
    for (const [name, answer] of Object.entries(answers)) {
      const csp = String(answer.headers['content-security-policy']);
      expect([name, answer.headers['x-content-type-options']]).toEqual([name, 'nosniff']);
      expect([name, answer.headers['x-frame-options']]).toEqual([name, 'DENY']);
      expect([name, answer.headers['referrer-policy']]).toEqual([name, 'no-referrer']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      // Plain HTTP from a client, no proxy: no HSTS.
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
    for (const answer of [answers.api, answers.unauthorized, answers.tracking]) {
      expect(answer.headers['cache-control']).toBe('no-store');
    }
    // Customers' pages read the tracking API's answers; Pacer's own answers are for Pacer's pages.
    expect(answers.tracking.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(answers.api.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('tells anonymous callers of /healthz only that it is up', async () => {
    const server = await start();
    const anonymous = await server.send('GET', '/healthz');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ ok: true });
    const viewer = await createApiKey(database.db, 'wall', 'viewer');
    expect((await server.send('GET', '/healthz', bearer(viewer.secret))).body).toEqual({ ok: true });
    const asAdmin = await server.send('GET', '/healthz', bearer(admin));
    expect(asAdmin.body).toMatchObject({ ok: true, version: expect.any(String), database: database.engine });
  });

  it('logs a failed write without the customer data it carried, under an id the caller is given', async () => {
    const server = await start();
    const account = await server.send('POST', '/api/accounts', bearer(admin), { name: 'Acme' });
    // A database failure that is nobody's fault but ours, quoting the value as PostgreSQL's own messages do.
    await sql`create function pacer_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'cannot store contact "%" (%)', new.email, new.email; end $$`.execute(database.db);
    await sql`create trigger pacer_test_refuse before insert on contacts
      for each row execute function pacer_test_refuse()`.execute(database.db);
    const logged: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    const consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map((arg) => inspect(arg, { depth: 5 })).join(' '));
    });
    let answer: Answer;
    try {
      answer = await server.send('POST', '/api/contacts', bearer(admin), {
        accountId: account.body.id,
        name: 'Ann Lee',
        email: 'ann.lee@acme.example',
      });
    } finally {
      stderr.mockRestore();
      consoleError.mockRestore();
      await sql`drop trigger pacer_test_refuse on contacts`.execute(database.db);
      await sql`drop function pacer_test_refuse()`.execute(database.db);
    }
    expect(answer.status).toBe(500);
    const errorId = answer.body.errorId as string;
    expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.message).toContain(errorId);
    const log = logged.join('');
    expect(log).toContain(errorId);
    expect(log).toContain('POST /api/contacts');
    expect(log).toContain('P0001');
    expect(log).not.toContain('ann.lee');
    expect(log).not.toContain('Ann Lee');
  });
});
