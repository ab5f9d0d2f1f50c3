import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PACER = fileURLToPath(new URL('../../bin/pacer.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `pacer ARGS` to completion, as a user would in a terminal. */
export function runPacer(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): CliResult {
  const result = spawnSync(process.execPath, [PACER, ...args], {
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningPacer {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `pacer start ARGS --port 0` and waits for the URL it prints: 2 minutes by default, more for a first start
 * that generates the full demo world while the rest of the suite shares the machine.
 */
export function startPacer(
  args: string[],
  env: Record<string, string | undefined> = {},
  waitMs = 120_000,
): Promise<RunningPacer> {
  const child = spawn(process.execPath, [PACER, 'start', '--port', '0', ...args], {
    env: { ...process.env, DATABASE_URL: undefined, ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    // A start that never printed its URL is stopped, not left behind to compete with the rest of the suite.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pacer start printed no URL in ${waitMs / 1000} s:\n${output}`));
    }, waitMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1].replace('localhost', '127.0.0.1'),
          process: child,
          output: () => output,
          stop(signal = 'SIGTERM') {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pacer start exited with ${code}:\n${output}`));
    });
  });
}
