import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

/**
 * The migrated template on the PostgreSQL server, one per run: two runs on one server (two checkouts of Pacer, or CI
 * beside a developer) would otherwise migrate one shared template under each other's feet.
 */
const templateDatabase = `pacer_test_template_${process.pid}`;

/**
 * Migrates once per run: an embedded database dumped to a file that each test file loads (faster than initdb),
 * and, when a PostgreSQL server is given, a template database each test file copies.
 */
// Made in setup, not when the module loads: test files import TEMPLATE_DATABASE from here, and each would make one.
let dir: string | undefined;
let dropTemplate: (() => Promise<void>) | undefined;

export async function setup(project: TestProject) {
  dir = mkdtempSync(join(tmpdir(), 'pacer-test-'));
  const embedded = await openDatabase({});
  await migrate(embedded);
  const dump = await embedded.pglite?.dumpDataDir('none');
  await embedded.close();
  const dumpPath = join(dir, 'migrated.tar');
  writeFileSync(dumpPath, Buffer.from(await (dump as Blob).arrayBuffer()));
  project.provide('pgliteDump', dumpPath);

  const serverUrl = process.env.PACER_TEST_DATABASE_URL;
  if (!serverUrl) {
    if (process.env.PACER_REQUIRE_POSTGRES === '1') {
      throw new Error('PACER_REQUIRE_POSTGRES=1 but PACER_TEST_DATABASE_URL is not set: the server suite may not skip');
    }
    process.stdout.write(
      '\n[pacer] PostgreSQL server suite SKIPPED: PACER_TEST_DATABASE_URL is not set. Point it at a PostgreSQL 15+ server\n' +
        '        (a user that may create databases), e.g. postgres://postgres@127.0.0.1:5432/postgres — CI always does.\n\n',
    );
    project.provide('postgresUrl', '');
    project.provide('postgresTemplate', '');
  } else {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect().catch((error: Error) => {
      throw new Error(`cannot reach the test PostgreSQL at PACER_TEST_DATABASE_URL: ${error.message}`);
    });
    await admin.query(`drop database if exists ${templateDatabase}`);
    await admin.query(`create database ${templateDatabase}`);
    await admin.end();
    const templateUrl = new URL(serverUrl);
    templateUrl.pathname = `/${templateDatabase}`;
    const template = await openDatabase({ databaseUrl: templateUrl.toString() });
    await migrate(template);
    await template.close();
    project.provide('postgresUrl', serverUrl);
    project.provide('postgresTemplate', templateDatabase);
    dropTemplate = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${templateDatabase}`);
      await client.end();
    };
  }
}

export async function teardown() {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await dropTemplate?.().catch(() => {});
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    postgresUrl: string;
    postgresTemplate: string;
  }
}
