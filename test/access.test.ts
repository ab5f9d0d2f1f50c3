import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../src/keys/api-keys.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe.each(testEngines())('who may call what, on $engine', ({ open }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(await open());
  });
  afterAll(() => server.close());

  it('asks every caller for a key, this machine included, and checks the scope of each', async () => {
    const none = { authorization: '' };
    // No credentials from loopback (where a TLS proxy on the same host sends every internet client) is nobody.
    const anonymousWrite = await server.call('POST', '/api/accounts', { name: 'Before keys' }, none);
    expect(anonymousWrite.status).toBe(401);
    const fromAnotherSite = await server.call('POST', '/api/accounts', JSON.stringify({ name: 'Forged' }), {
      ...none,
      'content-type': 'text/plain',
      origin: 'https://evil.example',
    });
    expect(fromAnotherSite.status).toBe(401);
    const forgedEvent = await server.call('POST', '/v1/t', JSON.stringify({ userId: 'u-1', event: 'Forged' }), {
      ...none,
      'content-type': 'text/plain',
      origin: 'https://evil.example',
    });
    expect(forgedEvent.status).toBe(401);
    const sameOrigin = await server.call('GET', '/api/accounts', undefined, { ...none, origin: server.url });
    expect(sameOrigin.status).toBe(401);

    const admin = await createApiKey(server.database.db, 'ops', 'admin');
    const viewer = await createApiKey(server.database.db, 'dashboard', 'viewer');
    const csm = await createApiKey(server.database.db, 'kenji', 'csm');
    const ingest = await createApiKey(server.database.db, 'web', 'ingest');

    const anonymous = await server.call<{ error: string }>('GET', '/api/accounts', undefined, none);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toBe('unauthorized');
    expect((await server.call('GET', '/api/openapi.json', undefined, none)).status).toBe(200);

    expect((await server.call('GET', '/api/accounts', undefined, bearer(viewer.secret))).status).toBe(200);
    const viewerWrites = await server.call<{ error: string }>(
      'POST',
      '/api/accounts',
      { name: 'X' },
      bearer(viewer.secret),
    );
    expect(viewerWrites.status).toBe(403);
    expect(viewerWrites.body.error).toBe('forbidden');

    const created = await server.call<{ id: string }>(
      'POST',
      '/api/accounts',
      { name: 'By a CSM' },
      bearer(csm.secret),
    );
    expect(created.status).toBe(201);
    // Deleting an account and all it owns is for admins.
    expect(
      (await server.call('DELETE', `/api/accounts/${created.body.id}`, undefined, bearer(csm.secret))).status,
    ).toBe(403);
    expect(
      (await server.call('DELETE', `/api/accounts/${created.body.id}`, undefined, bearer(admin.secret))).status,
    ).toBe(204);

    // An ingest key can do nothing but ingest.
    expect((await server.call('GET', '/api/accounts', undefined, bearer(ingest.secret))).status).toBe(403);

    // Basic auth with the key as user name works as Segment's clients send it.
    const basic = { authorization: `Basic ${Buffer.from(`${viewer.secret}:`).toString('base64')}` };
    expect((await server.call('GET', '/api/accounts', undefined, basic)).status).toBe(200);

    expect(await revokeApiKey(server.database.db, 'dashboard')).toBe(true);
    expect((await server.call('GET', '/api/accounts', undefined, bearer(viewer.secret))).status).toBe(401);
    expect((await server.call('GET', '/api/accounts', undefined, bearer('pk_admin_made-up'))).status).toBe(401);

    const audit = await server.call<{ data: { actor: string; action: string }[] }>(
      'GET',
      '/api/audit?entity=account',
      undefined,
      bearer(admin.secret),
    );
    expect(audit.body.data.map((entry) => entry.actor)).toEqual([`key:${admin.id} (ops)`, `key:${csm.id} (kenji)`]);
  });

  it('stores only a hash of each secret', async () => {
    const key = await createApiKey(server.database.db, 'hash-check', 'viewer');
    const rows = await server.database.withSession((q) => q('select * from api_keys where id = $1', [key.id]));
    expect(JSON.stringify(rows)).not.toContain(key.secret);
  });
});
