import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { type ImportRequest, importFile } from '../src/importers/import-file.js';
import { testEngines } from './support/engines.js';
import { readRejects } from './support/rejects-file.js';
import { tempDir } from './support/temp-dir.js';

// The set-based path (bulk-plans.ts, upsert-records.ts) must count, reject and keep rows exactly as writing them one
// by one through the API's upsert did; each case is small enough to work out by hand.
describe.each(testEngines())('record imports, set-based, on $engine', ({ open }) => {
  let database: Database;
  let dir: string;
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const load = (request: ImportRequest) => importFile(database, request);
  const query = async <R>(text: ReturnType<typeof sql<R>>) => (await text.execute(database.db)).rows;

  beforeEach(async () => {
    database = await open();
    dir = tempDir('import-records');
  });
  afterEach(async () => {
    await database.close();
  });

  it('counts inserted, updated and unchanged; a re-run changes nothing; bad rows are rejected, good ones kept', async () => {
    const accounts = write(
      'accounts.csv',
      [
        'Account ID,Account Name,Employees,Owner',
        'a1,Acme,10,', // line 2: inserted
        'a2,Globex,20,', // line 3: inserted
        ',Nameless,5,', // line 4: no external id
        'a3,,7,', // line 5: new without a name
        'a1,Acme Corp,10,', // line 6: a1 again, renamed: updated
        'a2,Globex,20,', // line 7: a2 again, the same: unchanged
        // line 8: an owner that is no user: only the database knows (a foreign key), the rest of its shape is kept.
        'a4,Initech,30,0190a0b4-0000-7000-8000-000000000000',
        'a5,Hooli,-1,', // line 9: refused by the schema
        'a6,Umbrella,40,', // line 10: inserted
      ].join('\n'),
    );
    const map = { map: ['externalId=Account ID,name=Account Name,ownerId=Owner'] };
    const first = await load({ kind: 'accounts', file: accounts, mapping: map });
    // Inserted a1, a2, a6; a1 renamed on line 6; a2 unchanged on line 7; lines 4, 5, 8 and 9 rejected.
    expect(first).toMatchObject({ rowsRead: 9, inserted: 3, updated: 1, unchanged: 1, rejected: 4 });
    const reasons = readRejects(`${accounts}.rejects.csv`);
    expect(reasons.map(([line]) => line)).toEqual([4, 5, 8, 9]);
    expect(reasons[0]?.[1]).toBe('externalId: required for import');
    expect(reasons[1]?.[1]).toBe('name: required');
    expect(reasons[2]?.[1]).toMatch(/^ownerId: /);
    expect(reasons[3]?.[1]).toBe('employees: must be 0 or more');
    expect(
      await query(sql<{ external_id: string; name: string; employees: number }>`select external_id, name, employees
        from accounts order by external_id`),
    ).toEqual([
      { external_id: 'a1', name: 'Acme Corp', employees: 10 },
      { external_id: 'a2', name: 'Globex', employees: 20 },
      { external_id: 'a6', name: 'Umbrella', employees: 40 },
    ]);

    const before = await query(sql`select external_id, updated_at from accounts order by external_id`);
    // Again: a1 is renamed "Acme" by line 2 and back to "Acme Corp" by line 6 (two updates); the rest unchanged.
    const again = await load({ kind: 'accounts', file: accounts, mapping: map });
    expect(again).toMatchObject({ inserted: 0, updated: 2, unchanged: 3, rejected: 4 });
    const after = await query(sql`select external_id, updated_at from accounts order by external_id`);
    expect(after.slice(1)).toEqual(before.slice(1));

    // One audit entry per import, with its counts.
    const audit = await query(sql<{ changes: Record<string, unknown> }>`select changes from audit_log
      where entity = 'import' order by at`);
    expect(audit).toHaveLength(2);
    expect(audit[1]?.changes).toMatchObject({ rowsRead: 9, inserted: 0, updated: 2, unchanged: 3, rejected: 4 });
  });

  it('an empty cell leaves the stored value; a parent by external id goes through the API, in the same chunk', async () => {
    write('a.csv', 'external_id,name,employees,industry\np1,Parent,100,Retail\nc1,Child,5,Retail\n');
    await load({ kind: 'accounts', file: join(dir, 'a.csv') });
    const partial = write('b.csv', 'external_id,name,employees,industry,parent_external_id\nc1,Child,,Software,p1\n');
    expect(await load({ kind: 'accounts', file: partial })).toMatchObject({ updated: 1, rejected: 0 });
    const [child] = await query(sql<{ employees: number; industry: string; parent: string }>`select c.employees,
        c.industry, p.external_id as parent
      from accounts c join accounts p on p.id = c.parent_id where c.external_id = 'c1'`);
    expect(child).toEqual({ employees: 5, industry: 'Software', parent: 'p1' });
  });

  it('contacts name their account by external id; unknown accounts, moves and duplicates are judged per row', async () => {
    await load({ kind: 'accounts', file: write('a.csv', 'external_id,name\nacme,Acme\nglobex,Globex\n') });
    const contacts = write(
      'contacts.csv',
      [
        'Contact ID,Account ID,E-mail,Active',
        'k1,acme,k1@acme.test,Yes', // line 2: inserted
        'k2,nowhere,k2@acme.test,Yes', // line 3: no such account
        'k3,,k3@acme.test,Yes', // line 4: a new contact needs an account
        'k4,globex,not-an-email,Yes', // line 5: refused by the schema
        'k5,globex,k5@globex.test,No', // line 6: inserted
        'k1,globex,k1@acme.test,Yes', // line 7: k1 cannot move to globex
        'k5,globex,k5@globex.test,Yes', // line 8: k5 again, now active: updated
      ].join('\n'),
    );
    const map = { map: ['externalId=Contact ID,accountExternalId=Account ID,email=E-mail'] };
    const first = await load({ kind: 'contacts', file: contacts, mapping: map });
    expect(first).toMatchObject({ rowsRead: 7, inserted: 2, updated: 1, unchanged: 0, rejected: 4 });
    expect(readRejects(`${contacts}.rejects.csv`)).toEqual([
      [3, 'accountExternalId: no account has the external id "nowhere"'],
      [4, 'accountId: required (or accountExternalId)'],
      [5, 'email: must be an email address'],
      [7, 'accountId: a record cannot move to another account; create a new one there instead'],
    ]);
    expect(
      await query(sql<{ external_id: string; account: string; active: boolean }>`select c.external_id,
          a.external_id as account, c.active
        from contacts c join accounts a on a.id = c.account_id order by c.external_id`),
    ).toEqual([
      { external_id: 'k1', account: 'acme', active: true },
      { external_id: 'k5', account: 'globex', active: true },
    ]);
    // Again, in chunks of two rows: k1 unchanged; k5 set inactive (line 6) then active again (line 8).
    const again = await load({ kind: 'contacts', file: contacts, mapping: map, chunkSize: 2 });
    expect(again).toMatchObject({ inserted: 0, updated: 2, unchanged: 1, rejected: 4 });
  });
  it('notes and survey answers are inserted once by the hash of their content; a contact reference goes row by row', async () => {
    await load({ kind: 'accounts', file: write('a.csv', 'external_id,name\nacme,Acme\n') });
    await load({ kind: 'contacts', file: write('c.csv', 'external_id,account_external_id\nk1,acme\n') });
    const notes = write(
      'notes.csv',
      [
        'account_external_id,contact_external_id,author,body,tags,occurred_at',
        'acme,,Kenji,Kickoff,"kickoff; champion",2026-03-01', // line 2: inserted
        'acme,,Kenji,Kickoff,"kickoff; champion",2026-03-01', // line 3: the same content: unchanged
        'nowhere,,Ana,Budget cut,,2026-03-02', // line 4: no such account
        'acme,k1,Ana,Call with k1,,2026-03-03', // line 5: names a contact: the API's path, inserted
        'acme,,Ana,No date,,', // line 6: inserted, occurred now
      ].join('\n'),
    );
    expect(await load({ kind: 'notes', file: notes })).toMatchObject({ inserted: 3, unchanged: 1, rejected: 1 });
    expect(readRejects(`${notes}.rejects.csv`)).toEqual([
      [4, 'accountExternalId: no account has the external id "nowhere"'],
    ]);
    const stored = await query(sql<{ body: string; tags: string[]; contact: string | null }>`select n.body, n.tags,
        c.external_id as contact
      from notes n left join contacts c on c.id = n.contact_id order by n.body`);
    expect(stored).toEqual([
      { body: 'Call with k1', tags: [], contact: 'k1' },
      { body: 'Kickoff', tags: ['kickoff', 'champion'], contact: null },
      { body: 'No date', tags: [], contact: null },
    ]);
    // Again: every note is found by its key, the one without a date too (its key is of the row, not of the time).
    expect(await load({ kind: 'notes', file: notes })).toMatchObject({ inserted: 0, unchanged: 4, rejected: 1 });

    const surveys = write(
      'surveys.csv',
      'account_external_id,kind,score,answered_at\nacme,NPS,9,2026-03-01\nacme,CSAT,7,2026-03-01\nacme,CES,7,2026-03-02\n',
    );
    // A CSAT answer is 1–5: line 3 is refused with the API's reason; NPS 9 and CES 7 are inserted.
    expect(await load({ kind: 'surveys', file: surveys })).toMatchObject({ inserted: 2, rejected: 1 });
    expect(readRejects(`${surveys}.rejects.csv`)).toEqual([[3, 'score: a CSAT score is from 1 to 5']]);
  });
});
