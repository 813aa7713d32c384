/**
 * positionEstimate: which returns an estimator's data-decided parameters come from (all of them
 * for the ratios, the first half only for the walk-forward), and what the report is told.
 */
import { MathError } from '../../src/errors';
import { positionEstimate } from '../../src/core/estimators/estimate';
import { olsEstimator } from '../../src/core/estimators/ols';
import type { EstimatorInput, HedgeEstimator } from '../../src/core/estimators/types';
import { estimatedParamsText } from '../../src/report/text';

const y = Float64Array.from({ length: 41 }, (_, t) => Math.sin(t) + 0.1 * t);
const x = Float64Array.from({ length: 41 }, (_, t) => Math.cos(3 * t));

/** An estimator whose one parameter the data decide: it records what it was fitted on. */
function recordingEstimator(failAt: number | null = null): {
  estimator: HedgeEstimator;
  counts: number[];
  seen: (number | null)[];
} {
  const counts: number[] = [];
  const seen: (number | null)[] = [];
  const estimator: HedgeEstimator = {
    ...olsEstimator,
    name: 'recording',
    params: [{ key: 'level', flag: '--level <x>', help: '', label: 'level', default: 'mle' }],
    fitParams: (_input: EstimatorInput, count: number) => {
      counts.push(count);
      if (count === failAt) throw new MathError('did not converge');
      return { level: count };
    },
    ratios: (input: EstimatorInput) => {
      seen.push(input.params.level ?? null);
      return [input.params.level!];
    },
    walkForward: (input: EstimatorInput) => {
      seen.push(input.params.level ?? null);
      return olsEstimator.walkForward(input);
    },
  };
  return { estimator, counts, seen };
}

describe('positionEstimate', () => {
  test('the ratios see parameters fitted on all n returns, the walk-forward on the first ⌊n/2⌋', () => {
    const { estimator, counts, seen } = recordingEstimator();
    const e = positionEstimate(estimator, { y, xs: [x], intercept: true, params: { level: null } });
    expect(counts).toEqual([41, 20]);
    expect(seen).toEqual([41, 20]);
    expect(e.ratios).toEqual([41]);
    expect(e.params).toEqual({ level: 41 });
    expect(e.walk?.start).toBe(20);
  });

  test('a walk-forward whose parameters cannot be fitted on the first half is null', () => {
    const { estimator } = recordingEstimator(20);
    const e = positionEstimate(estimator, { y, xs: [x], intercept: true, params: { level: null } });
    expect(e.walk).toBeNull();
    expect(e.ratios).toEqual([41]);
  });

  test('parameters that cannot be fitted on all returns are an error', () => {
    const { estimator } = recordingEstimator(41);
    expect(() =>
      positionEstimate(estimator, { y, xs: [x], intercept: true, params: { level: null } }),
    ).toThrow('did not converge');
  });

  test('an estimator without parameters reports none; one without fitParams is used as is', () => {
    const e = positionEstimate(olsEstimator, { y, xs: [x], intercept: true, params: {} });
    expect(e.params).toBeNull();
    expect(e.walk).toEqual(olsEstimator.walkForward({ y, xs: [x], intercept: true, params: {} }));
  });
});

describe('estimatedParamsText', () => {
  test('only the parameters the settings left to the data are shown', () => {
    expect(estimatedParamsText({ halflife: 30 }, { halflife: 30 })).toBeNull();
    expect(estimatedParamsText({ halflife: 30 }, null)).toBeNull();
  });
});
