import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type Engine, openDatabase } from '../../src/db/database.js';

export interface TestEngine {
  engine: Engine;
  /** A fresh, migrated, empty database of this engine. */
  open(): Promise<Database>;
}

let counter = 0;

/** A backend that just closed may still be leaving a database; PostgreSQL refuses to copy or drop it until then. */
async function retryWhileInUse(work: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await work();
      return;
    } catch (error) {
      if (attempt > 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await retryWhileInUse(() => client.query(statement));
  } finally {
    await client.end();
  }
}

/** The engines the integration suite runs against: always the embedded one, and the server when there is one. */
export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [
    {
      engine: 'pglite',
      async open() {
        const dump = readFileSync(inject('pgliteDump'));
        return openDatabase({ loadDataDir: new Blob([dump]) });
      },
    },
  ];
  const serverUrl = inject('postgresUrl');
  if (serverUrl) {
    engines.push({
      engine: 'postgres',
      async open() {
        const name = `pacer_test_${process.pid}_${Date.now()}_${counter++}`;
        await onServer(serverUrl, `create database ${name} template ${inject('postgresTemplate')}`);
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        const database = await openDatabase({ databaseUrl: url.toString() });
        return {
          ...database,
          async close() {
            await database.close();
            await onServer(serverUrl, `drop database if exists ${name}`);
          },
        };
      },
    });
  }
  return engines;
}

export interface ServerDatabase {
  /** Its connection URL, for DATABASE_URL or a pg client. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own on the test server, for tests that run the pacer command against it: empty (the command
 * migrates it), or a copy of the migrated template.
 */
export async function serverDatabase(
  serverUrl: string,
  prefix: string,
  options: { migrated?: boolean } = {},
): Promise<ServerDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now()}_${counter++}`;
  await onServer(
    serverUrl,
    `create database ${name}${options.migrated ? ` template ${inject('postgresTemplate')}` : ''}`,
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `drop database if exists ${name}`) };
}
