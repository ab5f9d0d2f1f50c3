import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

export const TEMPLATE_DATABASE = 'pacer_test_template';

/**
 * Migrates once per run: an embedded database dumped to a file that each test file loads (faster than initdb),
 * and, when a PostgreSQL server is given, a template database each test file copies.
 */
// Made in setup, not when the module loads: test files import TEMPLATE_DATABASE from here, and each would make one.
let dir: string | undefined;

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
  } else {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect().catch((error: Error) => {
      throw new Error(`cannot reach the test PostgreSQL at PACER_TEST_DATABASE_URL: ${error.message}`);
    });
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE}`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    await admin.end();
    const templateUrl = new URL(serverUrl);
    templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
    const template = await openDatabase({ databaseUrl: templateUrl.toString() });
    await migrate(template);
    await template.close();
    project.provide('postgresUrl', serverUrl);
  }
}

export function teardown() {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    postgresUrl: string;
  }
}
