import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { lockDataDir } from './data-dir-lock.js';

describe('the data directory lock', () => {
  it('refuses a directory another live process holds, naming it', () => {
    const dir = tempDir('lock');
    // pid 1 is always alive: it stands for another Pacer process.
    writeFileSync(join(dir, 'pacer.lock'), '1\n');
    expect(() => lockDataDir(dir)).toThrow(/in use by another Pacer process \(pid 1\)/);
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tempDir('lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, 'pacer.lock'), `${dead}\n`);
    const lock = lockDataDir(dir);
    lock.release();
    expect(existsSync(join(dir, 'pacer.lock'))).toBe(false);
  });

  it('refuses a second open in the same process and frees the directory on release', () => {
    const dir = tempDir('lock');
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/already open in this process/);
    lock.release();
    lockDataDir(dir).release();
  });
});
