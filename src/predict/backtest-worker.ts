import { parentPort, workerData } from 'node:worker_threads';
import { backtestChurnOn } from './evaluate-churn.js';

// Runs in a worker thread (started through bin/worker.js): the churn backtest's training, off the event loop.
const { input } = workerData as {
  input: { collected: Parameters<typeof backtestChurnOn>[0]; options: Parameters<typeof backtestChurnOn>[1] };
};
try {
  const report = backtestChurnOn(input.collected, input.options, (done, total) =>
    parentPort?.postMessage({ done, total }),
  );
  parentPort?.postMessage({ report });
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
