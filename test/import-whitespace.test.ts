import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { runPacer } from './support/cli.js';
import { serverDatabase } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/import/', import.meta.url));

type Rows = Record<string, unknown>[];

/** Where `pacer import` writes: the embedded database in a directory, or a database of the test server. */
interface Target {
  args: string[];
  env: Record<string, string | undefined>;
  query(text: string): Promise<Rows>;
  close(): Promise<void>;
}

function embeddedTarget(dir: string): Target {
  const data = join(dir, 'data');
  return {
    args: ['--data', data],
    env: {},
    async query(text) {
      const database = await openDatabase({ dataDir: data });
      try {
        return await database.withSession((q) => q(text));
      } finally {
        await database.close();
      }
    },
    async close() {},
  };
}

async function serverTarget(serverUrl: string): Promise<Target> {
  const server = await serverDatabase(serverUrl, 'pacer_import_ws');
  return {
    args: [],
    env: { DATABASE_URL: server.url },
    async query(text) {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        return (await client.query(text)).rows;
      } finally {
        await client.end();
      }
    },
    close: () => server.drop(),
  };
}

const engines: [string, (dir: string) => Promise<Target>][] = [
  ['embedded database', async (dir) => embeddedTarget(dir)],
  ...(inject('postgresUrl')
    ? [['PostgreSQL server', () => serverTarget(inject('postgresUrl'))] as [string, () => Promise<Target>]]
    : []),
];

// The CDNOW data set's layout: customer id, id within the sample, date (YYYYMMDD), CDs bought, dollars; no header,
// cells padded with spaces, \r\n line ends. The fixture adds a blank line, tabs, an impossible day and a short row.
const COMMAND = [
  '--delimiter',
  'whitespace',
  '--columns',
  'customer,sample_id,date,cds,dollars',
  '--map',
  'userId=customer,timestamp=date',
  '--set',
  'name=Purchase',
  '--b2c',
];

