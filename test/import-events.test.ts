import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { runPacer } from './support/cli.js';

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
    const dir = mkdtempSync(join(tmpdir(), 'pacer-import-events-'));
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
