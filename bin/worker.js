// Starts a worker thread on one of Pacer's TypeScript modules, loaded as bin/pacer.js loads the main thread's.
import { workerData } from 'node:worker_threads';
import { sourceModule } from './load-sources.js';

await import(await sourceModule(workerData.module));
