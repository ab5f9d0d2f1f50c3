import { describe, expect, it } from 'vitest';
import { measureGroups } from './measure-groups.js';
import type { GroupNode, MeasureNode } from './scorecard.schema.js';
import type { MeasureResult } from './scorecard-math.js';

const measure = (id: string): MeasureNode => ({
  type: 'measure',
  measure: id,
  label: id,
  weight: 1,
  scale: { kind: 'linear', from: 0, to: 1 },
  missing: { kind: 'exclude' },
});
const result = (id: string, points: number): MeasureResult => ({
  measure: id,
  label: id,
  value: 1,
  score: 100,
  color: 'green',
  effectiveWeight: points / 100,
  points,
  missing: false,
});

describe('measureGroups', () => {
  it('folds nested groups into the group under the root and adds up their points; loose measures first', () => {
    const root: GroupNode = {
      type: 'group',
      name: 'Customer health',
      weight: 1,
      mode: 'weighted',
      children: [
        measure('a'),
        {
          type: 'group',
          name: 'Usage',
          weight: 2,
          mode: 'worst',
          children: [
            measure('b'),
            { type: 'group', name: 'Inner', weight: 1, mode: 'weighted', children: [measure('c')] },
          ],
        },
        { type: 'group', name: 'Voice', weight: 1, mode: 'weighted', children: [measure('d')] },
      ],
    };
    // Usage = b 12.5 + c 7.5 = 20; Voice = d 0 (missing from the results counts 0); the root's own a = 30.
    expect(measureGroups(root, [result('a', 30), result('b', 12.5), result('c', 7.5)])).toEqual([
      { name: 'Customer health', mode: 'weighted', measures: ['a'], points: 30 },
      { name: 'Usage', mode: 'worst', measures: ['b', 'c'], points: 20 },
      { name: 'Voice', mode: 'weighted', measures: ['d'], points: 0 },
    ]);
  });
});
