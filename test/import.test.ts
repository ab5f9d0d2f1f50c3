import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { runPacer } from './support/cli.js';
import { type ServerDatabase, serverDatabase } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/import/', import.meta.url));

type Rows = Record<string, unknown>[];

describe('pacer import (embedded database)', () => {
  const dir = tempDir('import');
  const data = join(dir, 'data');
  // Fixtures are copied so that rejects files land in the temporary directory, not in the repository.
  const file = (name: string) => {
    const path = join(dir, name);
    if (!existsSync(path)) copyFileSync(join(FIXTURES, name), path);
    return path;
  };
  const pacer = (...args: string[]) => runPacer(['import', ...args, '--data', data]);
  const query = async (text: string): Promise<Rows> => {
    const database = await openDatabase({ dataDir: data });
    try {
      return await database.withSession((q) => q(text));
    } finally {
      await database.close();
    }
  };

  it('imports accounts mapped with --map, unmapped columns into traits, and writes the rejects file', async () => {
    const accounts = file('telco-accounts.csv');
    // "1,200" employees: the file groups thousands with a comma, which it must say (see import-numbers.test.ts).
    const run = pacer('accounts', accounts, '--map', 'externalId=customerID', '--thousands', ',');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^accounts: 5 rows read, 2 inserted, 0 updated, 0 unchanged, 3 rejected in \d+\.\d s \(\d+ rows\/s\)\n/,
    );

    const rows = await query('select external_id, name, employees, first_seen_at, traits from accounts order by name');
    expect(rows).toEqual([
      {
        external_id: '7590-VHVEG',
        name: 'Acme Corp',
        employees: 1200,
        first_seen_at: new Date('2026-01-15T00:00:00Z'),
        traits: { SeniorCitizen: 0, Partner: 'Yes', tenure: 1, Contract: 'Month-to-month' },
      },
      {
        external_id: '5575-GNVDE',
        name: 'Umbrella',
        employees: 12,
        first_seen_at: new Date('2026-02-01T10:00:00Z'),
        traits: { SeniorCitizen: 0, Partner: 'No', tenure: 34, Contract: 'One year' },
      },
    ]);

    const rejects = readFileSync(`${accounts}.rejects.csv`, 'utf8').split('\n');
    expect(rejects[0]).toBe('line,reason,row');
    expect(rejects[1]).toBe('4,externalId: required for import,",Nameless,1,No,2,Month-to-month,3,"');
    expect(rejects[2]).toBe('5,employees: must be 0 or more,"3668-QPYBK,Hooli,0,No,2,Month-to-month,-3,"');
    expect(rejects[3]).toMatch(
      /^6,"firstSeenAt: ""01\/02\/2026"" could be day\/month\/year or month\/day\/year: give --date-format dmy or mdy/,
    );
    expect(rejects).toHaveLength(5);
  });

  it('changes nothing when the same import runs again; --date-format dmy reads the ambiguous date', async () => {
    const accounts = file('telco-accounts.csv');
    const before = await query('select external_id, updated_at from accounts order by external_id');
    const again = pacer('accounts', accounts, '--map', 'externalId=customerID', '--thousands', ',');
    expect(again.stdout).toMatch(/^accounts: 5 rows read, 0 inserted, 0 updated, 2 unchanged, 3 rejected/);
    expect(await query('select external_id, updated_at from accounts order by external_id')).toEqual(before);

    const dmy = pacer(
      'accounts',
      accounts,
      '--map',
      'externalId=customerID',
      '--thousands',
      ',',
      '--date-format',
      'dmy',
    );
    expect(dmy.stdout).toMatch(/^accounts: 5 rows read, 1 inserted, 0 updated, 2 unchanged, 2 rejected/);
    expect(await query(`select first_seen_at from accounts where external_id = '9237-HQITU'`)).toEqual([
      { first_seen_at: new Date('2026-02-01T00:00:00Z') },
    ]);

    // One audit entry per run, with the run's counts.
    const audit = await query(
      `select actor, action, entity, changes from audit_log where entity = 'import' order by at`,
    );
    expect(audit).toHaveLength(3);
    expect(audit[2]).toMatchObject({
      actor: 'cli',
      action: 'import accounts',
      changes: { rowsRead: 5, inserted: 1, updated: 0, unchanged: 2, rejected: 2 },
    });
  });

  it('imports subscriptions with a mapping file and --set, money from "$1,234.50", deriving external ids', async () => {
    const subscriptions = file('telco-subscriptions.csv');
    const rejectsPath = join(dir, 'subscription-rejects.csv');
    const run = pacer(
      'subscriptions',
      subscriptions,
      '--mapping',
      join(FIXTURES, 'subscriptions-mapping.json'),
      '--set',
      'currency=USD',
      '--thousands',
      ',',
      '--rejects',
      rejectsPath,
    );
    expect(run.stdout).toMatch(/^subscriptions: 5 rows read, 3 inserted, 0 updated, 0 unchanged, 2 rejected/m);
    expect(run.stdout).toMatch(/Columns ignored \(subscriptions have no such field\): PaperlessBilling/);
    const rows = await query(
      'select external_id, mrr_minor, currency, billing_period, start_date from subscriptions order by start_date',
    );
    expect(rows).toEqual([
      {
        external_id: '7590-VHVEG:2026-01-15',
        mrr_minor: 123450,
        currency: 'USD',
        billing_period: 'month',
        start_date: '2026-01-15',
      },
      {
        external_id: '5575-GNVDE:2026-02-01',
        mrr_minor: 5695,
        currency: 'USD',
        billing_period: 'month',
        start_date: '2026-02-01',
      },
      {
        external_id: '9237-HQITU:2026-04-01',
        mrr_minor: 4230,
        currency: 'USD',
        billing_period: 'month',
        start_date: '2026-04-01',
      },
    ]);
    expect(readFileSync(rejectsPath, 'utf8')).toBe(
      'line,reason,row\n' +
        '4,mrr: must not be negative,"3668-QPYBK,-$5.00,Yes,month,2026-03-01"\n' +
        '6,"accountExternalId: no account has the external id ""nobody""","nobody,$10.00,Yes,month,2026-04-01"\n',
    );
    expect(existsSync(`${subscriptions}.rejects.csv`)).toBe(false);

    const again = pacer(
      'subscriptions',
      subscriptions,
      '--mapping',
      join(FIXTURES, 'subscriptions-mapping.json'),
      '--set',
      'currency=USD',
      '--thousands',
      ',',
    );
    expect(again.stdout).toMatch(/^subscriptions: 5 rows read, 0 inserted, 0 updated, 3 unchanged, 2 rejected/);
  });

  it('imports notes from JSON Lines once, by the hash of their content', async () => {
    const notes = file('notes.jsonl');
    const run = pacer('notes', notes, '--map', 'accountExternalId=account,occurredAt=when');
    expect(run.stdout).toMatch(/^notes: 5 rows read, 2 inserted, 0 updated, 1 unchanged, 2 rejected/);
    const rows = await query('select author, sentiment, tags, occurred_at, import_key from notes order by occurred_at');
    expect(rows.map(({ import_key, ...row }) => row)).toEqual([
      {
        author: 'Kenji',
        sentiment: 1,
        tags: ['kickoff', 'champion-found'],
        occurred_at: new Date('2026-03-01T00:30:00Z'),
      },
      { author: 'Ana', sentiment: -2, tags: ['budget-cut'], occurred_at: new Date('2026-03-02T15:00:00Z') },
    ]);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.import_key as string))).toBe(true);
    const rejects = readFileSync(`${notes}.rejects.csv`, 'utf8').split('\n');
    expect(rejects[1]).toMatch(/^4,sentiment: must be from -2 \(very negative\) to 2 \(very positive\),/);
    expect(rejects[2]).toMatch(/^5,"\(row\): is not valid JSON \(.*\)",not json$/);

    expect(await query('select count(*)::int as n from notes')).toEqual([{ n: 2 }]);
  });

  it('reads a gzip-compressed CSV, booleans from yes/N, and empty cells as absent', async () => {
    const contacts = join(dir, 'contacts.csv.gz');
    writeFileSync(
      contacts,
      gzipSync(
        'external_id,Account External ID,Email,active,Plan Tier\n' +
          'u1,7590-VHVEG,kim@acme.example,yes,gold\n' +
          'u2,5575-GNVDE,lee@umbrella.example,N,\n' +
          'u3,5575-GNVDE,not-an-email,y,silver\n',
      ),
    );
    const run = pacer('contacts', contacts);
    expect(run.stdout).toMatch(/^contacts: 3 rows read, 2 inserted, 0 updated, 0 unchanged, 1 rejected/);
    expect(await query('select external_id, email, active, traits from contacts order by external_id')).toEqual([
      { external_id: 'u1', email: 'kim@acme.example', active: true, traits: { 'Plan Tier': 'gold' } },
      { external_id: 'u2', email: 'lee@umbrella.example', active: false, traits: {} },
    ]);
    expect(readFileSync(`${contacts}.rejects.csv`, 'utf8')).toMatch(
      /^line,reason,row\n4,email: must be an email address,/,
    );
  });

  it('imports events from JSON Lines: identical rows both kept, rollups counted, a re-run adds nothing', async () => {
    const events = join(dir, 'events.ndjson');
    writeFileSync(
      events,
      [
        '{"messageId":"m1","userId":"u1","groupId":"7590-VHVEG","event":"Report Viewed","timestamp":"2026-03-01T10:00:00Z","properties":{"report":"churn"}}',
        '{"userId":"u1","groupId":"7590-VHVEG","event":"Login","timestamp":"2026-03-01T11:00:00Z","count":3}',
        '{"userId":"u1","groupId":"7590-VHVEG","event":"Login","timestamp":"2026-03-01T11:00:00Z","count":3}',
        '{"userId":"u2","groupId":"5575-GNVDE","event":"Login","timestamp":"2026-03-02 09:00:00","browser":"firefox"}',
        '{"userId":"u2","event":"Login","timestamp":"2026-03-02T11:00:00Z","count":0}',
      ].join('\n'),
    );
    const run = pacer('events', events);
    expect(run.stdout).toMatch(/^events: 5 rows read, 4 inserted, 0 updated, 0 unchanged, 1 rejected/);
    expect(readFileSync(`${events}.rejects.csv`, 'utf8')).toMatch(
      /^line,reason,row\n5,"count: must be a whole number, 1 or more"/,
    );
    const stored = await query(
      'select message_id, name, count, properties from events order by occurred_at, message_id',
    );
    expect(stored.map((row) => [row.name, row.count])).toEqual([
      ['Report Viewed', 1],
      ['Login', 3],
      ['Login', 3],
      ['Login', 1],
    ]);
    expect(stored[0]).toMatchObject({ message_id: 'm1', properties: { report: 'churn' } });
    expect([stored[1]?.message_id, stored[2]?.message_id].sort().map((id) => String(id).slice(-2))).toEqual([
      '_0',
      '_1',
    ]);
    expect(stored[3]?.properties).toEqual({ browser: 'firefox' });
    // 1 + 3 + 3 + 1 events on two accounts.
    expect(await query('select sum(events)::int as total from usage_daily')).toEqual([{ total: 8 }]);

    const again = pacer('events', events);
    expect(again.stdout).toMatch(/^events: 5 rows read, 0 inserted, 0 updated, 4 unchanged, 1 rejected/);
    expect(await query('select sum(events)::int as total from usage_daily')).toEqual([{ total: 8 }]);
  });

  it('fails with a one-line reason for a missing file, an unknown kind or a bad mapping', () => {
    const accounts = file('telco-accounts.csv');
    const cases: [string[], RegExp][] = [
      [['accounts', join(dir, 'nope.csv')], /^pacer: cannot read .*nope\.csv: no such file\n$/],
      [
        ['widgets', accounts],
        /^pacer: cannot import widgets: the kinds are accounts, contacts, subscriptions, notes, surveys, tickets, events\n$/,
      ],
      [
        ['accounts', accounts, '--map', 'colour=customerID'],
        /^pacer: --map colour=customerID: accounts have no field colour; fields: /,
      ],
      [
        ['accounts', accounts, '--map', 'externalId=CustomerNumber'],
        /^pacer: --map externalId=CustomerNumber: the file has no column "CustomerNumber"/,
      ],
      [['accounts', accounts], /^pacer: accounts need a externalId column/],
    ];
    for (const [args, message] of cases) {
      const run = pacer(...args);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe.skipIf(!inject('postgresUrl'))('pacer import (PostgreSQL server)', () => {
  let server: ServerDatabase;
  beforeAll(async () => {
    server = await serverDatabase(inject('postgresUrl'), 'pacer_import');
  });
  afterAll(async () => {
    await server?.drop();
  });

  it('imports and re-imports accounts and subscriptions with DATABASE_URL', async () => {
    const dir = tempDir('import-pg');
    const accounts = join(dir, 'accounts.csv');
    copyFileSync(join(FIXTURES, 'telco-accounts.csv'), accounts);
    const subscriptions = join(dir, 'subscriptions.csv');
    copyFileSync(join(FIXTURES, 'telco-subscriptions.csv'), subscriptions);
    const env = { DATABASE_URL: server.url };
    const mapping = [
      '--mapping',
      join(FIXTURES, 'subscriptions-mapping.json'),
      '--set',
      'currency=USD',
      '--thousands',
      ',',
    ];
    expect(
      runPacer(
        ['import', 'accounts', accounts, '--map', 'externalId=customerID', '--thousands', ',', '--date-format', 'dmy'],
        env,
      ).stdout,
    ).toMatch(/^accounts: 5 rows read, 3 inserted, 0 updated, 0 unchanged, 2 rejected/);
    expect(runPacer(['import', 'subscriptions', subscriptions, ...mapping], env).stdout).toMatch(
      /^subscriptions: 5 rows read, 3 inserted, 0 updated, 0 unchanged, 2 rejected/,
    );
    expect(runPacer(['import', 'subscriptions', subscriptions, ...mapping], env).stdout).toMatch(
      /^subscriptions: 5 rows read, 0 inserted, 0 updated, 3 unchanged, 2 rejected/,
    );
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query('select sum(mrr_minor)::int as mrr from subscriptions');
    await client.end();
    // 1234.50 + 56.95 + 42.30 dollars.
    expect(rows).toEqual([{ mrr: 133375 }]);
  });
});
