import type { Database } from '../db/database.js';
import { NotEnoughHistoryError, predictChurnRisk, trainChurn } from '../predict/churn-service.js';

/**
 * Trains the churn model on the generated world and scores every account as of its last day, so the demo opens
 * with the portfolio's risk column filled in rather than a minute after the first start (when the background job
 * would do it). A world too short to learn from keeps no risk, as a real one would. Returns the accounts scored.
 */
export async function scoreWorldChurn(database: Database, today: string): Promise<number> {
  try {
    await trainChurn(database.db, { today });
  } catch (error) {
    if (error instanceof NotEnoughHistoryError) return 0;
    throw error;
  }
  return (await predictChurnRisk(database.db, { asOf: today })).risks.length;
}
