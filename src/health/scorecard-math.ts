import type { Color, GroupNode, MeasureNode, Scale, ScorecardNode, Thresholds } from './scorecard.schema.js';

// Health scoring as plain functions: measure values in, a score with its reasons out. No database here.

export type MeasureValues = Record<string, number | null | undefined>;

export interface Override {
  /** A measure id, or null for the overall colour. */
  measure: string | null;
  score?: number;
  color?: Color;
  reason: string;
  expiresAt: string | null;
  by: string;
  /** When it was made (ISO instant). The latest live override of the whole score, or of a measure, is the one in
   * force. Snapshots stored before this was kept have none; their overrides count in the order listed. */
  createdAt?: string;
  /** When it was removed (ISO instant): it applies before then, not after. */
  endedAt?: string | null;
}

export interface MeasureResult {
  measure: string;
  label: string;
  value: number | null;
  /** 0–100, or null when the value is missing and the policy excludes it. */
  score: number | null;
  color: Color | null;
  /** This measure's share of the overall score, 0–1, after missing measures' weight was shared out. */
  effectiveWeight: number;
  /** Points this measure contributes to the overall score (effectiveWeight × score). */
  points: number;
  missing: boolean;
  override?: Override;
}

export interface HealthResult {
  score: number | null;
  color: Color | null;
  computedColor: Color | null;
  measures: MeasureResult[];
  override?: Override;
}

const clamp = (x: number) => Math.min(100, Math.max(0, x));

export function colorFor(score: number, thresholds: Thresholds): Color {
  if (score < thresholds.red) return 'red';
  if (score < thresholds.yellow) return 'yellow';
  return 'green';
}

/** A value's score (0–100) and, for bands, the measure's own colour. */
export function scaleValue(value: number, scale: Scale, thresholds: Thresholds): { score: number; color: Color } {
  if (scale.kind === 'bands') {
    const band = scale.bands.find(
      (b) => (b.min === undefined || value >= b.min) && (b.max === undefined || value < b.max),
    );
    if (band) return { score: band.score, color: band.color };
    // Outside every band: the nearest end band.
    const ordered = [...scale.bands].sort(
      (a, b) => (a.min ?? Number.NEGATIVE_INFINITY) - (b.min ?? Number.NEGATIVE_INFINITY),
    );
    const nearest = value < (ordered[0]?.min ?? Number.NEGATIVE_INFINITY) ? ordered[0] : ordered.at(-1);
    return { score: nearest?.score ?? 0, color: nearest?.color ?? 'red' };
  }
  const score = clamp(
    scale.from === scale.to ? (value >= scale.to ? 100 : 0) : ((value - scale.from) / (scale.to - scale.from)) * 100,
  );
  return { score, color: colorFor(score, thresholds) };
}

const isActive = (override: Override, asOf: string) =>
  (override.expiresAt === null || override.expiresAt > asOf) &&
  (override.endedAt == null || override.endedAt > asOf) &&
  (override.createdAt === undefined || override.createdAt <= asOf);

/** The overrides live at asOf, oldest first: a later one of the same target replaces an earlier one. */
function liveOverrides(overrides: Override[], asOf: string): Override[] {
  // Array sort is stable, so overrides without a creation time keep their listed order.
  return overrides
    .filter((o) => isActive(o, asOf))
    .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
}

// While a scorecard is walked, each measure's effectiveWeight holds its share of the node being scored (1 or 0 at
// the measure, scaled at every group above). A result belongs to one node only, so it is updated in place rather
// than copied at every level: a full rescore scores every account.
interface NodeScore {
  score: number | null;
  /** Measure results below this node, missing ones last, with their weight within the node in effectiveWeight. */
  parts: MeasureResult[];
}

const noOverrides = new Map<string, Override>();

function scoreMeasure(
  node: MeasureNode,
  values: MeasureValues,
  thresholds: Thresholds,
  override?: Override,
): NodeScore {
  const raw = values[node.measure];
  const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  const result: MeasureResult = {
    measure: node.measure,
    label: node.label ?? node.measure,
    value,
    score: null,
    color: null,
    effectiveWeight: 0,
    points: 0,
    missing: value === null,
  };
  if (value !== null) Object.assign(result, scaleValue(value, node.scale, thresholds));
  else if (node.missing.kind === 'fixed') {
    result.score = node.missing.score;
    result.color = colorFor(node.missing.score, thresholds);
  }
  if (override) {
    result.override = override;
    if (override.score !== undefined) {
      result.score = override.score;
      result.color = override.color ?? colorFor(override.score, thresholds);
    } else if (override.color) {
      result.color = override.color;
      // A colour set by hand scores as the middle of that colour's range.
      result.score =
        override.color === 'red'
          ? thresholds.red / 2
          : override.color === 'yellow'
            ? (thresholds.red + thresholds.yellow) / 2
            : (thresholds.yellow + 100) / 2;
    }
  }
  result.effectiveWeight = result.score === null ? 0 : 1;
  return { score: result.score, parts: [result] };
}

