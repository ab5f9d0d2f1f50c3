import { parentPort, workerData } from 'node:worker_threads';
import { trainChurnModel } from './churn-model.js';

// Runs in a worker thread (started through bin/worker.js): fits the model so the server's event loop stays free.
const { input } = workerData as { input: Parameters<typeof trainChurnModel>[0] };
try {
  parentPort?.postMessage({ model: trainChurnModel(input) });
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
