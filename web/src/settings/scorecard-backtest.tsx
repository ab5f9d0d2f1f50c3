import type { Definition } from './scorecard-settings';

/** The proposed scorecard checked against history beside the current one (wired to the backtest endpoint next). */
export function ScorecardBacktest(_props: {
  name: string;
  current: Definition;
  proposed: Definition;
  changed: boolean;
}) {
  return null;
}
