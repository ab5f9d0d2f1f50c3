import { describe, expect, it } from 'vitest';
import { describeChange } from './describe-change.js';

describe('describing a change in words', () => {
  it('writes ratios as percentages, days as days, and signed points', () => {
    expect(
      describeChange({
        measure: 'usage.licence_utilisation',
        label: 'Licence utilisation',
        from: 0.82,
        to: 0.41,
        points: -12.04,
      }),
    ).toBe('Licence utilisation 82% → 41%: −12 points');
    expect(
      describeChange({
        measure: 'usage.days_since_last_active',
        label: 'Days since last active',
        from: 1,
        to: 21,
        points: -8,
      }),
    ).toBe('Days since last active 1 day → 21 days: −8 points');
    expect(
      describeChange({ measure: 'relationship.champion_active', label: 'Champion', from: 1, to: 0, points: -6.3 }),
    ).toBe('Champion yes → no: −6.3 points');
    expect(
      describeChange({
        measure: 'usage.events_vs_baseline',
        label: 'Usage vs own 90-day baseline (30 days)',
        from: 1.1,
        to: 0.45,
        points: -9.2,
      }),
    ).toBe('Usage vs own 90-day baseline (30 days) 110% → 45%: −9.2 points');
    expect(describeChange({ measure: 'voice.latest_nps', label: 'Latest NPS', from: null, to: 9, points: 4 })).toBe(
      'Latest NPS no data → 9: +4 points',
    );
  });
});
