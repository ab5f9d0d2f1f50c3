import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/executor.js';

export const usageSettingsSchema = z.strictObject({
  keyFeatures: z
    .array(z.string().trim().min(1).max(200))
    .max(200)
    .describe('Event names that mark the key features: breadth is the share of them an account used in 30 days.'),
  magicMomentEvent: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullable()
    .optional()
    .describe('The event that marks the first moment of real value (onboarding measures), if there is one.'),
  eventRetentionDays: z
    .number()
    .int()
    .min(30, { error: 'must be at least 30 days' })
    .max(3650)
    .describe('Raw events older than this are deleted; the daily rollups are kept forever.'),
});

export type UsageSettings = z.infer<typeof usageSettingsSchema>;

export const defaultUsageSettings: UsageSettings = { keyFeatures: [], magicMomentEvent: null, eventRetentionDays: 400 };

export async function readUsageSettings(db: Executor): Promise<UsageSettings> {
  const { rows } = await sql<{ value: Partial<UsageSettings> }>`select value from settings where key = 'usage'`.execute(
    db,
  );
  return { ...defaultUsageSettings, ...(rows[0]?.value ?? {}) };
}

export async function writeUsageSettings(db: Executor, settings: UsageSettings): Promise<void> {
  await sql`insert into settings (key, value) values ('usage', cast(${JSON.stringify(settings)} as jsonb))
    on conflict (key) do update set value = excluded.value, updated_at = now()`.execute(db);
}
