import { type MeasureId, measureCatalog } from './compute-measures.js';
import type { GroupNode, MeasureNode, Scale, Thresholds } from './scorecard.schema.js';

// The scorecards Pacer ships with. A team changes them through the API (each change is a new version); these are
// the first versions. Every measure has its own bands; a missing value leaves the measure out and its weight goes
// to the others, so an account without surveys is judged on what is known, not on a made-up zero.

export interface ScorecardDefinition {
  thresholds: Thresholds;
  /** Lifecycle stages this scorecard judges; empty = every stage no other scorecard claims. */
  appliesTo: { lifecycleStages: string[] };
  root: GroupNode;
}

const m = (measure: MeasureId, weight: number, scale: Scale): MeasureNode => ({
  type: 'measure',
  measure,
  label: measureCatalog[measure],
  weight,
  scale,
  missing: { kind: 'exclude' },
});
const group = (
  name: string,
  weight: number,
  children: (GroupNode | MeasureNode)[],
  mode: 'weighted' | 'worst' = 'weighted',
): GroupNode => ({
  type: 'group',
  name,
  weight,
  mode,
  children,
});
const linear = (from: number, to: number): Scale => ({ kind: 'linear', from, to });

const recency: Scale = {
  kind: 'bands',
  bands: [
    { max: 3, score: 100, color: 'green' },
    { min: 3, max: 7, score: 80, color: 'green' },
    { min: 7, max: 14, score: 50, color: 'yellow' },
    { min: 14, max: 30, score: 20, color: 'red' },
    { min: 30, score: 0, color: 'red' },
  ],
};
const yesIsGood: Scale = {
  kind: 'bands',
  bands: [
    { max: 0.5, score: 10, color: 'red' },
    { min: 0.5, score: 100, color: 'green' },
  ],
};
const noneIsGood: Scale = {
  kind: 'bands',
  bands: [
    { max: 1, score: 100, color: 'green' },
    { min: 1, max: 3, score: 40, color: 'yellow' },
    { min: 3, score: 0, color: 'red' },
  ],
};

const usage = group('Product usage', 40, [
  m('usage.licence_utilisation', 2, linear(0.1, 0.8)),
  m('usage.days_since_last_active', 2, recency),
  m('usage.stickiness', 1, linear(0.05, 0.4)),
  m('usage.breadth', 1, linear(0, 0.8)),
  m('usage.trend_30d', 1, {
    kind: 'bands',
    bands: [
      { max: -0.3, score: 15, color: 'red' },
      { min: -0.3, max: -0.1, score: 55, color: 'yellow' },
      { min: -0.1, score: 100, color: 'green' },
    ],
  }),
]);
const relationship = group('Relationship', 20, [
  m('relationship.champion_left_90d', 3, {
    kind: 'bands',
    bands: [
      { max: 1, score: 100, color: 'green' },
      { min: 1, score: 0, color: 'red' },
    ],
  }),
  m('relationship.champion_active', 2, yesIsGood),
  m('relationship.sponsor_active', 1, yesIsGood),
]);
const voice = group('Voice of the customer', 15, [
  m('voice.latest_nps', 2, linear(0, 10)),
  m('voice.latest_csat', 1, linear(1, 5)),
]);
const support = group('Support', 10, [
  m('support.open_tickets', 1, linear(8, 0)),
  m('support.urgent_tickets_90d', 1, noneIsGood),
]);
const sentiment = group('CSM judgement', 10, [m('sentiment.csm_90d', 1, linear(-2, 2))]);
const billing = group('Billing', 5, [
  m('billing.mrr_change_90d', 1, {
    kind: 'bands',
    bands: [
      { max: -0.1, score: 20, color: 'red' },
      { min: -0.1, max: 0, score: 60, color: 'yellow' },
      { min: 0, score: 100, color: 'green' },
    ],
  }),
]);

export const defaultScorecards: Record<string, ScorecardDefinition> = {
  'Customer health': {
    thresholds: { red: 40, yellow: 70 },
    appliesTo: { lifecycleStages: [] },
    root: group('Customer health', 1, [usage, relationship, voice, support, sentiment, billing]),
  },
  // Onboarding accounts are judged on getting to value: the magic moment, and early habits.
  Onboarding: {
    thresholds: { red: 40, yellow: 70 },
    appliesTo: { lifecycleStages: ['onboarding'] },
    root: group('Onboarding', 1, [
      group('Getting to value', 50, [
        m('onboarding.magic_moment_reached', 3, yesIsGood),
        m('usage.days_since_last_active', 2, recency),
        m('usage.breadth', 1, linear(0, 0.6)),
      ]),
      relationship,
      group('Early signals', 30, [
        m('support.urgent_tickets_90d', 1, noneIsGood),
        m('sentiment.csm_90d', 1, linear(-2, 2)),
      ]),
    ]),
  },
};
