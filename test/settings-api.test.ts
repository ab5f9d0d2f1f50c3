import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// The settings the web app changes. API keys: an admin makes a key in the web app, sees its secret and a snippet once, sees when it was last
// used, and revokes it; the key works until then and not after. Every step is in the audit log.

interface Key {
  id: string;
  name: string;
  scope: string;
  browser: boolean;
  prefix: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  firstUsedAt: string | null;
}
interface Created {
  key: Key;
  secret: string;
  snippet: string;
}

describe.each(testEngines())('API keys over the API on $engine', ({ open }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(await open());
  });
  afterAll(() => server.close());

  it('makes a browser key with its snippet once, lists it without its secret, records its use, and revokes it', async () => {
    const made = await server.call<Created>('POST', '/api/keys', {
      name: 'product pages',
      scope: 'ingest',
      browser: true,
    });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^pk_browser_/);
    expect(made.body.key).toMatchObject({ name: 'product pages', scope: 'ingest', browser: true, revokedAt: null });
    expect(made.body.key.prefix).toBe(made.body.secret.slice(0, 12));
    // The snippet is analytics.js pointed at this server with this key.
    expect(made.body.snippet).toContain('AnalyticsBrowser.load');
    expect(made.body.snippet).toContain(`writeKey: '${made.body.secret}'`);
    expect(made.body.snippet).toContain(`cdnURL: '${server.url}'`);

    const listed = await server.call<{ data: Key[] }>('GET', '/api/keys');
    const found = listed.body.data.find((key) => key.id === made.body.key.id) as Key;
    expect(found.lastUsedAt).toBeNull();
    // The secret is shown once: nothing in the list carries it.
    expect(JSON.stringify(listed.body)).not.toContain(made.body.secret);

    // The key works (a track call is accepted) and its use is stamped.
    const basic = `Basic ${Buffer.from(`${made.body.secret}:`).toString('base64')}`;
    const tracked = await server.call('POST', '/v1/track', { userId: 'u1', event: 'Opened' }, { authorization: basic });
    expect(tracked.status).toBe(200);
    const used = (await server.call<{ data: Key[] }>('GET', '/api/keys')).body.data.find((k) => k.id === found.id);
    expect(used?.firstUsedAt).not.toBeNull();
    expect(used?.lastUsedAt).not.toBeNull();

    expect((await server.call('DELETE', `/api/keys/${found.id}`)).status).toBe(204);
    const after = await server.call('POST', '/v1/track', { userId: 'u1', event: 'Opened' }, { authorization: basic });
    expect(after.status).toBe(401);
    const revoked = (await server.call<{ data: Key[] }>('GET', '/api/keys')).body.data.find((k) => k.id === found.id);
    expect(revoked?.revokedAt).not.toBeNull();

    const audit = await server.call<{ data: { action: string; actor: string }[] }>(
      'GET',
      `/api/audit?entity=${encodeURIComponent('api key')}&entityId=${found.id}`,
    );
    // Newest first: revoked, first used (by the key itself), created — the admin key is the actor of both changes.
    expect(audit.body.data.map((entry) => entry.action)).toEqual(['revoke', 'first use', 'create']);
    expect(audit.body.data[0]?.actor).toMatch(/^key:.*\(test admin\)$/);
    expect(audit.body.data[2]?.actor).toMatch(/^key:.*\(test admin\)$/);
  });

  it('makes a server ingest key with the analytics-node snippet, and an admin key with a curl line', async () => {
    const ingest = await server.call<Created>('POST', '/api/keys', { name: 'backend', scope: 'ingest' });
    expect(ingest.body.secret).toMatch(/^pk_ingest_/);
    expect(ingest.body.snippet).toContain(
      `new Analytics({ writeKey: '${ingest.body.secret}', host: '${server.url}' })`,
    );
    const admin = await server.call<Created>('POST', '/api/keys', { name: 'ops', scope: 'admin' });
    expect(admin.body.snippet).toBe(`curl -H 'Authorization: Bearer ${admin.body.secret}' ${server.url}/api/accounts`);
  });

  it('names the field and the reason for a bad key, and answers 404 for a key that does not exist', async () => {
    const bad = await server.call<{ issues: { field: string; message: string }[] }>('POST', '/api/keys', {
      name: '  ',
      scope: 'admin',
      browser: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'must not be empty' },
        { field: 'browser', message: 'applies to ingest keys only' },
      ]),
    );
    const scope = await server.call<{ issues: { field: string }[] }>('POST', '/api/keys', { name: 'x', scope: 'root' });
    expect(scope.status).toBe(400);
    expect(scope.body.issues[0]?.field).toBe('scope');
    expect((await server.call('DELETE', '/api/keys/0190a3c2-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await server.call('DELETE', '/api/keys/not-a-uuid')).status).toBe(400);
  });

  it('refuses to demote or disable the last admin who can sign in, and allows it once another admin exists', async () => {
    const user = (email: string, role: string) =>
      server.call<{ id: string }>('POST', '/api/users', { email, name: email, role, password: 'correct horse 1' });
    const first = (await user('first.admin@example.com', 'admin')).body.id;
    const demote = await server.call<{ error: string; issues: { field: string }[] }>('PATCH', `/api/users/${first}`, {
      role: 'csm',
    });
    expect(demote.status).toBe(409);
    expect(demote.body.issues[0]?.field).toBe('role');
    expect((await server.call('PATCH', `/api/users/${first}`, { disabled: true })).status).toBe(409);
    // Nothing half-written: still an admin, still enabled.
    expect((await server.call<{ role: string; disabled: boolean }>('GET', `/api/users/${first}`)).body).toMatchObject({
      role: 'admin',
      disabled: false,
    });
    // An admin without a password cannot sign in, so does not count; one with a password does.
    await server.call('POST', '/api/users', { email: 'no.password@example.com', name: 'np', role: 'admin' });
    expect((await server.call('PATCH', `/api/users/${first}`, { role: 'csm' })).status).toBe(409);
    await user('second.admin@example.com', 'admin');
    const allowed = await server.call<{ role: string }>('PATCH', `/api/users/${first}`, { role: 'leader' });
    expect(allowed.status).toBe(200);
    expect(allowed.body.role).toBe('leader');
  });
});
