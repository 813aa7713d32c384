/**
 * A pair whose beta drifts as a random walk (the market `--estimator auto` must answer with a
 * time-varying estimator): x_t = volX·e^x_t, y_t = b_t·x_t + noise·e^ε_t, b_t = beta0 + step·Σ_{s≤t} z_s,
 * with e^x, e^ε unit-variance GARCH(1,1) Student-t processes as in ./market.ts and z_s ~ N(0, 1).
 * Seeded; cost O(n).
 */
import { createRng, DEFAULT_DF, DEFAULT_GARCH, GarchFilter } from './market';

export interface DriftSpec {
  n: number;
  seed: number;
  /** The beta's starting value (default 1). */
  beta0?: number;
  /** The standard deviation of the beta's step per return (0: a stable beta). */
  step: number;
  /** Daily vol of x (default 0.035) and of y's own noise (default 0.03). */
  volX?: number;
  noise?: number;
}

/** Returns x, y and the beta b_t each y_t was drawn with. */
export function simulateDriftingPair(spec: DriftSpec): {
  x: Float64Array;
  y: Float64Array;
  beta: Float64Array;
} {
  const { n, seed, step } = spec;
  const volX = spec.volX ?? 0.035;
  const noise = spec.noise ?? 0.03;
  const rng = createRng(seed);
  const fx = new GarchFilter(DEFAULT_GARCH);
  const fe = new GarchFilter(DEFAULT_GARCH);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const beta = new Float64Array(n);
  let b = spec.beta0 ?? 1;
  for (let t = 0; t < n; t++) {
    b += step * rng.normal();
    const xt = volX * fx.next(rng.studentT(DEFAULT_DF));
    x[t] = xt;
    y[t] = b * xt + noise * fe.next(rng.studentT(DEFAULT_DF));
    beta[t] = b;
  }
  return { x, y, beta };
}
