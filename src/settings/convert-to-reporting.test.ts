import { describe, expect, it } from 'vitest';
import { converterOn, ratesInForce } from './convert-to-reporting.js';
import { workspaceSettingsSchema } from './workspace-settings.js';

const rates = [
  { currency: 'JPY', date: '2026-07-01', rate: '0.0065' },
  { currency: 'JPY', date: '2026-01-01', rate: '0.0062' },
  { currency: 'USD', date: '2026-06-01', rate: '0.92' },
];

describe('the rate in force on a day', () => {
  it('is the latest dated on or before the day, whatever order the table is in', () => {
    expect(ratesInForce(rates, '2025-12-31').size).toBe(0);
    expect(ratesInForce(rates, '2026-01-01').get('JPY')?.rate).toBe('0.0062');
    expect(ratesInForce(rates, '2026-06-30').get('JPY')?.rate).toBe('0.0062');
    expect(ratesInForce(rates, '2026-07-01').get('JPY')?.rate).toBe('0.0065');
    expect(ratesInForce(rates, '2026-06-30').get('USD')?.date).toBe('2026-06-01');
  });

  it('converts into the reporting currency, and says when it cannot', () => {
    const converter = converterOn({ reportingCurrency: 'EUR', rates }, '2026-06-30');
    // ¥150,000 × 0.0062 = €930.00.
    expect(converter.convert(150000, 'JPY')).toEqual({ minor: 93000, rate: '0.0062', rateDate: '2026-01-01' });
    expect(converter.convert(12345, 'EUR')).toEqual({ minor: 12345, rate: '1', rateDate: null });
    expect(converter.convert(100, 'GBP')).toBeNull();
    expect(converterOn({ reportingCurrency: null, rates: [] }, '2026-06-30').convert(100, 'EUR')).toBeNull();
  });
});

describe('the settings schema', () => {
  it('reads rates as decimal texts and names what it refuses', () => {
    const parsed = workspaceSettingsSchema.parse({
      reportingCurrency: 'eur',
      rates: [{ currency: 'jpy', date: '2026-01-01', rate: 0.0062 }],
    });
    expect(parsed).toEqual({
      reportingCurrency: 'EUR',
      rates: [{ currency: 'JPY', date: '2026-01-01', rate: '0.0062' }],
    });
    const refused = workspaceSettingsSchema.safeParse({
      reportingCurrency: 'EUR',
      rates: [
        { currency: 'EUR', date: '2026-01-01', rate: '1' },
        { currency: 'JPY', date: '2026-01-01', rate: '0' },
        { currency: 'JPY', date: '2026-01-01', rate: '0.0062' },
        { currency: 'XYZ', date: '2026-01-01', rate: '1e-3' },
      ],
    });
    expect(refused.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(
      [
        'rates.1.rate: must be more than 0',
        'rates.3.currency: must be an ISO 4217 currency code such as EUR or JPY',
        expect.stringMatching(/^rates\.3\.rate: must be a positive decimal/),
      ].concat([]),
    );
  });
});
