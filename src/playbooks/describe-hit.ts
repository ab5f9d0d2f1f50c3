import { type MeasureId, measureCatalog } from '../health/compute-measures.js';
import type { PlaybookTrigger } from './playbook.schema.js';

// Why a playbook hits an account, in the words a CSM reads ("Health turned red on 2026-12-01 (score 38); renews in
// 41 days"). The structured facts travel beside the sentence so the web app can word them in its own language.

export type HitFacts =
  | { kind: 'health_colour'; colour: string; turnedOn: string | null; score: number | null }
  | { kind: 'score_dropped'; fromScore: number; fromDay: string; toScore: number; days: number }
  | { kind: 'risk_above'; risk: number; threshold: number }
  | { kind: 'measure_threshold'; measure: string; value: number; above: number | null; below: number | null }
  | { kind: 'renewal_within'; renewalDate: string; daysLeft: number; score: number | null }
  | { kind: 'nps_answer'; score: number; answeredOn: string }
  | { kind: 'note_tagged'; tag: string; notedOn: string }
  | { kind: 'lifecycle_stage'; stage: string; enteredOn: string }
  | { kind: 'champion_left'; contactName: string | null; role: string; leftOn: string };

export type TriggerKind = PlaybookTrigger['kind'];

const round = (value: number) => Math.round(value);
const percent = (value: number) => `${Math.round(value * 100)}%`;
const stageWords = (stage: string) => stage.replace(/_/g, ' ');
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Ratios (utilisation, stickiness, chance alive) read as percentages; counts and days as they are. */
function measureValue(measure: string, value: number): string {
  const ratio = /utilisation|stickiness|probability_alive|trend_30d|events_vs_baseline|mrr_change/.test(measure);
  return ratio ? percent(value) : String(Math.round(value * 100) / 100);
}

/** One trigger's reason as a clause. */
export function describeFacts(facts: HitFacts): string {
  switch (facts.kind) {
    case 'health_colour': {
      const score = facts.score === null ? '' : ` (score ${round(facts.score)})`;
      return facts.turnedOn
        ? `Health turned ${facts.colour} on ${facts.turnedOn}${score}`
        : `Health is ${facts.colour}${score}`;
    }
    case 'score_dropped':
      return `Health score fell ${round(facts.fromScore - facts.toScore)} points in ${plural(facts.days, 'day')} (from ${round(facts.fromScore)} on ${facts.fromDay} to ${round(facts.toScore)})`;
    case 'risk_above':
      return `Churn risk ${percent(facts.risk)} (threshold ${percent(facts.threshold)})`;
    case 'measure_threshold': {
      // A yes/no measure reads as a statement, not as "0 (below 1)".
      if (facts.measure === 'onboarding.magic_moment_reached')
        return facts.value >= 1 ? 'Magic moment reached' : 'Magic moment not reached yet';
      const label = measureCatalog[facts.measure as MeasureId] ?? facts.measure;
      const bound =
        facts.above !== null && facts.value > facts.above
          ? `above ${measureValue(facts.measure, facts.above)}`
          : `below ${measureValue(facts.measure, facts.below ?? 0)}`;
      return `${label} ${measureValue(facts.measure, facts.value)} (${bound})`;
    }
    case 'renewal_within': {
      const when = facts.daysLeft === 0 ? 'renews today' : `renews in ${plural(facts.daysLeft, 'day')}`;
      const health = facts.score === null ? '' : ` with health ${round(facts.score)}`;
      return `${when[0]?.toUpperCase()}${when.slice(1)} (${facts.renewalDate})${health}`;
    }
    case 'nps_answer':
      return `NPS answer ${facts.score} on ${facts.answeredOn} (${facts.score <= 6 ? 'detractor' : 'promoter'})`;
    case 'note_tagged':
      return `Note tagged “${facts.tag}” on ${facts.notedOn}`;
    case 'lifecycle_stage':
      return `Entered ${stageWords(facts.stage)} on ${facts.enteredOn}`;
    case 'champion_left':
      return `${stageWords(facts.role)[0]?.toUpperCase()}${stageWords(facts.role).slice(1)} ${facts.contactName ?? '(unnamed contact)'} deactivated on ${facts.leftOn}`;
  }
}

/** Every trigger that fired, as one sentence: clauses joined by semicolons, the first one capitalised. */
export function describeHit(facts: HitFacts[]): string {
  const text = facts.map(describeFacts).join('; ');
  return text.length > 0
    ? `${text[0]?.toUpperCase()}${text.slice(1).replace(/; ([A-Z])(?=[a-z])/g, (_, c: string) => `; ${c.toLowerCase()}`)}`
    : '';
}
