// The record half of bench:import: a CRM export of accounts and of contacts naming their account by external id,
// with the CRM's own column names, loaded by importFile on PGlite (and on PostgreSQL when one runs); each against
// plain COPY of the same rows into the same tables of a fresh database, in the same run.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { v7 as uuidv7 } from 'uuid';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { importFile } from '../src/importers/import-file.js';

const ACCOUNTS = Number(process.env.BENCH_RECORD_ACCOUNTS ?? 100_000);
const CONTACTS = Number(process.env.BENCH_RECORD_CONTACTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const rate = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString('en');

const INDUSTRIES = ['Software', 'Retail', 'Healthcare', 'Finance', 'Logistics'];
const TITLES = ['CTO', 'VP Customer Success', 'Admin', 'Engineer', 'Analyst'];

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${line(i)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

// The same values the files hold, as the columns of the tables: what COPY loads.
const account = (i: number) => ({
  externalId: `ACC-${i}`,
  name: `Account ${i}`,
  industry: INDUSTRIES[i % INDUSTRIES.length] as string,
  employees: 10 + (i % 5000),
  country: i % 2 ? 'DE' : 'US',
  plan: i % 3 ? 'pro' : 'enterprise',
});
const contact = (i: number) => ({
  externalId: `CON-${i}`,
  account: `ACC-${i % ACCOUNTS}`,
  email: `person${i}@example.com`,
  name: `Person ${i}`,
  title: TITLES[i % TITLES.length] as string,
  active: i % 10 !== 0,
});

async function writeFiles(dir: string): Promise<{ accounts: string; contacts: string }> {
  const accounts = join(dir, 'crm-accounts.csv');
  const contacts = join(dir, 'crm-contacts.csv');
  await writeLines(accounts, 'Account ID,Account Name,Industry,Employees,Billing Country,Plan', ACCOUNTS, (i) => {
    const a = account(i);
    return `${a.externalId},${a.name},${a.industry},${a.employees},${a.country},${a.plan}`;
  });
  await writeLines(contacts, 'Contact ID,Account ID,E-mail,Full Name,Job Title,Active', CONTACTS, (i) => {
    const c = contact(i);
    return `${c.externalId},${c.account},${c.email},${c.name},${c.title},${c.active ? 'Yes' : 'No'}`;
  });
  return { accounts, contacts };
}

const ACCOUNT_MAP = ['externalId=Account ID,name=Account Name,employees=Employees,country=Billing Country'];
const CONTACT_MAP = ['externalId=Contact ID,accountExternalId=Account ID,email=E-mail,name=Full Name,title=Job Title'];

interface Engine {
  name: string;
  open(): Promise<Database>;
  /** COPY of text lines into a table of the database. */
  copy(database: Database, table: string, columns: string[], lines: string): Promise<void>;
  dispose(): Promise<void>;
}

function pgliteEngine(root: string): Engine {
  let made = 0;
  return {
    name: 'PGlite',
    async open() {
      const database = await openDatabase({ dataDir: join(root, `pglite-${made++}`) });
      await migrate(database);
      return database;
    },
    async copy(database, table, columns, lines) {
      await database.pglite?.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], {
        blob: new Blob([lines]),
      });
    },
    async dispose() {},
  };
}

