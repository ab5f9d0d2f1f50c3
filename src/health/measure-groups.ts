import type { GroupNode } from './scorecard.schema.js';
import type { MeasureResult } from './scorecard-math.js';

// The scorecard's groups as the account page shows its breakdown: each group under the root with the measures below
// it (nested groups folded into the one they sit in) and the points they add to the overall score together.

export interface MeasureGroup {
  name: string;
  mode: 'weighted' | 'worst';
  /** Measure ids below the group, in the scorecard's order. */
  measures: string[];
  /** Points the group's measures add to the overall score (the sum of their points). */
  points: number;
}

function measuresBelow(node: GroupNode): string[] {
  return node.children.flatMap((child) => (child.type === 'measure' ? [child.measure] : measuresBelow(child)));
}

export function measureGroups(root: GroupNode, measures: MeasureResult[]): MeasureGroup[] {
  const points = new Map(measures.map((m) => [m.measure, m.points]));
  const groups: MeasureGroup[] = [];
  const loose: string[] = [];
  for (const child of root.children) {
    if (child.type === 'measure') loose.push(child.measure);
    else groups.push({ name: child.name, mode: child.mode, measures: measuresBelow(child), points: 0 });
  }
  // Measures straight under the root form a group of the root's name.
  if (loose.length > 0) groups.unshift({ name: root.name, mode: root.mode, measures: loose, points: 0 });
  for (const group of groups) group.points = group.measures.reduce((sum, id) => sum + (points.get(id) ?? 0), 0);
  return groups;
}
