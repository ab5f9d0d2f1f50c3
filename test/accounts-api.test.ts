import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface Account {
  id: string;
  externalId: string | null;
  name: string;
  lifecycleStage: string;
  parentId: string | null;
  traits: Record<string, unknown>;
}
interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
interface ErrorBody {
  error: string;
  message: string;
  issues: { field: string; message: string }[];
}

describe.each(testEngines())('accounts API on $engine', ({ open }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(await open());
  });
  afterAll(() => server.close());

  it('creates, reads, changes and deletes an account', async () => {
    const created = await server.call<Account>('POST', '/api/accounts', {
      name: 'Acme Corp',
      externalId: 'acme',
      industry: 'Manufacturing',
      employees: 1200,
      country: 'jp',
      traits: { region: 'APAC' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Acme Corp',
      externalId: 'acme',
      country: 'JP',
      lifecycleStage: 'onboarding',
    });
    expect(created.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/); // UUIDv7

    const read = await server.call<Account>('GET', `/api/accounts/${created.body.id}`);
    expect(read.body).toEqual(created.body);

    const changed = await server.call<Account>('PATCH', `/api/accounts/${created.body.id}`, {
      lifecycleStage: 'adoption',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ lifecycleStage: 'adoption', name: 'Acme Corp', traits: { region: 'APAC' } });

    expect((await server.call('DELETE', `/api/accounts/${created.body.id}`)).status).toBe(204);
    const gone = await server.call<ErrorBody>('GET', `/api/accounts/${created.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toBe('not_found');
  });

  it('answers bad bodies with 400 naming each field and the reason', async () => {
    const missing = await server.call<ErrorBody>('POST', '/api/accounts', { domain: 'x.com' });
    expect(missing.status).toBe(400);
    expect(missing.body.issues).toContainEqual({ field: 'name', message: 'required' });

    const unknown = await server.call<ErrorBody>('POST', '/api/accounts', { name: 'A', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toContainEqual({ field: 'colour', message: 'unknown field' });

    const badStage = await server.call<ErrorBody>('POST', '/api/accounts', { name: 'A', lifecycleStage: 'sleepy' });
    expect(badStage.status).toBe(400);
    expect(badStage.body.issues[0]?.field).toBe('lifecycleStage');

    const badDate = await server.call<ErrorBody>('POST', '/api/accounts', { name: 'A', firstSeenAt: '31/12/2025' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.issues[0]).toMatchObject({ field: 'firstSeenAt', message: expect.stringMatching(/ISO 8601/) });

    const malformed = await server.call<ErrorBody>('POST', '/api/accounts', '{"name": "A",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues[0]).toMatchObject({
      field: '(body)',
      message: expect.stringMatching(/not valid JSON/),
    });

    const badId = await server.call<ErrorBody>('GET', '/api/accounts/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.issues[0]?.field).toBe('path.id');

    const badQuery = await server.call<ErrorBody>('GET', '/api/accounts?colour=red');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.issues[0]).toEqual({ field: 'query.colour', message: 'unknown field' });

    // None of the refused bodies left anything behind.
    const names = (await server.call<Page<Account>>('GET', '/api/accounts?name=A')).body.data;
    expect(names).toEqual([]);
  });

  it('refuses a second account with the same external id, and upserts by external id', async () => {
    await server.call('POST', '/api/accounts', { name: 'Globex', externalId: 'globex' });
    const duplicate = await server.call<ErrorBody>('POST', '/api/accounts', { name: 'Globex 2', externalId: 'globex' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.issues).toEqual([{ field: 'externalId', message: 'already taken' }]);

    const updated = await server.call<Account>('PUT', '/api/accounts/external/globex', { plan: 'enterprise' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Globex', externalId: 'globex' });

    const needsName = await server.call<ErrorBody>('PUT', '/api/accounts/external/initech', { plan: 'pro' });
    expect(needsName.status).toBe(400);
    expect(needsName.body.issues).toEqual([{ field: 'name', message: 'required' }]);

    const created = await server.call<Account>('PUT', '/api/accounts/external/initech', { name: 'Initech' });
    expect(created.status).toBe(201);
    const again = await server.call<Account & { updatedAt: string }>('PUT', '/api/accounts/external/initech', {
      name: 'Initech',
      employees: 40,
      traits: { tier: 'gold' },
      firstSeenAt: '2025-01-01T00:00:00Z',
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    // The same values again change nothing, not even updatedAt.
    const unchanged = await server.call<Account & { updatedAt: string }>('PUT', '/api/accounts/external/initech', {
      name: 'Initech',
      employees: 40,
      traits: { tier: 'gold' },
      firstSeenAt: '2025-01-01T00:00:00Z',
    });
    expect(unchanged.body.updatedAt).toBe(again.body.updatedAt);
  });

  it('keeps a parent hierarchy free of loops', async () => {
    const parent = await server.call<Account>('POST', '/api/accounts', { name: 'Holding', externalId: 'holding' });
    const child = await server.call<Account>('POST', '/api/accounts', {
      name: 'Subsidiary',
      parentExternalId: 'holding',
    });
    expect(child.body.parentId).toBe(parent.body.id);
    const loop = await server.call<ErrorBody>('PATCH', `/api/accounts/${parent.body.id}`, { parentId: child.body.id });
    expect(loop.status).toBe(400);
    expect(loop.body.issues[0]?.field).toBe('parentId');
    const self = await server.call<ErrorBody>('PATCH', `/api/accounts/${parent.body.id}`, { parentId: parent.body.id });
    expect(self.status).toBe(400);
  });

  it('lists with filters, sorting and cursor pagination that visits each account once', async () => {
    const names = ['Delta', 'Alpha', 'Echo', 'Charlie', 'Bravo', 'Golf', 'Foxtrot'];
    for (const name of names) {
      await server.call('POST', '/api/accounts', {
        name: `Pager ${name}`,
        plan: 'pager',
        lifecycleStage: name < 'D' ? 'renewal' : 'adoption',
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/accounts?plan=pager&sort=name&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { body: Page<Account> } = await server.call<Page<Account>>('GET', query);
      seen.push(...page.body.data.map((account) => account.name));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].sort().map((name) => `Pager ${name}`));

    const descending = await server.call<Page<Account>>('GET', '/api/accounts?plan=pager&sort=-name&limit=2');
    expect(descending.body.data.map((account) => account.name)).toEqual(['Pager Golf', 'Pager Foxtrot']);

    const renewal = await server.call<Page<Account>>(
      'GET',
      '/api/accounts?plan=pager&lifecycleStage=renewal&sort=name',
    );
    expect(renewal.body.data.map((account) => account.name)).toEqual(['Pager Alpha', 'Pager Bravo', 'Pager Charlie']);

    const search = await server.call<Page<Account>>('GET', '/api/accounts?q=foxt');
    expect(search.body.data.map((account) => account.name)).toEqual(['Pager Foxtrot']);

    const byExternalId = await server.call<Page<Account>>('GET', '/api/accounts?externalId=globex');
    expect(byExternalId.body.data).toHaveLength(1);

    const badCursor = await server.call<ErrorBody>('GET', '/api/accounts?cursor=nonsense');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.issues[0]?.field).toBe('query.cursor');
  });

  it('serves an OpenAPI 3.1 document made from the same schemas', async () => {
    const doc = await server.call<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<string, { schema: { required?: string[]; additionalProperties?: boolean } }>;
            };
          }
        >
      >;
    }>('GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const create = doc.body.paths['/api/accounts']?.post?.requestBody?.content['application/json']?.schema;
    expect(create?.required).toEqual(['name']);
    expect(create?.additionalProperties).toBe(false);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/contacts/{id}',
        '/api/subscriptions',
        '/api/notes',
        '/api/survey-responses',
        '/api/tickets',
      ]),
    );
    // Every reference resolves inside the document: zod's per-schema `#/$defs/…` are moved to components (the
    // recursive scorecard group is one), so any client generator reads it as it is.
    const text = JSON.stringify(doc.body);
    expect(text).not.toContain('#/$defs/');
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1] as string);
    const components = (doc.body as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((name) => !(name in components))).toEqual([]);
  });
});
