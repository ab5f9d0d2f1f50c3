import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import fs from 'node:fs';
const dir = process.argv[2];
const sync = process.argv[3] === 'sync';
let calls = 0;
const nodeFs = new NodeFS(dir);
if (sync) {
  const init = nodeFs.init.bind(nodeFs);
  nodeFs.init = async (pg, opts) => {
    const r = await init(pg, opts);
    r.emscriptenOpts.preRun = [...r.emscriptenOpts.preRun, (mod) => {
      mod.NODEFS.stream_ops.fsync = (stream) => { calls++; fs.fdatasyncSync(stream.nfd); return 0; };
    }];
    return r;
  };
}
const params = PGlite.defaultStartParams ?? [];
console.log('defaults', params.length);
const startParams = sync ? [...params.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'] : undefined;
const pg = await PGlite.create({ fs: nodeFs, startParams });
for (const s of ['fsync','wal_sync_method']) console.log(s, (await pg.query(`show ${s}`)).rows[0]);
await pg.exec('create table if not exists t (id serial primary key, v text)');
calls = 0;
const t0 = performance.now();
for (let i = 0; i < 50; i++) await pg.query('insert into t (v) values ($1)', ['x' + i]);
console.log('50 inserts ms', (performance.now() - t0).toFixed(1), 'fsync calls', calls);
calls = 0;
await pg.exec('checkpoint');
console.log('checkpoint fsync calls', calls);
await pg.close();
console.log('close calls', calls);
