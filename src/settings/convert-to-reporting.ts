import { convertMinorUnits } from '../shared/money.js';
import type { ExchangeRate, WorkspaceSettings } from './workspace-settings.js';

// Converting amounts into the reporting currency at the rate in force on a day: the latest rate of the currency
// dated on or before that day. Pure, so features, the risk list and tests share one rule.

export interface Conversion {
  /** The amount in minor units of the reporting currency. */
  minor: number;
  /** The rate used, as given ('1' for the reporting currency itself), and the day it is dated. */
  rate: string;
  rateDate: string | null;
}

export interface Converter {
  reportingCurrency: string | null;
  /** The amount in the reporting currency, or null when the currency has no rate in force on the day. */
  convert(minor: number, currency: string): Conversion | null;
}

/** The rate in force on `day` for each currency: the latest dated on or before it. */
export function ratesInForce(rates: readonly ExchangeRate[], day: string): Map<string, ExchangeRate> {
  const inForce = new Map<string, ExchangeRate>();
  for (const rate of rates) {
    if (rate.date > day) continue;
    const current = inForce.get(rate.currency);
    if (!current || rate.date > current.date) inForce.set(rate.currency, rate);
  }
  return inForce;
}

export function converterOn(settings: WorkspaceSettings, day: string): Converter {
  const reporting = settings.reportingCurrency;
  const inForce = ratesInForce(settings.rates, day);
  return {
    reportingCurrency: reporting,
    convert(minor, currency) {
      if (reporting === null) return null;
      if (currency === reporting) return { minor, rate: '1', rateDate: null };
      const rate = inForce.get(currency);
      if (!rate) return null;
      return { minor: convertMinorUnits(minor, currency, reporting, rate.rate), rate: rate.rate, rateDate: rate.date };
    },
  };
}
