import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { type ImportRequest, importFile } from '../src/importers/import-file.js';
import { testEngines } from './support/engines.js';
import { readRejects } from './support/rejects-file.js';
import { tempDir } from './support/temp-dir.js';

/** The reasons of a rejects file, in line order. */
const rejectReasons = (path: string) => readRejects(path).map(([, reason]) => reason);

describe.each(testEngines())('import values and missing fields on $engine', ({ open }) => {
  let database: Database;
  let dir: string;
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const load = (request: Omit<ImportRequest, 'file'> & { file: string }) => importFile(database, request);

  beforeEach(async () => {
    database = await open();
    dir = tempDir('import-values');
    await load({ kind: 'accounts', file: write('accounts.csv', 'external_id,name\nacme,Acme\nglobex,Globex\n') });
  });
  afterEach(async () => {
    await database.close();
  });

  it('says how to give a note its author for the whole file, and --set author does', async () => {
    const notes = write('notes.csv', 'account_external_id,body\nacme,Kickoff\nglobex,Renewal call\n');
    const first = await load({ kind: 'notes', file: notes });
    expect(first).toMatchObject({ inserted: 0, rejected: 2 });
    expect(rejectReasons(`${notes}.rejects.csv`)).toEqual([
      'author: required — add a column, or --set author=… for the whole file',
      'author: required — add a column, or --set author=… for the whole file',
    ]);

    const second = await load({ kind: 'notes', file: notes, mapping: { set: ['author=Kenji'] } });
    expect(second).toMatchObject({ inserted: 2, rejected: 0 });
  });

  it('an empty author cell is only required, since the column is there', async () => {
    const notes = write('notes-blank.csv', 'account_external_id,author,body\nacme,,Kickoff\n');
    await load({ kind: 'notes', file: notes });
    expect(rejectReasons(`${notes}.rejects.csv`)).toEqual(['author: required']);
  });

  it('says how to give survey answers their kind for the whole file', async () => {
    const surveys = write('surveys.csv', 'account_external_id,score\nacme,9\n');
    expect(await load({ kind: 'surveys', file: surveys })).toMatchObject({ inserted: 0, rejected: 1 });
    expect(rejectReasons(`${surveys}.rejects.csv`)).toEqual([
      'kind: required, one of nps, csat, ces — add a column, or --set kind=nps for the whole file',
    ]);
    expect(await load({ kind: 'surveys', file: surveys, mapping: { set: ['kind=nps'] } })).toMatchObject({
      inserted: 1,
      rejected: 0,
    });
  });

  it('reads European amounts with --decimal , --thousands . and refuses an ambiguous comma by default', async () => {
    const csv = write(
      'subscriptions.csv',
      'account_external_id,start_date,mrr,currency\nacme,2026-01-01,"1.234,50",EUR\nglobex,2026-01-01,"29,85",EUR\n',
    );
    const defaults = await load({ kind: 'subscriptions', file: csv });
    expect(defaults).toMatchObject({ inserted: 0, rejected: 2 });
    expect(rejectReasons(`${csv}.rejects.csv`)).toEqual([
      'mrr: "1.234,50" has a comma; say --decimal , or --thousands , for this file',
      'mrr: "29,85" has a comma; say --decimal , or --thousands , for this file',
    ]);

    const european = await load({ kind: 'subscriptions', file: csv, decimal: ',', thousands: '.' });
    expect(european).toMatchObject({ inserted: 2, rejected: 0 });
    const { rows } = await sql<{ mrr_minor: number }>`select mrr_minor from subscriptions
      order by mrr_minor`.execute(database.db);
    // 29,85 € → 2985 cents; 1.234,50 € → 1234.50 € → 123450 cents.
    expect(rows.map((row) => Number(row.mrr_minor))).toEqual([2985, 123450]);
  });

  it('reads "1,500" employees only with --thousands , (1500) or --decimal , (1.5 is not a head count)', async () => {
    const csv = write('employees.csv', 'external_id,name,employees\nacme,Acme,"1,500"\n');
    await load({ kind: 'accounts', file: csv });
    expect(rejectReasons(`${csv}.rejects.csv`)).toEqual([
      'employees: "1,500" has a comma; say --decimal , or --thousands , for this file',
    ]);
    expect(await load({ kind: 'accounts', file: csv, thousands: ',' })).toMatchObject({ updated: 1, rejected: 0 });
    const { rows } = await sql<{ employees: number }>`select employees from accounts
      where external_id = 'acme'`.execute(database.db);
    expect(rows).toEqual([{ employees: 1500 }]);
    // With a decimal comma "1,500" is one and a half, which the API refuses as a number of employees.
    await load({ kind: 'accounts', file: csv, decimal: ',' });
    expect(rejectReasons(`${csv}.rejects.csv`)).toHaveLength(1);
    expect(rejectReasons(`${csv}.rejects.csv`)[0]).toMatch(/^employees: /);
  });

  it('refuses the same mark for decimals and thousands', async () => {
    const csv = write('same.csv', 'external_id,name\nacme,Acme\n');
    await expect(load({ kind: 'accounts', file: csv, decimal: ',', thousands: ',' })).rejects.toThrow(
      /--thousands ,: the decimal mark is , already/,
    );
  });
});
