import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importsDirectory } from '../src/importers/import-jobs.js';
import { createApiKey } from '../src/keys/api-keys.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/until.js';

interface ImportBody {
  id: string;
  status: string;
  format: string;
  gzip: boolean;
  columns: string[];
  sample: (string | null)[][];
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsLoaded: number;
  rowsRejected: number;
  error: string | null;
}
interface PreviewBody {
  suggested: Record<string, string>;
  mapping: Record<string, string>;
  missing: string[];
  fields: { name: string; required: boolean }[];
  rows: { line: number; values: Record<string, unknown> }[];
  rejects: { line: number; raw: string; issues: { field: string; message: string }[] }[];
}
interface ErrorBody {
  error: string;
  message: string;
  issues: { field: string; message: string }[];
}

// A CRM's export of accounts, under its own column names. Line 1 is the header; line 3 (Globex) has "lots" for its
// number of employees, which is no number: the one bad row.
const ACCOUNTS_CSV = [
  'Customer ID,Company,Website,Number of Employees,Customer Since,Region',
  'acme,Acme Inc,acme.example,120,2024-01-15,EMEA',
  'globex,Globex,globex.example,lots,2024-02-01,AMER',
  'initech,Initech,initech.example,45,2024-03-10,APAC',
].join('\n');
const BAD_ROW = 'globex,Globex,globex.example,lots,2024-02-01,AMER';

