// How bin/pacer.js and bin/worker.js run Pacer's TypeScript sources with no build step between a clone and a run.
//
// The sources (src/**/*.ts, tests aside) are compiled once, each file on its own by esbuild (types stripped, nothing
// bundled, a source map inline), into node_modules/.cache/pacer/<key>, where the key is taken from every source's
// path, size and time: a changed source makes a new copy on the next run. Later runs load that copy as plain
// JavaScript. Loading the sources through tsx's module hooks instead cost about a second of every start (every
// module, dependencies included, goes through the hooks' thread). Each compiled file keeps its source's
// import.meta.url, so paths made from it (migrations/, package.json, bin/worker.js) are the same either way, and
// stack traces name the sources' lines. When no copy can be made (a read-only install, say), the sources run through
// tsx as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = join(ROOT, 'src');
const CACHE = join(ROOT, 'node_modules', '.cache', 'pacer');
// Raised when what this file writes changes, so that copies made by an earlier version are not used.
const FORMAT = 3;
// Dependencies the copy loads from one file each, bundled by esbuild, instead of from their package: kysely's ESM
// build is some 400 modules, which took 180 ms of every start to load (bundled: 35 ms).
const BUNDLED = ['kysely'];
const IMPORTS_OF_BUNDLED = new RegExp(`(\\bfrom |\\bimport\\()"(${BUNDLED.join('|')})"`, 'g');
// Copies made this long before are deleted when a new one is made (not at once: a process running from one may still
// load a module from it).
const KEEP_MS = 24 * 60 * 60 * 1000;

/** The sources a run can load: every .ts file under src but the tests. */
function sourceFiles() {
  return readdirSync(SOURCES, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

async function compile(files, target) {
  const { version } = createRequire(import.meta.url)('esbuild/package.json');
  const key = createHash('sha256').update(`${FORMAT} ${version} ${target}\n`);
  for (const name of BUNDLED) {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
    key.update(`${name} ${manifest.version}\n`);
  }
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    key.update(`${relative(SOURCES, file)} ${size} ${mtimeMs}\n`);
  }
  const dir = join(CACHE, key.digest('hex').slice(0, 24));
  try {
    statSync(join(dir, 'package.json'));
    return dir;
  } catch {}
  // Made whole in a directory of this thread's own, then renamed into place: a run never loads half a copy, and
  // runs starting together (a test suite's) each make one and keep whichever was renamed first.
  const { buildSync, transformSync } = await import('esbuild');
  const partial = `${dir}.${process.pid}-${threadId}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const bundle = (name) => join(partial, '_bundled', `${name}.js`);
  for (const name of BUNDLED) {
    buildSync({
      entryPoints: [name],
      absWorkingDir: ROOT,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target,
      outfile: bundle(name),
      logLevel: 'silent',
    });
  }
  for (const file of files) {
    const out = join(partial, relative(SOURCES, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    const { code } = transformSync(readFileSync(file, 'utf8'), {
      loader: 'ts',
      format: 'esm',
      target,
      sourcefile: file,
      sourcemap: 'inline',
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(file).href) },
    });
    const fromOut = (name) => {
      const path = relative(dirname(out), bundle(name));
      return path.startsWith('..') ? path : `./${path}`;
    };
    writeFileSync(
      out,
      code.replace(IMPORTS_OF_BUNDLED, (_, keyword, name) => `${keyword}"${fromOut(name)}"`),
    );
  }
  // Under node_modules, Node would take the files for CommonJS without it.
  writeFileSync(join(partial, 'package.json'), '{ "type": "module" }\n');
  try {
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true });
    statSync(join(dir, 'package.json'));
  }
  for (const entry of readdirSync(CACHE)) {
    const path = join(CACHE, entry);
    try {
      if (path !== dir && Date.now() - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Deleted meanwhile by another run making its copy.
    }
  }
  return dir;
}

let compiled;

/**
 * The URL to import for a source file (a path or file: URL under src): its compiled copy, else the source itself with
 * tsx registered to load it.
 */
export async function sourceModule(source) {
  const file = source.startsWith('file:') ? fileURLToPath(source) : source;
  compiled ??= compile(sourceFiles(), `node${process.versions.node.split('.')[0]}`).catch(async () => {
    const { register } = await import('tsx/esm/api');
    register();
    return undefined;
  });
  const dir = await compiled;
  if (!dir) return pathToFileURL(file).href;
  // Stack traces name the sources' files and lines (each copy carries its source map).
  process.setSourceMapsEnabled(true);
  return pathToFileURL(join(dir, relative(SOURCES, file)).replace(/\.ts$/, '.js')).href;
}
