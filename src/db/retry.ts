// Chunks written side by side can deadlock on a shared key (one message id in two chunks); the loser is retried.
const RETRYABLE = new Set(['40P01', '40001']);
export const TRANSACTION_ATTEMPTS = 5;

/** A deadlock or serialization failure: the transaction may succeed when run again from the start. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && RETRYABLE.has(code);
}
