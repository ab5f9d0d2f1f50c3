// Starts a worker thread on a TypeScript module (through tsx, as bin/pacer.js does for the main thread).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
