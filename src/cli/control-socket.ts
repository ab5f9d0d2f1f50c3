import { createHash } from 'node:crypto';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database } from '../db/database.js';
import { type AdminArgs, runAdminCommand } from './admin-commands.js';

// While `pacer start` holds the embedded database, no other process may open it. So `pacer users …` and
// `pacer keys …` hand their command to the running server through a Unix socket beside the data, readable and
// writable by its owner only: whoever can use it could read the data directory anyway. One JSON line in, one out.

/** The socket of a data directory (in the temporary directory when the path would be too long for a socket). */
export function controlSocketPath(dataDir: string): string {
  const inData = join(resolve(dataDir), 'control.sock');
  if (Buffer.byteLength(inData) < 100) return inData;
  const digest = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(tmpdir(), `pacer-${digest}.sock`);
}

interface Request {
  command: string;
  args: AdminArgs;
  actor: string;
}

type Reply = { ok: true; output: string } | { ok: false; error: string };

export interface ControlSocket {
  close(): Promise<void>;
}

/** Serves admin commands for the running server's database. */
export function listenForAdminCommands(database: Database, dataDir: string): Promise<ControlSocket> {
  const path = controlSocketPath(dataDir);
  // A socket file left by a process killed outright: the data-directory lock says nobody else owns it now.
  rmSync(path, { force: true });
  const server: Server = createServer((socket) => {
    let input = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      input += chunk;
      if (input.length > 64 * 1024) socket.destroy();
      const newline = input.indexOf('\n');
      if (newline < 0) return;
      const answer = async (): Promise<Reply> => {
        try {
          const request = JSON.parse(input.slice(0, newline)) as Request;
          const actor = typeof request.actor === 'string' ? request.actor.slice(0, 200) : 'cli';
          return { ok: true, output: await runAdminCommand(database, request.command, request.args ?? {}, actor) };
        } catch (error) {
          return { ok: false, error: (error as Error).message };
        }
      };
      void answer().then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
    });
    socket.on('error', () => socket.destroy());
  });
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      chmodSync(path, 0o600);
      resolveListen({
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            rmSync(path, { force: true });
          }),
      });
    });
  });
}

/**
 * Sends an admin command to the server running on this data directory; undefined when none listens (then the
 * command opens the database itself).
 */
export function sendAdminCommand(
  dataDir: string,
  command: string,
  args: AdminArgs,
  actor: string,
): Promise<string | undefined> {
  const path = controlSocketPath(dataDir);
  if (!existsSync(path)) return Promise.resolve(undefined);
  return new Promise((resolveReply, reject) => {
    const socket = createConnection(path);
    let output = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ command, args, actor })}\n`));
    socket.on('data', (chunk: string) => {
      output += chunk;
    });
    socket.on('end', () => {
      try {
        const reply = JSON.parse(output) as Reply;
        if (reply.ok) resolveReply(reply.output);
        else reject(new Error(reply.error));
      } catch {
        reject(new Error('the running Pacer gave no answer to the command'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // Nobody listens behind a leftover socket file: the server is gone.
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolveReply(undefined);
      else reject(error);
    });
  });
}