describe.each(engines)('pacer import events of whitespace-separated purchases (%s)', (_, open) => {
  const dir = tempDir('import-ws');
  const file = join(dir, 'purchases.txt');
  copyFileSync(join(FIXTURES, 'cdnow-sample.txt'), file);
  let target: Target | undefined;
  const pacer = async (path: string) => {
    target ??= await open(dir);
    return runPacer(['import', 'events', path, ...COMMAND, ...target.args], target.env);
  };
  const query = (text: string) => (target as Target).query(text);
  afterAll(async () => target?.close());

  it('makes each customer an account first seen at its first purchase, one event a row, and counts them by day', async () => {
    const run = await pacer(file);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^events: 7 rows read, 5 inserted, 0 updated, 0 unchanged, 2 rejected in /);

    expect(await query('select external_id, name, first_seen_at from accounts order by external_id')).toEqual([
      { external_id: '00004', name: '00004', first_seen_at: new Date('1997-01-01T00:00:00Z') },
      { external_id: '00021', name: '00021', first_seen_at: new Date('1997-01-01T00:00:00Z') },
      { external_id: '00050', name: '00050', first_seen_at: new Date('1997-01-02T00:00:00Z') },
    ]);
    const events = await query(
      `select a.external_id as account, e.user_id, e.name, e.occurred_at, e.count, e.properties
       from events e join accounts a on a.id = e.account_id order by e.occurred_at, a.external_id, e.message_id`,
    );
    const purchase = (account: string, day: string, properties: Record<string, unknown>) => ({
      account,
      user_id: account,
      name: 'Purchase',
      occurred_at: new Date(`${day}T00:00:00Z`),
      count: 1,
      properties,
    });
    expect(events).toEqual([
      purchase('00004', '1997-01-01', { sample_id: '0001', cds: 2, dollars: 29.33 }),
      // Two purchases alike on one day are two events.
      purchase('00021', '1997-01-01', { sample_id: '0002', cds: 3, dollars: 63.34 }),
      purchase('00021', '1997-01-01', { sample_id: '0002', cds: 3, dollars: 63.34 }),
      purchase('00050', '1997-01-02', { sample_id: '0003', cds: 1, dollars: 6.79 }),
      purchase('00004', '1997-01-18', { sample_id: '0001', cds: 2, dollars: 29.73 }),
    ]);
    const daily = `select a.external_id as account, u.day::text as day, u.event_name, u.events::int as events
      from usage_daily u join accounts a on a.id = u.account_id order by 1, 2`;
    expect(await query(daily)).toEqual([
      { account: '00004', day: '1997-01-01', event_name: 'Purchase', events: 1 },
      { account: '00004', day: '1997-01-18', event_name: 'Purchase', events: 1 },
      { account: '00021', day: '1997-01-01', event_name: 'Purchase', events: 2 },
      { account: '00050', day: '1997-01-02', event_name: 'Purchase', events: 1 },
    ]);
    expect(
      await query(
        `select a.external_id as account, u.user_id, u.day::text as day, u.events::int as events
         from usage_user_daily u join accounts a on a.id = u.account_id order by 1, 3`,
      ),
    ).toEqual([
      { account: '00004', user_id: '00004', day: '1997-01-01', events: 1 },
      { account: '00004', user_id: '00004', day: '1997-01-18', events: 1 },
      { account: '00021', user_id: '00021', day: '1997-01-01', events: 2 },
      { account: '00050', user_id: '00050', day: '1997-01-02', events: 1 },
    ]);

    // Line numbers count the blank line; the row is written back as it was.
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toBe(
      'line,reason,row\n' +
        '7,"timestamp: ""19970231"" is not a day of the calendar", 00050 0003 19970231  1   6.79\n' +
        '8,(row): has 4 values but --columns names 5 columns, 00067 0004 19970102  1\n',
    );
  });

  it('changes nothing when the same purchases come again, gzip-compressed', async () => {
    const gzipped = join(dir, 'purchases.txt.gz');
    writeFileSync(gzipped, gzipSync(readFileSync(file)));
    const run = await pacer(gzipped);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^events: 7 rows read, 0 inserted, 0 updated, 5 unchanged, 2 rejected in /);
    expect(await query('select count(*)::int as n, sum(count)::int as total from events')).toEqual([
      { n: 5, total: 5 },
    ]);
    expect(await query('select sum(events)::int as total from usage_daily')).toEqual([{ total: 5 }]);
  });
});

describe('pacer import --columns and --delimiter', () => {
  it('says what is wrong with them in one line', () => {
    const dir = tempDir('import-ws');
    const file = join(dir, 'purchases.txt');
    copyFileSync(join(FIXTURES, 'cdnow-sample.txt'), file);
    const cases: [string[], RegExp][] = [
      [['events', file], /^pacer: cannot tell the format of .*purchases\.txt from its name: give --format/],
      [['events', file, '--delimiter', 'pipe'], /option '--delimiter <delimiter>' argument 'pipe' is invalid/],
      [
        ['events', file, '--delimiter', 'whitespace', '--columns', 'a,,b'],
        /--columns <names>' argument 'a,,b' is invalid/,
      ],
      [
        ['events', file, '--delimiter', 'whitespace', '--columns', 'a,b,a'],
        /^pacer: --columns names the column "a" twice/,
      ],
      [
        [
          'events',
          file,
          '--delimiter',
          'whitespace',
          '--columns',
          'customer,sample_id,date,cds,dollars',
          '--map',
          'userId=client',
        ],
        /^pacer: --map userId=client: the file has no column "client"; its columns: customer, sample_id, date, cds, dollars/,
      ],
      [
        ['events', file, '--format', 'jsonl', '--columns', 'a'],
        /^pacer: --delimiter and --columns are for delimited text/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = runPacer(['import', ...args, '--data', join(dir, 'data')]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
    }
  });
});
