/**
 * What an estimator gives one position: the hedge ratios from all its returns, and the
 * expanding-window walk-forward its out-of-sample effectiveness is measured on, each with the
 * parameters the data decide (HedgeEstimator.fitParams) estimated from the returns it may see.
 */
import { MathError } from '../../errors';
import { fittedInput } from './fitted-input';
import { runTournament, type TournamentEntry } from './tournament';
import type { Candidate, EstimatorInput, HedgeEstimator, WalkBuffers, WalkForward } from './types';

export interface PositionEstimate {
  /** The ratios to apply now, one per regressor. */
  readonly ratios: number[];
  /** The walk-forward from ⌊n/2⌋, or null when it cannot be computed. */
  readonly walk: WalkForward | null;
  /**
   * The parameter values the ratios were computed with, by ParamSpec key (the estimated ones
   * filled in, in the data's units); null for an estimator without parameters.
   */
  readonly params: Readonly<Record<string, number>> | null;
  /** The name of the estimator whose ratios these are (a tournament's winner, e.g. `ewma-30`). */
  readonly name: string;
  /** A tournament's entrants with their scores (HedgeEstimator.candidates); null otherwise. */
  readonly entries: readonly TournamentEntry[] | null;
}

/**
 * The estimator's ratios on all n returns (parameters left to the data estimated from all of
 * them) and its walk-forward from ⌊n/2⌋ (parameters estimated from returns 0 … ⌊n/2⌋ − 1 only,
 * so that no ratio of the walk depends on the returns it hedges or later ones). A walk-forward
 * whose parameters cannot be estimated from the first half is null, like one whose first half
 * cannot be fitted.
 * @throws MathError when the ratios are undefined or their parameters cannot be estimated
 */
export function positionEstimate(
  estimator: HedgeEstimator,
  input: EstimatorInput,
  buffers?: WalkBuffers,
): PositionEstimate {
  const candidates = estimator.candidates?.();
  if (candidates !== undefined) return tournamentEstimate(candidates, input);
  const n = input.y.length;
  const full = fittedInput(estimator, input, n);
  const ratios = estimator.ratios(full);
  let walkInput: EstimatorInput | null = input;
  if (estimator.fitParams !== undefined) {
    try {
      walkInput = fittedInput(estimator, input, Math.floor(n / 2));
    } catch (e) {
      if (!(e instanceof MathError)) throw e;
      walkInput = null;
    }
  }
  const walk = walkInput === null ? null : estimator.walkForward(walkInput, buffers);
  const params: Record<string, number> = {};
  for (const p of estimator.params) params[p.key] = full.params[p.key] ?? NaN;
  const own = estimator.params.length === 0 ? null : params;
  return { ratios, walk, params: own, name: estimator.name, entries: null };
}

/**
 * A tournament's estimate: the winner's ratios on all n returns (./tournament.ts chooses it),
 * its walk-forward over the last third, its parameters, and every entrant's scores.
 */
function tournamentEstimate(
  candidates: readonly Candidate[],
  input: EstimatorInput,
): PositionEstimate {
  const result = runTournament(candidates, input);
  const winner = candidates[result.winner]!;
  const full = fittedInput(winner.estimator, { ...input, params: winner.params }, input.y.length);
  const params: Record<string, number> = {};
  for (const p of winner.estimator.params) params[p.key] = full.params[p.key] ?? NaN;
  return {
    ratios: winner.estimator.ratios(full),
    walk: result.lastThird,
    params: winner.estimator.params.length === 0 ? null : params,
    name: winner.name,
    entries: result.entries,
  };
}
