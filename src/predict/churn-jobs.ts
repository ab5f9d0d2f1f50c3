import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { isoDay } from '../shared/calendar.js';
import { latestModel, predictChurnRisk, trainChurn } from './churn-service.js';

const DAY_MS = 86_400_000;

/**
 * The daily churn refresh: retrain when the model is a day old (or there is none yet and history allows one), then
 * rescore every account for today if that has not been done. Training follows the data's own calendar (an import that
 * ends in the past trains on its last day). Too little history is not an error: nothing to do yet.
 */
export async function refreshChurnRisk(database: Database, now = new Date()): Promise<'trained' | 'scored' | 'idle'> {
  const today = isoDay(now);
  let latest = await latestModel(database.db);
  let result: 'trained' | 'scored' | 'idle' = 'idle';
  if (!latest || now.getTime() - Date.parse(latest.trainedAt) >= DAY_MS) {
    try {
      await trainChurn(database.db, { today });
      latest = await latestModel(database.db);
      result = 'trained';
    } catch (error) {
      if (!/no history|too little history/.test((error as Error).message)) throw error;
      if (!latest) return 'idle';
    }
  }
  if (!latest) return result;
  const { rows } = await sql<{ scored: boolean }>`
    select exists (select 1 from churn_predictions where as_of = ${today}::date and model_id = ${latest.id}::uuid) as scored`.execute(
    database.db,
  );
  if (rows[0]?.scored && result === 'idle') return 'idle';
  await predictChurnRisk(database.db, { asOf: today });
  return result === 'trained' ? 'trained' : 'scored';
}
