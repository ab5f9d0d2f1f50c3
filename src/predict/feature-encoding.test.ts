import { describe, expect, it } from 'vitest';
import { encode, fitEncoding, stackSnapshots } from './feature-encoding.js';
import type { FeatureSnapshot } from './feature-snapshot.js';

const snapshot = (asOf: string, ids: string[], columns: FeatureSnapshot['columns']): FeatureSnapshot => ({
  asOf,
  accountIds: ids,
  columns,
});

describe('feature encoding', () => {
  const ids = Array.from({ length: 200 }, (_, i) => `a${i}`);
  const training = snapshot('2025-01-31', ids, [
    { name: 'usage.events_30d', kind: 'numeric', values: ids.map((_, i) => (i % 4 === 0 ? null : i)) },
    { name: 'constant', kind: 'numeric', values: ids.map(() => 7) },
    {
      name: 'trait:plan',
      kind: 'categorical',
      values: ids.map((_, i) => (i < 120 ? 'basic' : i < 197 ? 'pro' : 'rare')),
    },
  ]);

  it('keeps informative columns, flags missing values, and gives common categories a column each', () => {
    const encoding = fitEncoding(training);
    expect(encoding.columns).toEqual([
      { source: 'usage.events_30d', kind: 'value' },
      { source: 'usage.events_30d', kind: 'missing' },
      // "rare" (3 of 200, under the minimum of 5) gets none; a constant column tells nothing.
      { source: 'trait:plan', kind: 'level', level: 'basic' },
      { source: 'trait:plan', kind: 'level', level: 'pro' },
    ]);
    const x = encode(
      encoding,
      snapshot(
        '2025-02-28',
        ['n1', 'n2'],
        [
          { name: 'usage.events_30d', kind: 'numeric', values: [null, 12] },
          { name: 'trait:plan', kind: 'categorical', values: ['pro', 'never seen'] },
        ],
      ),
    );
    expect(x.rows).toBe(2);
    expect(Array.from(x.values)).toEqual([Number.NaN, 1, 0, 1, 12, 0, 0, 0]);
  });

  it('stacks snapshots of several dates by column name; a count absent on a date is zero there', () => {
    const a = snapshot(
      '2025-01-31',
      ['x'],
      [
        { name: 'event.30d:Export', kind: 'numeric', values: [3] },
        { name: 'health.voice.latest_nps', kind: 'numeric', values: [9] },
      ],
    );
    const b = snapshot('2025-02-28', ['x', 'y'], [{ name: 'usage.events_30d', kind: 'numeric', values: [1, 2] }]);
    const stacked = stackSnapshots([a, b]);
    expect(stacked.accountIds).toEqual(['x', 'x', 'y']);
    expect(stacked.columns).toEqual([
      { name: 'event.30d:Export', kind: 'numeric', values: [3, 0, 0] },
      { name: 'health.voice.latest_nps', kind: 'numeric', values: [9, null, null] },
      { name: 'usage.events_30d', kind: 'numeric', values: [null, 1, 2] },
    ]);
  });
});
