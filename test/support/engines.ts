import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type Engine, openDatabase } from '../../src/db/database.js';

const TEMPLATE_DATABASE = 'pacer_test_template';

export interface TestEngine {
  engine: Engine;
  /** A fresh, migrated, empty database of this engine. */
  open(): Promise<Database>;
}

let counter = 0;

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
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        // A backend that just closed may still be leaving the template; PostgreSQL refuses to copy it until then.
        for (let attempt = 0; ; attempt++) {
          try {
            await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
            break;
          } catch (error) {
            if (attempt > 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
        await admin.end();
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        const database = await openDatabase({ databaseUrl: url.toString() });
        const close = database.close;
        return {
          ...database,
          async close() {
            await close();
            const dropper = new pg.Client({ connectionString: serverUrl });
            await dropper.connect();
            await dropper.query(`drop database if exists ${name} with (force)`);
            await dropper.end();
          },
        };
      },
    });
  }
  return engines;
}