function scoreNode(
  node: ScorecardNode,
  values: MeasureValues,
  thresholds: Thresholds,
  overrides: Map<string, Override>,
): NodeScore {
  if (node.type === 'measure') return scoreMeasure(node, values, thresholds, overrides.get(node.measure));
  const children = node.children.map((child) => scoreNode(child, values, thresholds, overrides));
  const parts: MeasureResult[] = [];
  const missingParts: MeasureResult[] = [];
  let worst = -1;
  let totalWeight = 0;
  for (let i = 0; i < children.length; i++) {
    const scored = children[i] as NodeScore;
    if (scored.score === null) {
      for (const part of scored.parts) {
        part.effectiveWeight = 0;
        missingParts.push(part);
      }
      continue;
    }
    // The first of equal lowest scores is the worst.
    if (worst < 0 || scored.score < ((children[worst] as NodeScore).score as number)) worst = i;
    totalWeight += (node.children[i] as ScorecardNode).weight;
  }
  if (worst < 0) return { score: null, parts: missingParts };
  let score = 0;
  for (let i = 0; i < children.length; i++) {
    const scored = children[i] as NodeScore;
    if (scored.score === null) continue;
    const weight = (node.children[i] as ScorecardNode).weight;
    if (node.mode === 'weighted') score += (weight / totalWeight) * scored.score;
    for (const part of scored.parts) {
      // Worst: the worst child carries the whole group; the others are shown with no weight.
      if (node.mode === 'worst') {
        if (i !== worst) part.effectiveWeight = 0;
      } else part.effectiveWeight = (part.effectiveWeight * weight) / totalWeight;
      parts.push(part);
    }
  }
  for (const part of missingParts) parts.push(part);
  return { score: node.mode === 'worst' ? (children[worst] as NodeScore).score : score, parts };
}

export interface HealthInput {
  root: GroupNode;
  thresholds: Thresholds;
  values: MeasureValues;
  overrides?: Override[];
  asOf: string;
}

/**
 * Scores an account: the root group over its measure values, with the overrides live at asOf (made by then, not
 * expired or removed by then). Of several live overrides of the whole score, or of one measure, the latest made wins.
 */
export function scoreHealth(input: HealthInput): HealthResult {
  const active = input.overrides?.length ? liveOverrides(input.overrides, input.asOf) : [];
  // Later overrides are set last, so each measure keeps its latest.
  const byMeasure =
    active.length > 0
      ? new Map(active.filter((o) => o.measure !== null).map((o) => [o.measure as string, o]))
      : noOverrides;
  let overall: Override | undefined;
  for (const o of active) if (o.measure === null) overall = o;
  const scored = scoreNode(input.root, input.values, input.thresholds, byMeasure);
  for (const result of scored.parts) result.points = result.effectiveWeight * (result.score ?? 0);
  // Scores are shown and coloured to two decimals, so 39.99999… from float sums is the 40 it is on paper.
  const score = scored.score === null ? null : Math.round(scored.score * 100) / 100;
  const computedColor = score === null ? null : colorFor(score, input.thresholds);
  return {
    score,
    color: overall?.color ?? computedColor,
    computedColor,
    measures: scored.parts,
    ...(overall ? { override: overall } : {}),
  };
}

export interface MeasureChange {
  measure: string;
  label: string;
  from: number | null;
  to: number | null;
  /** Change in points contributed to the overall score. */
  points: number;
}

/**
 * Which measures moved a score between two results, largest effect first.
 *
 * With `rescore` (the later result's scorecard over other values), a measure whose value changed is credited with
 * what putting its earlier value back would undo: the later score minus the score with only that measure as it was.
 * A measure whose value did not change is credited with nothing, even when its points moved: in a worst-of group the
 * group's whole weight jumps from one child to another when a new worst appears, and without this the measure that
 * stayed put "lost" the points while the one that got worse "gained" them. Measures whose value stayed but whose
 * override changed keep the difference of their points. Without `rescore` (the two results come from different
 * scorecard versions) each measure's change is the difference of the points it contributed.
 */
export function explainChange(
  before: HealthResult,
  after: HealthResult,
  rescore?: (values: MeasureValues) => HealthResult,
): MeasureChange[] {
  const keys = new Set([...before.measures, ...after.measures].map((m) => m.measure));
  const afterValues: MeasureValues = Object.fromEntries(after.measures.map((m) => [m.measure, m.value]));
  const changes: MeasureChange[] = [];
  for (const key of keys) {
    const a = before.measures.find((m) => m.measure === key);
    const b = after.measures.find((m) => m.measure === key);
    const valueChanged = (a?.value ?? null) !== (b?.value ?? null);
    const overrideChanged = JSON.stringify(a?.override ?? null) !== JSON.stringify(b?.override ?? null);
    let points = (b?.points ?? 0) - (a?.points ?? 0);
    if (rescore && b && a) {
      if (valueChanged) {
        const undone = rescore({ ...afterValues, [key]: a.value });
        points = (after.score ?? 0) - (undone.score ?? 0);
      } else if (!overrideChanged) {
        points = 0;
      }
    }
    if (Math.abs(points) < 1e-9 && !valueChanged) continue;
    changes.push({
      measure: key,
      label: b?.label ?? a?.label ?? key,
      from: a?.value ?? null,
      to: b?.value ?? null,
      points,
    });
  }
  return changes.sort((x, y) => Math.abs(y.points) - Math.abs(x.points));
}
