import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { createApiKey, recordKeyUse, revokeApiKey } from '../src/keys/api-keys.js';
import { runPacer } from './support/cli.js';
import { testEngines } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Issue 17: a public write key rewrote customer data, unaudited. Browser keys now change no stored field; server keys
// change fields and traits, each change audited with the key as actor, and the account's name, owner, lifecycle stage
// and tier only where the workspace's settings allow it.

type Body = Record<string, unknown> & { id: string };
interface Audit {
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  changes: Record<string, unknown> | null;
}
interface Accepted {
  success: boolean;
  accepted: number;
  rejected: unknown[];
  ignored: { index: number; field: string; message: string }[];
}

describe.each(testEngines())('write keys on $engine', ({ open }) => {
  let server: TestServer;
  let browser: { id: string; secret: string };
  let serverKey: { id: string; secret: string };
  const as = (secret: string) => ({ authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` });
  const accountByExternalId = async (externalId: string) =>
    (await server.call<{ data: Body[] }>('GET', `/api/accounts?externalId=${externalId}`)).body.data[0] as Body;
  const contactByExternalId = async (externalId: string) =>
    (await server.call<{ data: Body[] }>('GET', `/api/contacts?externalId=${externalId}`)).body.data[0] as Body;
  const auditOf = async (entity: string, entityId: string) =>
    (
      await server.call<{ data: Audit[] }>(
        'GET',
        `/api/audit?entity=${encodeURIComponent(entity)}&entityId=${entityId}`,
      )
    ).body.data;
  const setTracking = (mayUpdate: string[]) =>
    server.call('PUT', '/api/settings', { reportingCurrency: null, rates: [], tracking: { mayUpdate } });

  beforeAll(async () => {
    server = await startTestServer(await open());
    browser = await createApiKey(server.database.db, 'site', 'ingest', { browser: true });
    serverKey = await createApiKey(server.database.db, 'backend', 'ingest');
  });
  afterAll(() => server.close());
  afterEach(async () => {
    await setTracking([]);
  });

  it('keeps an account as it was when a browser key sends group with other traits, and still records its events', async () => {
    const acme = (
      await server.call<Body>('POST', '/api/accounts', {
        name: 'Acme',
        externalId: 'acme',
        plan: 'pro',
        employees: 50,
        domain: 'acme.example',
        traits: { arr: 1000 },
      })
    ).body;
    const sent = await server.call<Accepted>(
      'POST',
      '/v1/batch',
      {
        batch: [
          {
            type: 'group',
            userId: 'u-ann',
            groupId: 'acme',
            traits: {
              name: 'PWNED Corp',
              plan: 'free',
              employees: 1,
              website: 'https://evil.example',
              arr: 0,
              tier: 'tech_touch',
            },
          },
          { type: 'track', userId: 'u-ann', event: 'Report Created', context: { groupId: 'acme' } },
        ],
      },
      as(browser.secret),
    );
    // Accepted, both messages: the event is usage and is kept; the traits are listed as not applied.
    expect(sent.status).toBe(200);
    expect(sent.body.accepted).toBe(2);
    expect(sent.body.ignored.map((item) => item.field).sort()).toEqual([
      'traits.arr',
      'traits.employees',
      'traits.name',
      'traits.plan',
      'traits.tier',
      'traits.website',
    ]);
    expect(sent.body.ignored[0]?.message).toMatch(/browser key changes no stored field/);

    const after = await accountByExternalId('acme');
    expect(after).toMatchObject({
      name: 'Acme',
      plan: 'pro',
      employees: 50,
      domain: 'acme.example',
      coverageTier: null,
      traits: { arr: 1000 },
    });
    const events = await server.call<{ data: { name: string }[] }>('GET', `/api/accounts/${acme.id}/events`);
    expect(events.body.data.map((event) => event.name)).toEqual(['Report Created']);
    // The link it may make: u-ann is now acme's contact, bare, and that creation is audited with the key as actor.
    const ann = await contactByExternalId('u-ann');
    expect(ann).toMatchObject({ accountId: acme.id, email: null, name: null });
    const annAudit = await auditOf('contact', ann.id);
    expect(annAudit).toHaveLength(1);
    expect(annAudit[0]).toMatchObject({ actor: `key:${browser.id} (site)`, action: 'create' });
    // Nothing about acme was changed, so only the API's own creation is in its audit trail.
    expect((await auditOf('account', acme.id)).map((entry) => entry.action)).toEqual(['create']);
  });

  it("makes an unknown account bare from a browser key's group: named by its groupId, nothing else", async () => {
    const sent = await server.call<Accepted>(
      'POST',
      '/v1/group',
      { userId: 'u-new', groupId: 'newco', traits: { name: 'Fake Name', plan: 'enterprise' } },
      as(browser.secret),
    );
    expect(sent.status).toBe(200);
    const newco = await accountByExternalId('newco');
    expect(newco).toMatchObject({ name: 'newco', plan: null, traits: {} });
    expect(sent.body.ignored.map((item) => item.field).sort()).toEqual(['traits.name', 'traits.plan']);
    const audit = await auditOf('account', newco.id);
    expect(audit).toEqual([
      expect.objectContaining({
        actor: `key:${browser.id} (site)`,
        action: 'create',
        changes: { name: { from: null, to: 'newco' } },
      }),
    ]);
  });

  it("keeps a contact's email when a browser key's identify says another", async () => {
    await server.call('POST', '/api/accounts', { name: 'Globex', externalId: 'globex' });
    const bo = (
      await server.call<Body>('POST', '/api/contacts', {
        accountExternalId: 'globex',
        externalId: 'u-bo',
        email: 'bo@globex.example',
        name: 'Bo',
      })
    ).body;
    const sent = await server.call<Accepted>(
      'POST',
      '/v1/identify',
      { userId: 'u-bo', traits: { email: 'attacker@evil.example', name: 'Mallory' } },
      as(browser.secret),
    );
    expect(sent.status).toBe(200);
    expect(sent.body.ignored.map((item) => item.field).sort()).toEqual(['traits.email', 'traits.name']);
    expect(await contactByExternalId('u-bo')).toMatchObject({ email: 'bo@globex.example', name: 'Bo', traits: {} });
    expect((await auditOf('contact', bo.id)).map((entry) => entry.action)).toEqual(['create']);
  });

  it("changes fields through a server key's identify and group, each change audited old → new with the key as actor", async () => {
    const initech = (
      await server.call<Body>('POST', '/api/accounts', {
        name: 'Initech',
        externalId: 'initech',
        plan: 'pro',
        employees: 40,
      })
    ).body;
    const pat = (
      await server.call<Body>('POST', '/api/contacts', {
        accountExternalId: 'initech',
        externalId: 'u-pat',
        email: 'pat@initech.example',
      })
    ).body;
    const sent = await server.call<Accepted>(
      'POST',
      '/v1/batch',
      {
        batch: [
          { type: 'group', groupId: 'initech', traits: { plan: 'enterprise', employees: 120, seats: 30 } },
          { type: 'identify', userId: 'u-pat', traits: { email: 'pat@initech.example.com', title: 'CTO' } },
        ],
      },
      as(serverKey.secret),
    );
    expect(sent.status).toBe(200);
    expect(sent.body.ignored).toEqual([]);
    expect(await accountByExternalId('initech')).toMatchObject({
      plan: 'enterprise',
      employees: 120,
      traits: { plan: 'enterprise', employees: 120, seats: 30 },
    });
    expect(await contactByExternalId('u-pat')).toMatchObject({ email: 'pat@initech.example.com', title: 'CTO' });

    const actor = `key:${serverKey.id} (backend)`;
    const accountAudit = await auditOf('account', initech.id);
    expect(accountAudit[0]).toMatchObject({
      actor,
      action: 'update',
      changes: {
        plan: { from: 'pro', to: 'enterprise' },
        employees: { from: 40, to: 120 },
        'traits.plan': { from: null, to: 'enterprise' },
        'traits.employees': { from: null, to: 120 },
        'traits.seats': { from: null, to: 30 },
      },
    });
    const contactAudit = await auditOf('contact', pat.id);
    expect(contactAudit[0]).toMatchObject({
      actor,
      action: 'update',
      changes: {
        email: { from: 'pat@initech.example', to: 'pat@initech.example.com' },
        title: { from: null, to: 'CTO' },
      },
    });

    // The same call again changes nothing, so it writes no audit entry.
    await server.call(
      'POST',
      '/v1/group',
      { groupId: 'initech', traits: { plan: 'enterprise', employees: 120 } },
      as(serverKey.secret),
    );
    expect(await auditOf('account', initech.id)).toHaveLength(accountAudit.length);
  });

  it("sets name, owner, lifecycle stage and tier from a server key only when the workspace's settings allow it", async () => {
    const hooli = (
      await server.call<Body>('POST', '/api/accounts', {
        name: 'Hooli',
        externalId: 'hooli',
        lifecycleStage: 'adoption',
      })
    ).body;
    const ownerId = '0190aaaa-0000-7000-8000-000000000001';
    await server.database.db
      .insertInto('team_users')
      .values({ id: ownerId, email: 'kim@pacer.example', name: 'Kim', role: 'csm' })
      .execute();
    const traits = { name: 'Hooli XYZ', owner: 'kim@pacer.example', lifecycleStage: 'renewal', tier: 'high_touch' };

    const refused = await server.call<Accepted>(
      'POST',
      '/v1/group',
      { groupId: 'hooli', traits },
      as(serverKey.secret),
    );
    expect(refused.status).toBe(200);
    expect(refused.body.ignored.map((item) => item.field).sort()).toEqual([
      'traits.lifecycleStage',
      'traits.name',
      'traits.owner',
      'traits.tier',
    ]);
    expect(refused.body.ignored[0]?.message).toMatch(/tracking\.mayUpdate/);
    // Kept out of the traits too, where they would shadow the fields.
    expect(await accountByExternalId('hooli')).toMatchObject({
      name: 'Hooli',
      ownerId: null,
      lifecycleStage: 'adoption',
      coverageTier: null,
      traits: {},
    });
    expect((await auditOf('account', hooli.id)).map((entry) => entry.action)).toEqual(['create']);

    expect((await setTracking(['name', 'owner', 'lifecycleStage', 'tier'])).status).toBe(200);
    const allowed = await server.call<Accepted>(
      'POST',
      '/v1/group',
      { groupId: 'hooli', traits },
      as(serverKey.secret),
    );
    expect(allowed.body.ignored).toEqual([]);
    expect(await accountByExternalId('hooli')).toMatchObject({
      name: 'Hooli XYZ',
      ownerId,
      lifecycleStage: 'renewal',
      coverageTier: 'high_touch',
    });
    const audit = await auditOf('account', hooli.id);
    expect(audit[0]).toMatchObject({
      actor: `key:${serverKey.id} (backend)`,
      action: 'update',
      changes: {
        name: { from: 'Hooli', to: 'Hooli XYZ' },
        ownerId: { from: null, to: ownerId },
        lifecycleStage: { from: 'adoption', to: 'renewal' },
        coverageTier: { from: null, to: 'high_touch' },
      },
    });

    // Settings allow a server key, never a browser key.
    await server.call('POST', '/v1/group', { groupId: 'hooli', traits: { name: 'PWNED' } }, as(browser.secret));
    expect((await accountByExternalId('hooli')).name).toBe('Hooli XYZ');
  });

  it('validates tracking.mayUpdate and keeps it when a PUT leaves it out', async () => {
    const bad = await server.call<{ issues: { field: string; message: string }[] }>('PUT', '/api/settings', {
      reportingCurrency: null,
      rates: [],
      tracking: { mayUpdate: ['plan'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]?.field).toBe('tracking.mayUpdate.0');
    expect(bad.body.issues[0]?.message).toMatch(/name, owner, lifecycleStage, tier/);

    await setTracking(['tier']);
    await server.call('PUT', '/api/settings', { reportingCurrency: 'EUR', rates: [] });
    const read = await server.call<{ tracking: { mayUpdate: string[] } }>('GET', '/api/settings');
    expect(read.body.tracking).toEqual({ mayUpdate: ['tier'] });
  });

  it('audits creating, revoking and first using a key, and stamps its last use at most once a minute', async () => {
    const made = await createApiKey(server.database.db, 'temp', 'ingest', { browser: true, actor: 'cli' });
    const stored = () =>
      server.database.db
        .selectFrom('api_keys')
        .select(['browser', 'first_used_at', 'last_used_at'])
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow();
    expect(made.secret).toMatch(/^pk_browser_/);
    expect(await stored()).toEqual({ browser: true, first_used_at: null, last_used_at: null });

    for (const event of ['One', 'Two']) {
      const sent = await server.call('POST', '/v1/track', { userId: 'u1', event }, as(made.secret));
      expect(sent.status).toBe(200);
    }
    const used = await stored();
    expect(used.first_used_at).not.toBeNull();
    expect(used.last_used_at).toEqual(used.first_used_at);

    // Within the minute: no write, even when this process's throttle is passed (a second process).
    await recordKeyUse(server.database.db, made.id, Date.now() + 61_000);
    expect((await stored()).last_used_at).toEqual(used.last_used_at);

    expect(await revokeApiKey(server.database.db, made.id, { actor: 'admin@pacer.example' })).toBe(true);
    const audit = await auditOf('api key', made.id);
    expect(audit.map((entry) => `${entry.action} by ${entry.actor}`).reverse()).toEqual([
      'create by cli',
      `first use by key:${made.id} (temp)`,
      'revoke by admin@pacer.example',
    ]);
    expect(audit.at(-1)?.changes).toEqual({ name: 'temp', scope: 'ingest', browser: true, b2c: false });
  });

  it("answers analytics.js's settings uncacheably, and names PACER_PUBLIC_URL, not the request's Host, when set", async () => {
    const settings = (host: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
        const url = new URL(`${server.url}/v1/projects/${browser.secret}/settings`);
        const call = request(url, { headers: { host } }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          response.on('end', () => resolve({ headers: response.headers, body }));
        });
        call.on('error', reject);
        call.end();
      });
    const apiHost = (body: string) =>
      (JSON.parse(body) as { integrations: { 'Segment.io': { apiHost: string } } }).integrations['Segment.io'].apiHost;

    const local = await settings('localhost:4400');
    expect(local.headers['cache-control']).toBe('no-store');
    expect(String(local.headers.vary)).toMatch(/\bHost\b/);
    expect(apiHost(local.body)).toBe('localhost:4400/v1');

    process.env.PACER_PUBLIC_URL = 'https://pacer.example.com/pacer';
    try {
      const named = await settings('127.0.0.1:4400');
      expect(apiHost(named.body)).toBe('pacer.example.com/pacer/v1');
      // A host Pacer does not go by is not answered at all (the host allowlist).
      expect((await settings('evil.example')).body).toContain('unknown_host');
      expect(named.headers['cache-control']).toBe('no-store');
    } finally {
      delete process.env.PACER_PUBLIC_URL;
    }
  });
});

describe('pacer keys', () => {
  it('makes a browser key with --browser and lists each key with its kind and last use', async () => {
    const data = join(tempDir('keys'), 'data');
    const made = runPacer(['keys', 'create', '--name', 'site', '--scope', 'ingest', '--browser', '--data', data]);
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/^Created browser ingest key "site"/);
    expect(made.stdout).toMatch(/pk_browser_[A-Za-z0-9_-]{40,}/);
    expect(made.stdout).toContain('AnalyticsBrowser.load');
    const refused = runPacer(['keys', 'create', '--name', 'x', '--scope', 'admin', '--browser', '--data', data]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--browser applies to ingest keys only/);
    expect(runPacer(['keys', 'create', '--name', 'backend', '--scope', 'ingest', '--data', data]).status).toBe(0);

    const before = runPacer(['keys', 'list', '--data', data]).stdout.trim().split('\n');
    expect(before).toHaveLength(2);
    expect(before[0]).toMatch(/ingest browser\s+site .* active {2}never used$/);
    expect(before[1]).toMatch(/ingest server\s+backend .* active {2}never used$/);

    // A use, as the server records it on authentication.
    const id = before[0]?.split(' ')[0] as string;
    const database = await openDatabase({ dataDir: data });
    await recordKeyUse(database.db, id);
    await database.close();
    const after = runPacer(['keys', 'list', '--data', data]).stdout.trim().split('\n');
    expect(after[0]).toMatch(/site .* active {2}last used \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(after[1]).toMatch(/backend .* never used$/);
  });
});
