import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/executor.js';
import { isoDate } from '../shared/fields.js';
import { isCurrency, rateProblem } from '../shared/money.js';

// The workspace's money settings: the currency figures are reported in, and the exchange rates that convert other
// currencies into it, each with the day it takes effect (a rate stays in force until a later one of its currency).

const currencyCode = () =>
  z.string().trim().toUpperCase().refine(isCurrency, { error: 'must be an ISO 4217 currency code such as EUR or JPY' });

/** A rate as a decimal text; a JSON number is read back as the shortest decimal that names it (0.0062 → "0.0062"). */
const decimalRate = () =>
  z.union([z.string(), z.number()], { error: 'must be a decimal such as 0.0062' }).transform((value, context) => {
    const text = typeof value === 'number' ? String(value) : value.trim();
    const problem = rateProblem(text);
    if (problem) {
      context.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return text;
  });

export const exchangeRateSchema = z.strictObject({
  currency: currencyCode().describe('The currency converted from.'),
  date: isoDate().describe('The day from which this rate is in force (until a later rate of the same currency).'),
  rate: decimalRate().describe(
    'How many units of the reporting currency one unit of this currency is worth, as a decimal (0.0062 EUR per JPY).',
  ),
});

/**
 * The account fields a tracking call never sets unless the workspace allows it: they are the CS team's (who owns the
 * account, where it is in its life, how it is covered, what it is called), not the product's.
 */
export const protectedAccountFields = ['name', 'owner', 'lifecycleStage', 'tier'] as const;
export type ProtectedAccountField = (typeof protectedAccountFields)[number];

export const trackingSettingsSchema = z.strictObject({
  mayUpdate: z
    .array(z.enum(protectedAccountFields, { error: `must be one of ${protectedAccountFields.join(', ')}` }))
    .max(protectedAccountFields.length)
    .refine((fields) => new Set(fields).size === fields.length, { error: 'names a field twice' })
    .describe(
      "Account fields a server ingest key's group() may change on an account that exists (traits name, owner — a team user's email or id —, lifecycleStage, tier). Default none. Browser keys never change a stored field.",
    ),
});
export type TrackingSettings = z.output<typeof trackingSettingsSchema>;
export const defaultTrackingSettings: TrackingSettings = { mayUpdate: [] };

export const workspaceSettingsSchema = z
  .strictObject({
    reportingCurrency: currencyCode()
      .nullable()
      .describe(
        'The currency MRR is reported in. Amounts in other currencies are converted at the rate in force on the day; without a rate they are kept apart, in their own currency.',
      ),
    rates: z.array(exchangeRateSchema).max(20_000).describe('Exchange rates into the reporting currency, each dated.'),
    tracking: trackingSettingsSchema
      .optional()
      .describe('What tracking calls (identify/group) may change. Left out: kept as it is.'),
  })
  .superRefine((settings, context) => {
    const seen = new Set<string>();
    settings.rates.forEach((rate, index) => {
      if (rate.currency === settings.reportingCurrency) {
        context.addIssue({
          code: 'custom',
          path: ['rates', index, 'currency'],
          message: `is the reporting currency: ${rate.currency} needs no rate`,
        });
      }
      const key = `${rate.currency} ${rate.date}`;
      if (seen.has(key)) {
        context.addIssue({
          code: 'custom',
          path: ['rates', index, 'date'],
          message: `${rate.currency} already has a rate dated ${rate.date}`,
        });
      }
      seen.add(key);
    });
    if (settings.reportingCurrency === null && settings.rates.length > 0) {
      context.addIssue({ code: 'custom', path: ['reportingCurrency'], message: 'required when rates are given' });
    }
  });

/** The settings as answered: rates always as decimal texts, exactly as they are used. */
export const workspaceSettingsOutput = z.object({
  reportingCurrency: z.string().nullable(),
  rates: z.array(
    z.object({
      currency: z.string(),
      date: z.string(),
      rate: z.string().describe('Units of the reporting currency for one unit of currency, as a decimal text.'),
    }),
  ),
  tracking: z.object({ mayUpdate: z.array(z.enum(protectedAccountFields)) }),
});

export type WorkspaceSettings = z.output<typeof workspaceSettingsSchema>;
export type ExchangeRate = WorkspaceSettings['rates'][number];
/** The settings as stored and read: every part filled in. */
export type StoredWorkspaceSettings = WorkspaceSettings & { tracking: TrackingSettings };

export const defaultWorkspaceSettings: StoredWorkspaceSettings = {
  reportingCurrency: null,
  rates: [],
  tracking: defaultTrackingSettings,
};

export async function readWorkspaceSettings(db: Executor): Promise<StoredWorkspaceSettings> {
  const { rows } = await sql<{
    value: Partial<WorkspaceSettings>;
  }>`select value from settings where key = 'workspace'`.execute(db);
  return { ...defaultWorkspaceSettings, ...(rows[0]?.value ?? {}) };
}

/** What tracking calls may change, read once per batch that holds identify or group calls. */
export async function readTrackingSettings(db: Executor): Promise<TrackingSettings> {
  return (await readWorkspaceSettings(db)).tracking;
}

/**
 * Stores the settings with the rates in a stable order (currency, then date), so reads and audits compare. Tracking
 * settings left out are kept as stored, so a client that knows only the money settings cannot reset them.
 */
export async function writeWorkspaceSettings(
  db: Executor,
  settings: WorkspaceSettings,
): Promise<StoredWorkspaceSettings> {
  const stored: StoredWorkspaceSettings = {
    reportingCurrency: settings.reportingCurrency,
    rates: [...settings.rates].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date)),
    tracking: settings.tracking ?? (await readTrackingSettings(db)),
  };
  await sql`insert into settings (key, value) values ('workspace', cast(${JSON.stringify(stored)} as jsonb))
    on conflict (key) do update set value = excluded.value, updated_at = now()`.execute(db);
  return stored;
}
