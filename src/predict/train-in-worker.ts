import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChurnModel, TrainingData } from './churn-model.js';

const BOOTSTRAP = fileURLToPath(new URL('../../bin/worker.js', import.meta.url));
const MODULE = new URL('./train-worker.ts', import.meta.url).href;

/** Trains a churn model in a worker thread: CPU-heavy fitting never blocks the server's event loop. */
export function trainInWorker(input: TrainingData): Promise<ChurnModel> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { workerData: { module: MODULE, input } });
    let settled = false;
    worker.once('message', (message: { model?: ChurnModel; error?: string }) => {
      settled = true;
      if (message.model) resolve(message.model);
      else reject(new Error(message.error ?? 'training failed'));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the training worker stopped (exit code ${code}) before it answered`));
    });
  });
}
