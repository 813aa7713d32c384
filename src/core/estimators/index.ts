/**
 * The hedge-ratio estimators `--estimator` offers, in the order it lists them. A new estimator
 * is its module (implementing HedgeEstimator, ./types.ts) and one line here: its name, its
 * flags (ParamSpec) and their settings keys follow from this list.
 */
import { autoEstimator } from './auto';
import { ewmaEstimator } from './ewma';
import { kalmanEstimator } from './kalman';
import { olsEstimator } from './ols';
import type { HedgeEstimator } from './types';

export const ESTIMATORS = [olsEstimator, ewmaEstimator, kalmanEstimator, autoEstimator] as const;

/** An `--estimator` value. */
export type EstimatorName = (typeof ESTIMATORS)[number]['name'];

type Param = (typeof ESTIMATORS)[number]['params'][number];

/**
 * Every estimator's parameters, as they appear in the run's settings (in ESTIMATORS order): a
 * number, or, for a parameter the data decide when its flag is absent, the name of the method.
 */
export type EstimatorParams = {
  readonly [P in Param as P['key']]: P['default'] extends number ? number : number | P['default'];
};

/** Every estimator's parameters with their flags, in ESTIMATORS order. */
export const ESTIMATOR_PARAMS: readonly Param[] = ESTIMATORS.flatMap(
  (e): readonly Param[] => e.params,
);

/** The estimator of this name. */
export function estimatorNamed(name: EstimatorName): HedgeEstimator {
  return ESTIMATORS.find((e) => e.name === name)!;
}

/**
 * The values of an estimator's parameters in a run's settings, by key: null for one left to the
 * data (its settings value names the method, not a number).
 */
export function estimatorParamsOf(
  estimator: HedgeEstimator,
  settings: EstimatorParams,
): Record<string, number | null> {
  const values = settings as unknown as Readonly<Record<string, number | string>>;
  const params: Record<string, number | null> = {};
  for (const p of estimator.params) {
    const v = values[p.key];
    params[p.key] = typeof v === 'number' ? v : null;
  }
  return params;
}
