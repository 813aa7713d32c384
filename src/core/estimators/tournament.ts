/**
 * `--estimator auto`'s tournament: each entrant (an estimator with fixed parameters) is scored by
 * walk-forward out-of-sample effectiveness, 1 − Var(e_t)/Var(y_t) (src/core/diagnostics/
 * effectiveness.ts), on two disjoint parts of the sample: the middle third, t = ⌊n/3⌋ … 2⌊n/3⌋ − 1,
 * chooses the winner (the best selectionEffectiveness if it beats the first entrant, OLS, by more
 * than TOURNAMENT_MARGIN, else OLS); the last third, t = 2⌊n/3⌋ … n − 1, reports how the choice
 * hedged returns it was not chosen on (outOfSample): a choice scored on the returns it was chosen
 * on flatters itself.
 *
 * No look-ahead: the middle third is the walk-forward of the first 2⌊n/3⌋ returns (it starts at
 * half of them), with parameters left to the data fitted on returns before ⌊n/3⌋; the last third
 * is the tail of the walk-forward of all n returns (from ⌊n/2⌋, parameters fitted before it).
 * Every walk-forward hedges return t with a ratio from returns before t only.
 */
import { MathError } from '../../errors';
import { outOfSampleEffectiveness } from '../diagnostics/effectiveness';
import { fittedInput } from './fitted-input';
import type { Candidate, EstimatorInput, WalkForward } from './types';

/**
 * How much better than the first entrant (OLS) on the middle third another must hedge to win:
 * one point of effectiveness. On a stable market the entrants' differences are noise (GARCH-t
 * returns): chosen without a margin, 36 of 60 simulated stable markets left OLS, losing up to
 * 0.031 on the last third; with 0.005, 2 of 60, still up to 0.031; with 0.01, none, while 54 of
 * 60 markets whose beta drifts still chose a time-varying entrant (n = 1,000, seeds 1–60;
 * `npm run calibration` prints the same study).
 */
export const TOURNAMENT_MARGIN = 0.01;

/** One entrant's scores. */
export interface TournamentEntry {
  readonly name: string;
  /** Out-of-sample effectiveness on the middle third (null: its walk-forward is impossible). */
  readonly selectionEffectiveness: number | null;
  /** Out-of-sample effectiveness on the last third (null: impossible). */
  readonly outOfSample: number | null;
}

export interface TournamentResult {
  readonly entries: TournamentEntry[];
  /** Index of the winner in the candidates (the first when none could be scored). */
  readonly winner: number;
  /** The winner's walk-forward over the last third (null when impossible). */
  readonly lastThird: WalkForward | null;
}

/** The first m values of v (a view when it is a Float64Array). */
function head(v: ArrayLike<number>, m: number): ArrayLike<number> {
  return v instanceof Float64Array ? v.subarray(0, m) : Array.from({ length: m }, (_, i) => v[i]!);
}

/** The candidate's walk-forward of the first m returns (from ⌊m/2⌋), or null. */
function walkOf(c: Candidate, input: EstimatorInput, m: number): WalkForward | null {
  const part: EstimatorInput = {
    y: head(input.y, m),
    xs: input.xs.map((x) => head(x, m)),
    intercept: input.intercept,
    params: c.params,
    ...(input.exps !== undefined && { exps: input.exps }),
  };
  try {
    return c.estimator.walkForward(fittedInput(c.estimator, part, Math.floor(m / 2)));
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
}

/** The walk-forward's errors from return `from` on, as a walk-forward of its own. */
function tailOf(wf: WalkForward | null, from: number): WalkForward | null {
  if (wf === null || from < wf.start) return null;
  return { start: from, errors: wf.errors.subarray(from - wf.start), lastRatios: wf.lastRatios };
}

/** A score, or null when it is not a finite number. */
function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}

/**
 * The tournament of the candidates on the input (see the module comment). Cost: two
 * walk-forwards per candidate.
 */
export function runTournament(
  candidates: readonly Candidate[],
  input: EstimatorInput,
  margin = TOURNAMENT_MARGIN,
): TournamentResult {
  const n = input.y.length;
  const third = Math.floor(n / 3);
  const y = input.y;
  const ySelection = head(y, 2 * third);
  const lastThirds: (WalkForward | null)[] = [];
  const entries = candidates.map((c): TournamentEntry => {
    const selection = third >= 2 ? walkOf(c, input, 2 * third) : null;
    const last = third >= 2 ? tailOf(walkOf(c, input, n), 2 * third) : null;
    lastThirds.push(last);
    return {
      name: c.name,
      selectionEffectiveness: finiteOrNull(outOfSampleEffectiveness(ySelection, selection)),
      outOfSample: finiteOrNull(outOfSampleEffectiveness(y, last)),
    };
  });
  // The first entrant (OLS) is the default; another must beat it by more than `margin`.
  let winner = 0;
  let best = (entries[0]?.selectionEffectiveness ?? -Infinity) + margin;
  entries.forEach((e, i) => {
    if (i > 0 && e.selectionEffectiveness !== null && e.selectionEffectiveness > best) {
      best = e.selectionEffectiveness;
      winner = i;
    }
  });
  return { entries, winner, lastThird: lastThirds[winner] ?? null };
}
