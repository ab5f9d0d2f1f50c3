import { describe, expect, it } from 'vitest';
import type { GroupNode, MissingPolicy, Thresholds } from './scorecard.schema.js';
import { explainChange, type Override, scaleValue, scoreHealth } from './scorecard-math.js';

const thresholds: Thresholds = { red: 40, yellow: 70 };
const exclude: MissingPolicy = { kind: 'exclude' };

function scorecard(daysMissing: MissingPolicy = exclude): GroupNode {
  return {
    type: 'group',
    name: 'Health',
    weight: 1,
    mode: 'weighted',
    children: [
      {
        type: 'group',
        name: 'Usage',
        weight: 60,
        mode: 'weighted',
        children: [
          {
            type: 'measure',
            measure: 'licence',
            label: 'Licence utilisation',
            weight: 2,
            scale: { kind: 'linear', from: 0, to: 1 },
            missing: exclude,
          },
          {
            type: 'measure',
            measure: 'days_inactive',
            weight: 1,
            scale: {
              kind: 'bands',
              bands: [
                { max: 7, score: 100, color: 'green' },
                { min: 7, max: 30, score: 50, color: 'yellow' },
                { min: 30, score: 0, color: 'red' },
              ],
            },
            missing: daysMissing,
          },
        ],
      },
      {
        type: 'group',
        name: 'Voice',
        weight: 40,
        mode: 'worst',
        children: [
          { type: 'measure', measure: 'nps', weight: 1, scale: { kind: 'linear', from: 0, to: 10 }, missing: exclude },
          { type: 'measure', measure: 'csat', weight: 1, scale: { kind: 'linear', from: 1, to: 5 }, missing: exclude },
        ],
      },
    ],
  };
}

const asOf = '2026-11-24T00:00:00.000Z';

describe('scales', () => {
  it('maps linear scales with clamping, either direction', () => {
    expect(scaleValue(0.5, { kind: 'linear', from: 0, to: 1 }, thresholds).score).toBe(50);
    expect(scaleValue(1.7, { kind: 'linear', from: 0, to: 1 }, thresholds).score).toBe(100);
    expect(scaleValue(-3, { kind: 'linear', from: 0, to: 1 }, thresholds).score).toBe(0);
    // Lower is better: 3 open tickets on a 10 → 0 scale is 70.
    expect(scaleValue(3, { kind: 'linear', from: 10, to: 0 }, thresholds)).toEqual({ score: 70, color: 'green' });
  });

  it('uses each measure’s own bands: [min, max), first match', () => {
    const bands = scorecard().children[0] as GroupNode;
    const days = bands.children[1];
    if (days?.type !== 'measure') throw new Error('fixture');
    expect(scaleValue(6.9, days.scale, thresholds)).toEqual({ score: 100, color: 'green' });
    expect(scaleValue(7, days.scale, thresholds)).toEqual({ score: 50, color: 'yellow' });
    expect(scaleValue(45, days.scale, thresholds)).toEqual({ score: 0, color: 'red' });
  });
});

describe('weighted and worst-condition groups', () => {
  it('combines nested groups by weight, and a worst group by its lowest child', () => {
    // Usage = (2×50 + 1×50)/3 = 50; Voice = min(80, 25) = 25; overall = 0.6×50 + 0.4×25 = 40 → yellow (not < 40).
    const result = scoreHealth({
      root: scorecard(),
      thresholds,
      values: { licence: 0.5, days_inactive: 10, nps: 8, csat: 2 },
      asOf,
    });
    expect(result.score).toBeCloseTo(40, 10);
    expect(result.color).toBe('yellow');
    const points = Object.fromEntries(result.measures.map((m) => [m.measure, [m.effectiveWeight, m.points]]));
    expect(points.licence?.[0]).toBeCloseTo(0.4, 10); // 0.6 × 2/3
    expect(points.licence?.[1]).toBeCloseTo(20, 10);
    expect(points.days_inactive?.[1]).toBeCloseTo(10, 10);
    expect(points.csat?.[1]).toBeCloseTo(10, 10); // the worst of Voice carries its 0.4
    expect(points.nps?.[1]).toBe(0);
    expect(result.measures.reduce((sum, m) => sum + m.points, 0)).toBeCloseTo(40, 10);
  });
});

