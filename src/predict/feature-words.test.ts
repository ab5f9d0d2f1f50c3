import { describe, expect, it } from 'vitest';
import { describeFeature } from './feature-words.js';

describe('a feature in words', () => {
  it('states MRR as money in the currency the snapshot is in, whatever its minor unit', () => {
    // 15000000 minor units of JPY (no minor unit) is ¥15,000,000; of USD (cents) it is $150,000; of IQD
    // (fils, three decimals) 15,000 dinars.
    expect(describeFeature('billing.mrr', 15_000_000, 'JPY')).toBe('MRR ¥15,000,000');
    expect(describeFeature('billing.mrr', 15_000_000, 'USD')).toBe('MRR $150,000');
    // ICU writes the code with a no-break space; which space is ICU's business.
    expect(describeFeature('billing.mrr', 15_000_000, 'IQD')).toMatch(/^MRR IQD\s15,000$/);
    // With no currency the amount cannot be stated in whole units: it is not guessed as cents.
    expect(describeFeature('billing.mrr', 15_000_000, null)).toBe('MRR');
    expect(describeFeature('billing.mrr', null, 'USD')).toBe('MRR unknown');
  });
});