function postgresEngine(serverUrl: string): Engine {
  let made = 0;
  const names: string[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL',
    async open() {
      const name = `bench_records_${process.pid}_${made++}`;
      names.push(name);
      await admin(`drop database if exists ${name}`);
      await admin(`create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ databaseUrl: url.toString() });
      await migrate(database);
      return database;
    },
    async copy(database, table, columns, lines) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await pipeline(
          Readable.from([Buffer.from(lines)]),
          client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)),
        );
      } finally {
        await client.end();
      }
    },
    async dispose() {
      for (const name of names.splice(0)) await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

/** Plain COPY of the same rows (with ids made beforehand, untimed) into the same tables of a fresh database. */
async function copyBaseline(engine: Engine): Promise<{ accounts: number; contacts: number }> {
  const database = await engine.open();
  try {
    const accountIds = Array.from({ length: ACCOUNTS }, () => uuidv7());
    const accountLines = accountIds
      .map((id, i) => {
        const a = account(i);
        return `${id}\t${a.externalId}\t${a.name}\t${a.industry}\t${a.employees}\t${a.country}\t${a.plan}\n`;
      })
      .join('');
    let started = performance.now();
    await engine.copy(
      database,
      'accounts',
      ['id', 'external_id', 'name', 'industry', 'employees', 'country', 'plan'],
      accountLines,
    );
    const accounts = (performance.now() - started) / 1000;
    let contacts = 0;
    // Lines of 100,000 rows at a time: a million in one string is more than PGlite's blob wants at once.
    for (let from = 0; from < CONTACTS; from += 100_000) {
      const lines: string[] = [];
      for (let i = from; i < Math.min(CONTACTS, from + 100_000); i++) {
        const c = contact(i);
        lines.push(
          `${accountIds[i % ACCOUNTS]}\t${uuidv7()}\t${c.externalId}\t${c.email}\t${c.name}\t${c.title}\t${c.active ? 't' : 'f'}\n`,
        );
      }
      started = performance.now();
      await engine.copy(
        database,
        'contacts',
        ['account_id', 'id', 'external_id', 'email', 'name', 'title', 'active'],
        lines.join(''),
      );
      contacts += (performance.now() - started) / 1000;
    }
    return { accounts, contacts };
  } finally {
    await database.close();
  }
}

interface RunResult {
  accounts: number;
  contacts: number;
  /** CPU seconds of this process during the contacts import: on PGlite the database's work too. */
  contactsCpu: number;
  again: number;
  copy: { accounts: number; contacts: number };
}

async function runOnce(engine: Engine, files: { accounts: string; contacts: string }): Promise<RunResult> {
  const database = await engine.open();
  try {
    const accounts = await importFile(database, {
      kind: 'accounts',
      file: files.accounts,
      mapping: { map: ACCOUNT_MAP },
    });
    const cpu = process.cpuUsage();
    const contacts = await importFile(database, {
      kind: 'contacts',
      file: files.contacts,
      mapping: { map: CONTACT_MAP },
    });
    const used = process.cpuUsage(cpu);
    const contactsCpu = (used.user + used.system) / 1e6;
    if (accounts.inserted !== ACCOUNTS || contacts.inserted !== CONTACTS) {
      throw new Error(`expected ${ACCOUNTS} and ${CONTACTS} inserted: ${JSON.stringify({ accounts, contacts })}`);
    }
    // The same file again: nothing changes, every row unchanged.
    const again = await importFile(database, { kind: 'accounts', file: files.accounts, mapping: { map: ACCOUNT_MAP } });
    if (again.unchanged !== ACCOUNTS) throw new Error(`re-import: ${JSON.stringify(again)}`);
    return {
      accounts: accounts.seconds,
      contacts: contacts.seconds,
      contactsCpu,
      again: again.seconds,
      copy: await copyBaseline(engine),
    };
  } finally {
    await database.close();
  }
}

export async function benchRecords(serverUrl: string | undefined): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pacer-bench-records-'));
  const engines = [pgliteEngine(dir), ...(serverUrl ? [postgresEngine(serverUrl)] : [])];
  try {
    const files = await writeFiles(dir);
    for (const engine of engines) {
      console.log(
        `bench:import records — ${ACCOUNTS.toLocaleString('en')} accounts, ${CONTACTS.toLocaleString('en')} contacts naming their account by external id, ${RUNS} runs, ${engine.name}`,
      );
      const results: RunResult[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await runOnce(engine, files);
        results.push(result);
        console.log(
          `  run ${run + 1}: accounts ${rate(ACCOUNTS, result.accounts)} rows/s (COPY ${rate(ACCOUNTS, result.copy.accounts)}), contacts ${rate(CONTACTS, result.contacts)} rows/s (COPY ${rate(CONTACTS, result.copy.contacts)}; ${rate(CONTACTS, result.contactsCpu)} rows per CPU-s of this process), accounts again (unchanged) ${rate(ACCOUNTS, result.again)} rows/s`,
        );
        await engine.dispose();
      }
      for (const [label, rows, pick] of [
        ['accounts', ACCOUNTS, (r: RunResult) => [r.accounts, r.copy.accounts]],
        ['contacts', CONTACTS, (r: RunResult) => [r.contacts, r.copy.contacts]],
      ] as const) {
        const seconds = median(results.map((r) => pick(r)[0] as number));
        const copy = median(results.map((r) => pick(r)[1] as number));
        console.log(
          `import ${label} on ${engine.name}: median ${rate(rows, seconds)} rows/s (${seconds.toFixed(1)} s); plain COPY median ${rate(rows, copy)} rows/s; import ÷ COPY ${(copy / seconds).toFixed(2)}`,
        );
      }
      console.log(
        `import accounts again on ${engine.name}: median ${rate(ACCOUNTS, median(results.map((r) => r.again)))} rows/s, all unchanged`,
      );
    }
  } finally {
    for (const engine of engines) await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