describe('missing values', () => {
  const values = { licence: 0.9, nps: 8, csat: 2 };

  it('excluded: the weight is shared among the measures present', () => {
    // Usage = licence alone = 90; overall = 0.6×90 + 0.4×25 = 64.
    const result = scoreHealth({ root: scorecard(exclude), thresholds, values, asOf });
    expect(result.score).toBeCloseTo(64, 10);
    expect(result.measures.find((m) => m.measure === 'days_inactive')).toMatchObject({
      missing: true,
      score: null,
      points: 0,
    });
  });

  it('fixed: a missing value scores as told', () => {
    // Usage = (2×90 + 1×0)/3 = 60; overall = 0.6×60 + 0.4×25 = 46.
    const result = scoreHealth({ root: scorecard({ kind: 'fixed', score: 0 }), thresholds, values, asOf });
    expect(result.score).toBeCloseTo(46, 10);
  });

  it('a group with nothing present drops out; no data at all gives no score rather than a made-up one', () => {
    // Voice missing: overall = Usage = (2×90 + 1×50)/3 = 76.67.
    const partial = scoreHealth({ root: scorecard(), thresholds, values: { licence: 0.9, days_inactive: 10 }, asOf });
    expect(partial.score).toBe(76.67);
    const none = scoreHealth({ root: scorecard(), thresholds, values: {}, asOf });
    expect(none).toMatchObject({ score: null, color: null });
  });
});

describe('overrides', () => {
  const values = { licence: 0.9, days_inactive: 10, nps: 8, csat: 2 };
  const base = { reason: 'CSAT survey went to the wrong person', by: 'kenji', expiresAt: '2026-12-31T00:00:00.000Z' };

  it('a measure override replaces that measure’s score and shows as overridden', () => {
    const override: Override = { ...base, measure: 'csat', score: 90 };
    // Voice = min(80, 90) = 80; overall = 0.6 × 76.67 + 0.4 × 80 = 78 → green.
    const result = scoreHealth({ root: scorecard(), thresholds, values, overrides: [override], asOf });
    expect(result.score).toBeCloseTo(78, 10);
    expect(result.color).toBe('green');
    expect(result.measures.find((m) => m.measure === 'csat')?.override).toEqual(override);
  });

  it('an overall colour override sets the colour, keeps the computed one beside it, and expires', () => {
    const override: Override = { ...base, measure: null, color: 'red', reason: 'Champion resigned yesterday' };
    const result = scoreHealth({ root: scorecard(), thresholds, values, overrides: [override], asOf });
    expect(result.color).toBe('red');
    expect(result.computedColor).toBe('yellow'); // 0.6 × 76.67 + 0.4 × 25 = 56
    const later = scoreHealth({
      root: scorecard(),
      thresholds,
      values,
      overrides: [override],
      asOf: '2027-01-01T00:00:00.000Z',
    });
    expect(later.color).toBe('yellow');
    expect(later.override).toBeUndefined();
  });
});

