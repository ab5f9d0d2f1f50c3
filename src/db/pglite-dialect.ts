import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import { createMutex, type Mutex } from '../shared/mutex.js';

// PGlite is one connection. Kysely hands a connection to one caller at a time (a whole transaction included),
// so the mutex here is what keeps two requests from interleaving inside one BEGIN … COMMIT.
export function pgliteDialect(pglite: PGlite, mutex: Mutex = createMutex()): Dialect {
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const result = await pglite.query<R>(query.sql, [...query.parameters]);
      return {
        rows: result.rows,
        numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
      };
    },
    // biome-ignore lint/correctness/useYield: PGlite has no server-side cursors over this API
    async *streamQuery() {
      throw new Error('streaming queries are not supported on the embedded database');
    },
  };
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      await mutex.lock();
      return connection;
    },
    async beginTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('begin'));
    },
    async commitTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('commit'));
    },
    async rollbackTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('rollback'));
    },
    async releaseConnection() {
      mutex.unlock();
    },
    async destroy() {},
  };
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
