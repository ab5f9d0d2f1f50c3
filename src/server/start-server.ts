import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Database } from '../db/database.js';
import { createApp } from './app.js';
import { startBackgroundJobs } from './background-jobs.js';
import { allowedHostsFor } from './host-allowlist.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startServer(database: Database, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const app = createApp(database, { hosts: allowedHostsFor(host) });
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
        const jobs = startBackgroundJobs(database);
        const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host === '127.0.0.1' ? 'localhost' : host;
        resolve({
          url: `http://${shownHost}:${info.port}`,
          port: info.port,
          close: async () => {
            await new Promise<void>((done) => server.close(() => done()));
            await jobs.stop();
          },
        });
      });
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use; choose another with --port`) : error,
        );
      });
    } catch (error) {
      reject(error);
    }
  });
}
