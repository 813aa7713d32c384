/**
 * The hedge-ratio estimator seam. An estimator turns the aligned returns of a position (y) and
 * its hedges (x_1 … x_k) into the minimum-variance hedge ratios to apply now, and into the
 * walk-forward the out-of-sample effectiveness is measured on (each return hedged with the ratio
 * estimated from the returns before it only). The report, the warnings and the renderers use
 * estimators only through this interface and never compare their names; a new estimator is one
 * module and one line in ./index.ts.
 */
import type { OlsFit } from '../regression/ols';

/** A numeric parameter of an estimator, and the command-line flag that sets it. */
export interface ParamSpec {
  /** The key in the run's settings (and in the JSON report's `settings`). */
  readonly key: string;
  /** The flag, e.g. `--halflife <n>`. */
  readonly flag: string;
  /** One line for --help. */
  readonly help: string;
  /** How a report names it, e.g. `half-life`. */
  readonly label: string;
  /**
   * The value when the flag is not given: a number, or the name of the method by which the
   * estimator then estimates the parameter from each position's data (e.g. `mle`), which the
   * run's settings report as they are. Such a parameter is null in EstimatorInput.params until
   * HedgeEstimator.fitParams has estimated it.
   */
  readonly default: number | string;
  /** Whether 0 is a value it takes (a variance that may vanish); otherwise it must be > 0. */
  readonly zeroAllowed?: boolean;
  /**
   * A number of observations that the flag may also give as a duration (`30d`), converted at the
   * data's spacing (src/cli/durations.ts).
   */
  readonly duration?: boolean;
}

/** What an estimator works on. */
export interface EstimatorInput {
  /** The position's returns. */
  readonly y: ArrayLike<number>;
  /** The hedges' returns, each as long as y. */
  readonly xs: readonly ArrayLike<number>[];
  /** Whether the hedge regression has an intercept (centred moments) or not (raw). */
  readonly intercept: boolean;
  /** The OLS fit of y on xs with the intercept setting, when the caller has it. */
  readonly fit?: OlsFit;
  /** The parameter values, by ParamSpec key; null: left to the data (see fitParams). */
  readonly params: Readonly<Record<string, number | null>>;
  /**
   * The binary exponents y and each x were divided by (y first; src/report/position/scaling.ts),
   * absent: all 0. Ratios are computed and returned in the divided units, which the OLS and EWMA
   * ratios do not notice (they are scale-equivariant); an estimator whose model is not (one
   * variance for coefficients of different units) needs them to work in the data's units.
   */
  readonly exps?: readonly number[];
}

/** Out-of-sample hedged returns of a walk-forward and where they start. */
export interface WalkForward {
  /** First return index hedged out of sample: ⌊n/2⌋. */
  readonly start: number;
  /** e_t = y_t − Σ_j h_j,t·x_j,t for t = start … n − 1 (length n − start). */
  readonly errors: Float64Array;
  /** The ratios used at the last step (estimated from returns 0 … n − 2). */
  readonly lastRatios: readonly number[];
}

/**
 * Reusable buffers a walk-forward may write to, asked for by length when needed (a caller's;
 * new arrays when absent).
 */
export interface WalkBuffers {
  /** Receives the errors (length n − ⌊n/2⌋). */
  readonly errors?: (length: number) => Float64Array;
  /** Scratch for weights (length ⌊n/2⌋). */
  readonly weights?: (length: number) => Float64Array;
}

/** An entrant of a tournament: an estimator with its parameters, and the name a report gives it. */
export interface Candidate {
  /** e.g. `ols`, `ewma-30`, `rolling-180`, `kalman`. */
  readonly name: string;
  readonly estimator: HedgeEstimator;
  /** Its parameters by ParamSpec key (null: left to the data, fitParams). */
  readonly params: Readonly<Record<string, number | null>>;
}

export interface HedgeEstimator {
  /** The `--estimator` value. */
  readonly name: string;
  /** One line for --help. */
  readonly help: string;
  readonly params: readonly ParamSpec[];
  /**
   * True when the ratios are the OLS slopes themselves: the in-sample effectiveness is then the
   * fit's R² (with an intercept), and a report need not show ratios apart from betas.
   */
  readonly ratiosAreSlopes: boolean;
  /**
   * Its work per return relative to OLS's (whose report is ~20 passes over the returns): the run
   * weighs rows × positions by it when it decides whether V8's optimising compiler and a second
   * thread pay (src/report/parallel.ts).
   */
  readonly relativeCost: number;
  /** How a report heading names it with these parameters, e.g. `OLS`, `EWMA half-life 30`. */
  label(params: Readonly<Record<string, number | null>>): string;
  /**
   * The parameters left to the data (null in input.params), estimated from returns 0 … count − 1
   * only, by key, in the data's units; absent for an estimator that estimates none. The report
   * calls it with count = n for the ratios and with the walk-forward's start for the walk-forward
   * (whose ratios then never depend on returns after those they hedge).
   * @throws MathError when they cannot be estimated (too few returns, no convergence)
   */
  fitParams?(input: EstimatorInput, count: number): Record<string, number>;
  /**
   * A tournament instead of a model of its own (`auto`): the entrants, each an estimator with
   * fixed parameters, scored out of sample by ./tournament.ts; the winner's ratios are the
   * position's. Absent for an ordinary estimator.
   */
  candidates?(): readonly Candidate[];
  /** The hedge ratios to apply now, one per hedge. @throws MathError when undefined */
  ratios(input: EstimatorInput): number[];
  /**
   * The expanding-window walk-forward from ⌊n/2⌋ (see WalkForward).
   * @returns null when it is impossible (too few returns, a singular first half)
   */
  walkForward(input: EstimatorInput, buffers?: WalkBuffers): WalkForward | null;
}
