#!/usr/bin/env node
// The web app's build (web/, Vite), made once per version of its sources and kept in node_modules/.cache/pacer/web/<key>,
// where the key is taken from every file under web/ (its content, not its time: a fresh clone has new times) and from
// package-lock.json (the versions of React, Vite… it is built with). `npm install` runs this (postinstall), so the
// first `npm start` opens the app at once; the server runs it too when the sources changed since (src/web/
// serve-web-app.ts). Nothing is fetched: Vite bundles what npm installed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'web');
const CACHE = join(ROOT, 'node_modules', '.cache', 'pacer', 'web');
// Raised when how the build is made changes, so that copies made by an earlier version are not used.
const FORMAT = 2;
const KEEP_MS = 24 * 60 * 60 * 1000;

/** Where the build of the current sources is (or will be): node_modules/.cache/pacer/web/<key>. */
export function webBuildDir() {
  const key = createHash('sha256').update(`${FORMAT}\n`);
  const files = readdirSync(WEB, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
  for (const file of files) key.update(`${relative(WEB, file)}\n`).update(readFileSync(file));
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(lock)) key.update(readFileSync(lock));
  return join(CACHE, key.digest('hex').slice(0, 24));
}

/** Builds the app unless this version is built already; the directory holding index.html and assets/. */
export async function buildWebApp({ quiet = false } = {}) {
  const dir = webBuildDir();
  if (existsSync(join(dir, 'index.html'))) return dir;
  const started = Date.now();
  if (!quiet) process.stdout.write('Building the web app (once per version)…\n');
  const { build } = await import('vite');
  // Built whole in a directory of its own, then renamed into place: a server never serves half a build.
  const partial = `${dir}.${process.pid}.partial`;
  // Always React's production build and JSX, whatever NODE_ENV the building process has: vitest sets "test", which
  // made a server started by a test build the development React into the cache npm start serves from. Vite and the
  // React plugin read NODE_ENV itself, so it is set for the build and put back.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(WEB, 'vite.config.ts'),
      root: WEB,
      logLevel: 'warn',
      mode: 'production',
      build: { outDir: partial, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  try {
    renameSync(partial, dir);
  } catch {
    // Another process built the same version first.
    rmSync(partial, { recursive: true, force: true });
  }
  for (const entry of readdirSync(CACHE)) {
    const path = join(CACHE, entry);
    try {
      if (path !== dir && Date.now() - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true });
    } catch {}
  }
  if (!quiet) process.stdout.write(`Built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildWebApp();
  } catch (error) {
    // An install must not fail for it: `pacer start` builds the app again when it is missing.
    process.stderr.write(`pacer: the web app was not built (${error.message}); pacer start will try again\n`);
  }
}
