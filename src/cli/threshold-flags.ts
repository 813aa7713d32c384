/** The warning thresholds' flags, for src/cli/options.ts (--help lists them last). */
import type { Thresholds } from '../settings';

/** The warning thresholds' flags: flag, help, and the Thresholds key of their default. */
export const THRESHOLD_FLAGS: readonly (readonly [string, string, keyof Thresholds])[] = [
  ['--min-observations <n>', 'INSUFFICIENT_DATA below this many returns', 'minObservations'],
  ['--min-correlation <r>', 'LOW_CORRELATION below this |correlation|', 'minCorrelation'],
  [
    '--break-p-value <p>',
    'CORRELATION_BREAK / BETA_BREAK: the level their break tests share',
    'breakPValue',
  ],
  [
    '--unstable-p-value <p>',
    'CORRELATION_UNSTABLE below this p-value of the dispersion test',
    'unstablePValue',
  ],
  [
    '--min-effectiveness <e>',
    'HEDGE_INEFFECTIVE below this out-of-sample effectiveness',
    'minEffectiveness',
  ],
  [
    '--max-hedge-correlation <r>',
    'COLLINEAR_HEDGES above this |correlation| between two hedges',
    'maxHedgeCorrelation',
  ],
  ['--max-vif <v>', 'COLLINEAR_HEDGES above this variance-inflation factor', 'maxVif'],
  ['--max-zero-returns <s>', 'STALE_PRICES above this share of zero returns', 'maxZeroReturns'],
  [
    '--max-funding-cost <f>',
    'FUNDING_COST when a hedge pays more than this fraction of its notional a year',
    'maxFundingCost',
  ],
];
