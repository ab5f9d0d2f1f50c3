import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PACER = fileURLToPath(new URL('../../bin/pacer.js', import.meta.url));

export interface PacerServer {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * `pacer start --port 0 --no-demo ARGS` in its own process, as a user runs it; resolves with the port it printed.
 * BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
 */
export function startPacerServer(env: Record<string, string | undefined>, args: string[] = []): Promise<PacerServer> {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, PACER, 'start', '--port', '0', '--no-demo', ...args], {
    env: { ...process.env, ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        resolve({
          port: Number(match[1]),
          pid: child.pid as number,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
}
