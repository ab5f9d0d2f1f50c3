import type { Database } from '../../src/db/database.js';
import { createApiKey } from '../../src/keys/api-keys.js';
import { startServer } from '../../src/server/start-server.js';

export interface TestServer {
  url: string;
  database: Database;
  /** The secret of an admin key made for the test; `call` sends it unless the headers carry `authorization`. */
  adminSecret: string;
  /**
   * JSON request to the running server as the test's admin; pass `{ authorization: '' }` to call with no
   * credentials, or another Authorization header to call as someone else.
   * The answer's status and parsed body.
   */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** A real Pacer HTTP server on a free port of 127.0.0.1, over the given database. */
export async function startTestServer(database: Database): Promise<TestServer> {
  const server = await startServer(database, 0);
  const url = `http://127.0.0.1:${server.port}`;
  const admin = await createApiKey(database.db, 'test admin', 'admin');
  return {
    url,
    database,
    adminSecret: admin.secret,
    async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const sent: Record<string, string> = {
        'content-type': 'application/json',
        authorization: `Bearer ${admin.secret}`,
        ...headers,
      };
      if (sent.authorization === '') delete sent.authorization;
      const response = await fetch(`${url}${path}`, {
        method,
        headers: sent,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async close() {
      await server.close();
      await database.close();
    },
  };
}