describe.each(testEngines())('importing files through the API on $engine', ({ open }) => {
  let server: TestServer;
  let csmKey: string;
  let viewerKey: string;

  beforeAll(async () => {
    server = await startTestServer(await open());
    csmKey = (await createApiKey(server.database.db, 'csm', 'csm')).secret;
    viewerKey = (await createApiKey(server.database.db, 'viewer', 'viewer')).secret;
  });
  afterAll(() => server.close());

  const upload = async (
    body: string | Buffer | ReadableStream,
    name: string,
    contentType = 'text/csv',
    secret = server.adminSecret,
  ) => {
    const response = await fetch(`${server.url}/api/imports?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': contentType },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: response.status, body: (await response.json()) as ImportBody & ErrorBody };
  };
  const finished = (id: string) =>
    until(
      () => server.call<ImportBody>('GET', `/api/imports/${id}`),
      (answer) => answer.body.status !== 'running',
      30_000,
    );

  it('uploads a CSV of accounts, suggests the mapping, previews the bad row, loads the rest and gives its rejects', async () => {
    const uploaded = await upload(ACCOUNTS_CSV, 'crm-accounts.csv');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      status: 'uploaded',
      format: 'csv',
      gzip: false,
      columns: ['Customer ID', 'Company', 'Website', 'Number of Employees', 'Customer Since', 'Region'],
    });
    expect(uploaded.body.sample[1]).toEqual(BAD_ROW.split(','));
    const id = uploaded.body.id;

    const preview = await server.call<PreviewBody>('POST', `/api/imports/${id}/preview`, { kind: 'accounts' });
    expect(preview.status).toBe(200);
    // The CRM's names for Pacer's fields; Region is none of them: it goes into traits.
    expect(preview.body.suggested).toEqual({
      externalId: 'Customer ID',
      name: 'Company',
      domain: 'Website',
      employees: 'Number of Employees',
      firstSeenAt: 'Customer Since',
    });
    expect(preview.body.missing).toEqual([]);
    expect(preview.body.rows.map((row) => row.line)).toEqual([2, 4]);
    expect(preview.body.rows[0]?.values).toMatchObject({
      externalId: 'acme',
      name: 'Acme Inc',
      employees: 120,
      traits: { Region: 'EMEA' },
    });
    expect(preview.body.rejects).toEqual([
      {
        line: 3,
        raw: BAD_ROW,
        issues: [{ field: 'employees', message: expect.stringContaining('must be a number') }],
      },
    ]);

    const run = await server.call<ImportBody>('POST', `/api/imports/${id}/run`, {
      kind: 'accounts',
      mapping: preview.body.suggested,
    });
    expect(run.status).toBe(202);
    const done = await finished(id);
    // 3 rows read: acme and initech inserted (new), globex rejected.
    expect(done.body).toMatchObject({
      status: 'done',
      rowsRead: 3,
      rowsInserted: 2,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      rowsLoaded: 2,
      rowsRejected: 1,
      error: null,
    });

    const rejects = await fetch(`${server.url}/api/imports/${id}/rejects`, {
      headers: { authorization: `Bearer ${server.adminSecret}` },
    });
    expect(rejects.status).toBe(200);
    expect(rejects.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(rejects.headers.get('content-disposition')).toContain('crm-accounts.rejects.csv');
    const lines = (await rejects.text()).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('line,reason,row');
    expect(lines[1]).toMatch(/^3,"?employees: must be a number/);
    // The row as written, one quoted cell (it holds commas).
    expect(lines[1]?.endsWith(`,"${BAD_ROW}"`)).toBe(true);

    const accounts = await server.call<{ data: Record<string, unknown>[] }>('GET', '/api/accounts?limit=100');
    const byId = new Map(accounts.body.data.map((account) => [account.externalId, account]));
    expect([...byId.keys()].sort()).toEqual(['acme', 'initech']);
    expect(byId.get('initech')).toMatchObject({
      name: 'Initech',
      domain: 'initech.example',
      employees: 45,
      traits: { Region: 'APAC' },
    });

    // Run again: the same rows are found unchanged, the bad one rejected again.
    expect(
      (await server.call('POST', `/api/imports/${id}/run`, { kind: 'accounts', mapping: preview.body.suggested }))
        .status,
    ).toBe(202);
    expect((await finished(id)).body).toMatchObject({
      status: 'done',
      rowsRead: 3,
      rowsInserted: 0,
      rowsUnchanged: 2,
      rowsRejected: 1,
    });

    const audit = await server.call<{ data: { action: string; actor: string }[] }>(
      'GET',
      `/api/audit?entity=import&entityId=${id}`,
    );
    expect(audit.body.data.map((entry) => entry.action).sort()).toEqual([
      'import accounts',
      'import accounts',
      'start import accounts',
      'start import accounts',
      'upload import',
    ]);
    expect(audit.body.data.every((entry) => entry.actor.startsWith('key:'))).toBe(true);

    const list = await server.call<{ data: ImportBody[] }>('GET', '/api/imports');
    expect(list.body.data.map((entry) => entry.id)).toContain(id);
  });

  it('takes gzip-compressed JSON Lines, and rejects at run time what only the database knows', async () => {
    // Two contacts: c1 of acme (imported above), c2 of an account that does not exist.
    const lines = [
      { contact_id: 'c1', accountExternalId: 'acme', email: 'ann@acme.example', role: 'champion' },
      { contact_id: 'c2', accountExternalId: 'nobody', email: 'bob@nowhere.example' },
    ];
    const file = gzipSync(lines.map((line) => JSON.stringify(line)).join('\n'));
    const uploaded = await upload(file, 'contacts.jsonl.gz', 'application/gzip');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ format: 'jsonl', gzip: true });
    const preview = await server.call<PreviewBody>('POST', `/api/imports/${uploaded.body.id}/preview`, {
      kind: 'contacts',
    });
    expect(preview.body.suggested).toMatchObject({ externalId: 'contact_id', accountExternalId: 'accountExternalId' });
    expect(preview.body.rejects).toEqual([]);
    await server.call('POST', `/api/imports/${uploaded.body.id}/run`, {
      kind: 'contacts',
      mapping: preview.body.suggested,
    });
    // 2 read: c1 inserted, c2 refused (no account "nobody").
    expect((await finished(uploaded.body.id)).body).toMatchObject({
      status: 'done',
      rowsRead: 2,
      rowsInserted: 1,
      rowsRejected: 1,
    });
    const rejects = await fetch(`${server.url}/api/imports/${uploaded.body.id}/rejects`, {
      headers: { authorization: `Bearer ${server.adminSecret}` },
    });
    expect(await rejects.text()).toContain('nobody');
  });

  it('loads usage events in the background, through the same path as the command line', async () => {
    // Three events of acme's user u1; the third has no time: 2 loaded, 1 rejected.
    const csv = [
      'user,account_id,event,time',
      'u1,acme,report.viewed,2026-03-02T10:00:00Z',
      'u1,acme,report.viewed,2026-03-02T11:00:00Z',
      'u1,acme,report.viewed,',
    ].join('\n');
    const { body } = await upload(csv, 'usage.csv');
    const preview = await server.call<PreviewBody>('POST', `/api/imports/${body.id}/preview`, { kind: 'events' });
    // Segment's words (event) and other tools' (user, account_id, time) are suggested.
    expect(preview.body.suggested).toEqual({
      userId: 'user',
      accountExternalId: 'account_id',
      name: 'event',
      timestamp: 'time',
    });
    expect(preview.body.rejects.map((reject) => [reject.line, reject.issues[0]?.field])).toEqual([[4, 'timestamp']]);
    await server.call('POST', `/api/imports/${body.id}/run`, { kind: 'events', mapping: preview.body.suggested });
    expect((await finished(body.id)).body).toMatchObject({
      status: 'done',
      rowsRead: 3,
      rowsInserted: 2,
      rowsRejected: 1,
    });
    const acme = (
      await server.call<{ data: { id: string; externalId: string }[] }>('GET', '/api/accounts?limit=100')
    ).body.data.find((account) => account.externalId === 'acme');
    // The import moved its counts into the rollups at its end: 2 events of 1 user on 2 March, none the days around.
    const usage = await server.call<{ series: { period: string; totalEvents: number; activeUsers: number }[] }>(
      'GET',
      `/api/accounts/${acme?.id}/usage?from=2026-03-01&to=2026-03-03`,
    );
    expect(usage.body.series).toEqual([
      // No key features are configured in this workspace, so none was used on any day.
      { period: '2026-03-01', events: {}, totalEvents: 0, activeUsers: 0, keyFeaturesUsed: 0 },
      { period: '2026-03-02', events: { 'report.viewed': 2 }, totalEvents: 2, activeUsers: 1, keyFeaturesUsed: 0 },
      { period: '2026-03-03', events: {}, totalEvents: 0, activeUsers: 0, keyFeaturesUsed: 0 },
    ]);
  });

  it('shows an import whose server stopped while it ran as failed, to be run again', async () => {
    const { body } = await upload(ACCOUNTS_CSV, 'stopped.csv');
    // As a server that died mid-import leaves it: running, its heartbeat two minutes old, no process loading it.
    await server.database.db
      .updateTable('imports')
      .set({ status: 'running', kind: 'accounts', updated_at: new Date(Date.now() - 120_000) })
      .where('id', '=', body.id)
      .execute();
    const shown = await server.call<ImportBody>('GET', `/api/imports/${body.id}`);
    expect(shown.body).toMatchObject({ status: 'failed', error: expect.stringContaining('run it again') });
    // A fresh heartbeat is a running import: not touched.
    const other = await upload(ACCOUNTS_CSV, 'alive.csv');
    await server.database.db
      .updateTable('imports')
      .set({ status: 'running', kind: 'accounts', updated_at: new Date() })
      .where('id', '=', other.body.id)
      .execute();
    expect((await server.call<ImportBody>('GET', `/api/imports/${other.body.id}`)).body.status).toBe('running');
    const again = await server.call('POST', `/api/imports/${other.body.id}/run`, {
      kind: 'accounts',
      mapping: { externalId: 'Customer ID' },
    });
    expect(again.status).toBe(409);
  });

  it('refuses an unknown kind, a field that does not exist, a missing column and a missing required field', async () => {
    const { body } = await upload(ACCOUNTS_CSV, 'again.csv');
    const unknownKind = await server.call<ErrorBody>('POST', `/api/imports/${body.id}/preview`, { kind: 'widgets' });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.issues[0]).toMatchObject({ field: 'kind', message: expect.stringContaining('accounts') });

    const noSuchField = await server.call<ErrorBody>('POST', `/api/imports/${body.id}/run`, {
      kind: 'accounts',
      mapping: { externalId: 'Customer ID', revenue: 'Company' },
    });
    expect(noSuchField.status).toBe(400);
    expect(noSuchField.body.issues).toEqual([
      { field: 'mapping.revenue', message: expect.stringContaining('accounts have no field revenue') },
    ]);

    const noSuchColumn = await server.call<ErrorBody>('POST', `/api/imports/${body.id}/preview`, {
      kind: 'accounts',
      mapping: { name: 'Account Name' },
    });
    expect(noSuchColumn.status).toBe(400);
    expect(noSuchColumn.body.issues[0]).toMatchObject({ field: 'mapping.name' });

    const noExternalId = await server.call<ErrorBody>('POST', `/api/imports/${body.id}/run`, {
      kind: 'accounts',
      mapping: { name: 'Company' },
    });
    expect(noExternalId.status).toBe(400);
    expect(noExternalId.body.issues[0]).toMatchObject({
      field: 'mapping',
      message: expect.stringContaining('externalId'),
    });
    // Nothing ran.
    expect((await server.call<ImportBody>('GET', `/api/imports/${body.id}`)).body.status).toBe('uploaded');
  });

  it('answers 404 for an unknown import and for rejects of an import without any', async () => {
    const unknown = '00000000-0000-7000-8000-00000000abcd';
    expect((await server.call('GET', `/api/imports/${unknown}`)).status).toBe(404);
    expect((await server.call('POST', `/api/imports/${unknown}/preview`, { kind: 'accounts' })).status).toBe(404);
    expect((await server.call('POST', `/api/imports/${unknown}/run`, { kind: 'accounts', mapping: {} })).status).toBe(
      404,
    );
    const { body } = await upload('externalId,name\nx,X\n', 'clean.csv');
    expect((await server.call('GET', `/api/imports/${body.id}/rejects`)).status).toBe(404);
  });

  it('refuses a file over the limit, naming it, whether its length is declared or streamed, and keeps nothing', async () => {
    const before = existsSync(importsDirectory(server.database))
      ? readdirSync(importsDirectory(server.database)).length
      : 0;
    process.env.PACER_IMPORT_MAX_MB = '0.01';
    try {
      // 0.01 MB is 10,485 bytes; these are 20,000.
      const big = `externalId,name\n${'a,b\n'.repeat(5000)}`.slice(0, 20_000);
      const declared = await upload(big, 'big.csv');
      expect(declared.status).toBe(413);
      expect(declared.body.message).toContain('over 0.01 MB');
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x,y\n'.repeat(250)));
          controller.close();
        },
      });
      const streamed = await upload(stream, 'big.csv');
      expect(streamed.status).toBe(413);
      expect(streamed.body.message).toContain('over 0.01 MB');
    } finally {
      delete process.env.PACER_IMPORT_MAX_MB;
    }
    const after = existsSync(importsDirectory(server.database))
      ? readdirSync(importsDirectory(server.database)).length
      : 0;
    expect(after).toBe(before);
  });

  it('refuses a file of another format and an empty file, saying why', async () => {
    const pdf = await upload('%PDF-1.4', 'report.pdf', 'application/pdf');
    expect(pdf.status).toBe(415);
    expect(pdf.body.message).toContain('text/csv');
    const empty = await upload('', 'empty.csv');
    expect(empty.status).toBe(422);
    expect(empty.body.message).toContain('empty');
    const notGzip = await upload('externalId\nx\n', 'plain.csv.gz', 'application/gzip');
    expect(notGzip.status).toBe(422);
  });

  it('lets leaders and admins import, not CSMs or viewers', async () => {
    for (const secret of [csmKey, viewerKey]) {
      expect((await upload(ACCOUNTS_CSV, 'x.csv', 'text/csv', secret)).status).toBe(403);
      expect((await server.call('GET', '/api/imports', undefined, { authorization: `Bearer ${secret}` })).status).toBe(
        403,
      );
    }
    const anonymous = await fetch(`${server.url}/api/imports?name=x.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: ACCOUNTS_CSV,
    });
    expect(anonymous.status).toBe(401);
  });

  it('keeps the upload beside the database, in a folder per import', async () => {
    const { body } = await upload(ACCOUNTS_CSV, 'kept.csv');
    expect(existsSync(join(importsDirectory(server.database), body.id, 'upload.csv'))).toBe(true);
  });
});
