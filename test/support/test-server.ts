import type { Database } from '../../src/db/database.js';
import { startServer } from '../../src/server/start-server.js';

export interface TestServer {
  url: string;
  database: Database;
  /** JSON request to the running server; the answer's status and parsed body. */
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
  return {
    url,
    database,
    async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
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
