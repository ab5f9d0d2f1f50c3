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

export const workspaceSettingsSchema = z
  .strictObject({
    reportingCurrency: currencyCode()
      .nullable()
      .describe(
        'The currency MRR is reported in. Amounts in other currencies are converted at the rate in force on the day; without a rate they are kept apart, in their own currency.',
      ),
    rates: z.array(exchangeRateSchema).max(20_000).describe('Exchange rates into the reporting currency, each dated.'),
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
});

export type WorkspaceSettings = z.output<typeof workspaceSettingsSchema>;
export type ExchangeRate = WorkspaceSettings['rates'][number];

export const defaultWorkspaceSettings: WorkspaceSettings = { reportingCurrency: null, rates: [] };

export async function readWorkspaceSettings(db: Executor): Promise<WorkspaceSettings> {
  const { rows } = await sql<{
    value: Partial<WorkspaceSettings>;
  }>`select value from settings where key = 'workspace'`.execute(db);
  return { ...defaultWorkspaceSettings, ...(rows[0]?.value ?? {}) };
}

/** Stores the settings with the rates in a stable order (currency, then date), so reads and audits compare. */
export async function writeWorkspaceSettings(db: Executor, settings: WorkspaceSettings): Promise<WorkspaceSettings> {
  const stored: WorkspaceSettings = {
    reportingCurrency: settings.reportingCurrency,
    rates: [...settings.rates].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date)),
  };
  await sql`insert into settings (key, value) values ('workspace', cast(${JSON.stringify(stored)} as jsonb))
    on conflict (key) do update set value = excluded.value, updated_at = now()`.execute(db);
  return stored;
}