describe('overlapping overrides', () => {
  const values = { licence: 0.9, days_inactive: 10, nps: 8, csat: 2 };
  const made = (day: string) => `${day}T09:00:00.000Z`;
  const base = { by: 'kenji', expiresAt: null };
  const red: Override = {
    ...base,
    measure: null,
    color: 'red',
    reason: 'Budget freeze',
    createdAt: made('2026-11-01'),
  };
  const green: Override = {
    ...base,
    measure: null,
    color: 'green',
    reason: 'Freeze lifted, renewal signed',
    createdAt: made('2026-11-10'),
  };
  const csatHigh: Override = {
    ...base,
    measure: 'csat',
    score: 90,
    reason: 'Survey went to the wrong person',
    createdAt: made('2026-11-01'),
  };
  const csatLow: Override = {
    ...base,
    measure: 'csat',
    score: 10,
    reason: 'Escalation on the call',
    createdAt: made('2026-11-10'),
    endedAt: made('2026-11-20'),
  };
  const at = (day: string, overrides: Override[]) =>
    scoreHealth({ root: scorecard(), thresholds, values, overrides, asOf: `${day}T23:59:59.999Z` });

  it('the latest overall override wins, whatever order they are listed in', () => {
    // On 24 November both are live; green was made on the 10th, after red on the 1st.
    expect(at('2026-11-24', [red, green]).color).toBe('green');
    expect(at('2026-11-24', [green, red]).color).toBe('green');
    expect(at('2026-11-24', [red, green]).override?.reason).toBe('Freeze lifted, renewal signed');
    // On 5 November green was not made yet: red is in force.
    expect(at('2026-11-05', [green, red]).color).toBe('red');
  });

  it('the latest measure override wins while it lasts; the earlier one applies again once it is removed', () => {
    // Usage = (2 × 90 + 50) / 3 = 76.67. On the 15th CSAT is overridden to 10 (made the 10th, removed the 20th):
    // Voice = min(NPS 80, 10) = 10; overall = 0.6 × 76.67 + 0.4 × 10 = 50.
    expect(at('2026-11-15', [csatLow, csatHigh]).score).toBeCloseTo(50, 10);
    expect(at('2026-11-15', [csatHigh, csatLow]).measures.find((m) => m.measure === 'csat')?.score).toBe(10);
    // On the 24th the later one has been removed: CSAT 90 → Voice = min(80, 90) = 80; 46 + 32 = 78.
    expect(at('2026-11-24', [csatHigh, csatLow]).score).toBeCloseTo(78, 10);
    expect(at('2026-11-24', [csatLow, csatHigh]).measures.find((m) => m.measure === 'csat')?.override).toEqual(
      csatHigh,
    );
    // Before either was made: CSAT 2 scores 25 → Voice 25; 46 + 10 = 56.
    expect(at('2026-10-31', [csatHigh, csatLow]).score).toBeCloseTo(56, 10);
  });

  it('a removed override still applies on the day before its removal, and not on the day of it', () => {
    const removed: Override = { ...red, endedAt: made('2026-11-20') };
    expect(at('2026-11-19', [removed]).color).toBe('red');
    // Ended at 09:00 on the 20th: by the end of that day it no longer applies; computed 56 → yellow.
    expect(at('2026-11-20', [removed]).color).toBe('yellow');
    expect(at('2026-11-20', [removed]).override).toBeUndefined();
  });
});

describe('explaining a change', () => {
  it('names the measures that moved the score, by how many points, from what to what', () => {
    const before = scoreHealth({
      root: scorecard(),
      thresholds,
      values: { licence: 0.9, days_inactive: 10, nps: 8, csat: 2 },
      asOf,
    });
    const after = scoreHealth({
      root: scorecard(),
      thresholds,
      values: { licence: 0.45, days_inactive: 10, nps: 8, csat: 2 },
      asOf,
    });
    // Licence 90 → 45 points at weight 0.4: −18 points; overall 56 → 38.
    expect((after.score as number) - (before.score as number)).toBeCloseTo(-18, 10);
    const changes = explainChange(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ measure: 'licence', label: 'Licence utilisation', from: 0.9, to: 0.45 });
    expect(changes[0]?.points).toBeCloseTo(-18, 10);
  });

  it('credits a worst-of group’s drop to the measure that got worse, not to the one that stayed', () => {
    const score = (nps: number) =>
      scoreHealth({ root: scorecard(), thresholds, values: { licence: 0.5, days_inactive: 3, nps, csat: 4 }, asOf });
    const rescore = (values: Record<string, number | null | undefined>) =>
      scoreHealth({ root: scorecard(), thresholds, values, asOf });
    // Usage: (2 × 50 + 1 × 100) / 3 = 66.67, × 0.6 = 40. Voice is the worst of NPS (×10) and CSAT ((v − 1) × 25):
    // before NPS 8 → 80, CSAT 4 → 75, worst 75, × 0.4 = 30: overall 70. After NPS 3 → 30 is the worst, × 0.4 = 12:
    // overall 52. NPS alone moved it: −18; CSAT did not change and moved nothing.
    const before = score(8);
    const after = score(3);
    expect(before.score).toBeCloseTo(70, 6);
    expect(after.score).toBeCloseTo(52, 6);
    const changes = explainChange(before, after, rescore);
    expect(changes.map((c) => c.measure)).toEqual(['nps']);
    expect(changes[0]?.points).toBeCloseTo(-18, 6);
    // Without the scorecard to replay (another version), points are compared as stored: CSAT's weight moved to NPS.
    const compared = explainChange(before, after);
    expect(compared.find((c) => c.measure === 'csat')?.points).toBeCloseTo(-30, 6);
  });
});
