import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BacktestData, backtestChurnOn, EvaluationReport } from './evaluate-churn.js';

const BOOTSTRAP = fileURLToPath(new URL('../../bin/worker.js', import.meta.url));
const MODULE = new URL('./backtest-worker.ts', import.meta.url).href;

/**
 * Runs a churn backtest over collected data in a worker thread: it trains a model per month-end and seed, seconds to
 * minutes of CPU that must not block the server's event loop. Rejects with the backtest's own error message.
 */
export function backtestInWorker(
  collected: BacktestData,
  options: Parameters<typeof backtestChurnOn>[1],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<EvaluationReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { workerData: { module: MODULE, input: { collected, options } } });
    let settled = false;
    worker.on('message', (message: { report?: EvaluationReport; error?: string; done?: number; total?: number }) => {
      if (message.done !== undefined && message.total !== undefined) {
        onProgress(message.done, message.total);
        return;
      }
      settled = true;
      if (message.report) resolve(message.report);
      else reject(new Error(message.error ?? 'the backtest failed'));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the backtest worker stopped (exit code ${code}) before it answered`));
    });
  });
}
