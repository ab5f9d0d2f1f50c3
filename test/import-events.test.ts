import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { runPacer } from './support/cli.js';
import { type ServerDatabase, serverDatabase } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

const PACER = fileURLToPath(new URL('../bin/pacer.js', import.meta.url));
// Enough rows for several chunks to commit before the kill and many after it, in a test that stays short.
const ROWS = 100_000;
const ACCOUNTS = 20;

async function writeEvents(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('userId,groupId,event,timestamp,count,browser\n');
  for (let i = 0; i < ROWS; i++) {
    const line = `u${i % 5000},acc${i % ACCOUNTS},${i % 3 ? 'login' : 'report_viewed'},2026-03-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00Z,${1 + (i % 3)},chrome\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

describe('pacer import events', () => {
  it('loads every row exactly once when run again after kill -9', async () => {
    const dir = tempDir('import-events');
    const data = join(dir, 'data');
    const accounts = join(dir, 'accounts.csv');
    writeFileSync(
      accounts,
      `externalId,name\n${Array.from({ length: ACCOUNTS }, (_, a) => `acc${a},Account ${a}`).join('\n')}\n`,
    );
    expect(runPacer(['import', 'accounts', accounts, '--data', data]).status).toBe(0);
    const events = join(dir, 'big.csv');
    await writeEvents(events);

    const child = spawn(
      process.execPath,
      [PACER, 'import', 'events', events, '--data', data, '--verbose', '--chunk-size', '5000'],
      {
        env: { ...process.env, DATABASE_URL: undefined },
      },
    );
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Killed once two chunks have committed, well before the end of the file.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no chunk committed in 60 s:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if ((output.match(/^committed \d+ rows$/gm) ?? []).length >= 2) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    await exited;

    const count = async (text: string) => {
      const database = await openDatabase({ dataDir: data });
      try {
        return (await database.withSession((q) => q<{ n: number }>(text)))[0]?.n;
      } finally {
        await database.close();
      }
    };
    const partial = await count('select count(*)::int as n from events');
    expect(partial).toBeGreaterThanOrEqual(10_000);
    expect(partial).toBeLessThan(ROWS);

    const rerun = runPacer(['import', 'events', events, '--data', data]);
    expect(rerun.stderr).toBe('');
    expect(rerun.stdout).toMatch(
      new RegExp(
        `^events: ${ROWS} rows read, ${ROWS - (partial ?? 0)} inserted, 0 updated, ${partial} unchanged, 0 rejected`,
      ),
    );
    expect(await count('select count(*)::int as n from events')).toBe(ROWS);
    // count is 1, 2, 3, 1, 2, 3, …: 33,333 full cycles of 6 events, then row 99,999 with 1.
    expect(await count('select sum(count)::int as n from events')).toBe(199_999);
    expect(await count('select sum(events)::int as n from usage_daily')).toBe(199_999);
    expect(await count('select sum(events)::int as n from usage_user_daily')).toBe(199_999);
  }, 120_000);
});

describe.skipIf(!inject('postgresUrl'))('pacer import events (PostgreSQL server, COPY)', () => {
  let server: ServerDatabase;
  let env: Record<string, string>;
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(text)).rows;
    } finally {
      await client.end();
    }
  };
  beforeAll(async () => {
    server = await serverDatabase(inject('postgresUrl'), 'pacer_import_events');
    env = { DATABASE_URL: server.url };
  });
  afterAll(async () => {
    await server?.drop();
  });

  it('loads what an interrupted run left exactly once, keeps events of unknown accounts, and counts each once', async () => {
    const dir = tempDir('import-events-pg');
    const accounts = join(dir, 'accounts.csv');
    writeFileSync(
      accounts,
      `externalId,name\n${Array.from({ length: 10 }, (_, a) => `acc${a},Account ${a}`).join('\n')}\n`,
    );
    expect(runPacer(['import', 'accounts', accounts], env).status).toBe(0);
    const contacts = join(dir, 'contacts.csv');
    writeFileSync(contacts, 'externalId,accountExternalId,name\nu-contact,acc1,Casey\n');
    expect(runPacer(['import', 'contacts', contacts], env).status).toBe(0);

    // Every 100th row names an account that does not exist; rows 10 and 10,001 carry the same message id.
    const rows = 12_000;
    const group = (i: number) => (i % 100 === 0 ? 'ghost' : `acc${i % 10}`);
    const messageId = (i: number) => (i === 10 || i === 10_001 ? 'm-dup' : i % 1000 === 7 ? `m-${i}` : '');
    const line = (i: number) =>
      `u${i % 50},${group(i)},${i % 2 ? 'login' : 'report'},2026-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z,${1 + (i % 3)},${messageId(i)}`;
    const header = 'userId,groupId,event,timestamp,count,messageId';
    const all = Array.from({ length: rows }, (_, i) => line(i));
    // The part an interrupted import had loaded: the first 5,000 rows.
    const partial = join(dir, 'partial.csv');
    writeFileSync(partial, `${header}\n${all.slice(0, 5000).join('\n')}\n`);
    const full = join(dir, 'events.csv');
    // Then, without a group: a contact's event (its account's) and a stranger's (kept until the user is known).
    const extra = ['u-contact,,login,2026-03-02T10:00:00Z,2,', 'u-stranger,,login,2026-03-02T10:00:00Z,1,'];
    writeFileSync(full, `${header}\n${[...all, ...extra].join('\n')}\nu1,acc1,bad\0name,2026-03-01T10:00:00Z,1,\n`);

    const first = runPacer(['import', 'events', partial], env);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^events: 5000 rows read, 5000 inserted, 0 updated, 0 unchanged, 0 rejected/);

    const second = runPacer(['import', 'events', full, '--chunk-size', '2000'], env);
    expect(second.stderr).toBe('');
    // Row 10,001 repeats the message id of row 10: it is not stored again.
    expect(second.stdout).toMatch(/^events: 12003 rows read, 7001 inserted, 0 updated, 5001 unchanged, 1 rejected/);
    expect(readFileSync(`${full}.rejects.csv`, 'utf8')).toBe(
      'line,reason,row\n12004,name: must not contain the character U+0000,"u1,acc1,bad\0name,2026-03-01T10:00:00Z,1,"\n',
    );

    // The contact's event counts 2.
    let attachedCount = 2;
    for (let i = 0; i < rows; i++) if (group(i) !== 'ghost' && i !== 10_001) attachedCount += 1 + (i % 3);
    const stored = async () => ({
      events: (await query('select count(*)::int as n, sum(count)::int as total from events'))[0],
      unattached: (await query('select count(*)::int as n from unattached_events'))[0],
      daily: (await query('select sum(events)::int as total from usage_daily'))[0],
      userDaily: (await query('select sum(events)::int as total from usage_user_daily'))[0],
      pending: (await query('select count(*)::int as n from usage_pending'))[0],
    });
    const expected = {
      events: { n: rows - 120 - 1 + 1, total: attachedCount },
      unattached: { n: 121 },
      daily: { total: attachedCount },
      userDaily: { total: attachedCount },
      pending: { n: 0 },
    };
    expect(await stored()).toEqual(expected);
    expect(
      await query(`select message_id, user_id from events where message_id in ('m-1007', 'm-10007') order by 1`),
    ).toEqual([
      { message_id: 'm-10007', user_id: 'u7' },
      { message_id: 'm-1007', user_id: 'u7' },
    ]);
    expect(await query(`select user_id from events where message_id = 'm-dup'`)).toEqual([{ user_id: 'u10' }]);
    expect(
      await query(
        `select a.external_id from events e join accounts a on a.id = e.account_id where e.user_id = 'u-contact'`,
      ),
    ).toEqual([{ external_id: 'acc1' }]);

    const again = runPacer(['import', 'events', full, '--chunk-size', '2000'], env);
    expect(again.stdout).toMatch(/^events: 12003 rows read, 0 inserted, 0 updated, 12002 unchanged, 1 rejected/);
    expect(await stored()).toEqual(expected);
  }, 120_000);
});
