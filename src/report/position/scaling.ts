/**
 * Series of extreme magnitude (prices near 1e300 or 1e-300 with --returns level or diff) are
 * divided by a power of two before the statistics, which sum squares and fourth powers over n
 * observations, and the results scaled back where they are reported: exact, and a no-op for
 * series of ordinary magnitude.
 */
import type { RollingSummary } from '../../core/diagnostics/rolling';

/** What the report needs to know of a returns series before it fits: its scale and its zeros. */
export interface SeriesFacts {
  /**
   * Binary exponent e (even) such that max|x|·2^−e is near 1, or 0 when max|x| is within
   * [2^−128, 2^128] (or not finite). Dividing by a power of two is exact, and an even exponent
   * keeps square roots exact, so the scaled statistics are the unscaled ones with another
   * exponent; inside the range nothing changes, bit for bit.
   */
  readonly exponent: number;
  /** Share of exactly-zero values (a price that did not move). */
  readonly zeroShare: number;
}

/** {@link SeriesFacts} of x, in one pass. */
export function seriesFacts(x: Float64Array): SeriesFacts {
  let m = 0;
  let zeros = 0;
  let nan = false;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === 0) zeros++;
    else {
      const a = v < 0 ? -v : v;
      if (a > m) m = a;
      else if (a !== a) nan = true;
    }
  }
  const zeroShare = x.length === 0 ? 0 : zeros / x.length;
  if (nan || !(m > 0 && m < Infinity) || (m >= 2 ** -128 && m <= 2 ** 128)) {
    return { exponent: 0, zeroShare };
  }
  return { exponent: 2 * Math.round(Math.log2(m) / 2), zeroShare };
}

/** x·2^e, exact (in two factors: 2^e alone may not be a double). */
export function timesPowerOfTwo(x: number, e: number): number {
  const h = Math.trunc(e / 2);
  return x * 2 ** h * 2 ** (e - h);
}

/** The series divided by 2^e: a copy, or the series itself when e = 0. */
export function scaledSeries(x: Float64Array, e: number): Float64Array {
  return e === 0 ? x : x.map((v) => timesPowerOfTwo(v, -e));
}

/** A rolling summary of slopes multiplied by 2^e. */
export function rollingTimesPowerOfTwo(r: RollingSummary, e: number): RollingSummary {
  if (e === 0) return r;
  const f = (v: number | null) => (v === null ? null : timesPowerOfTwo(v, e));
  return {
    ...r,
    min: f(r.min),
    max: f(r.max),
    mean: f(r.mean),
    stdDev: f(r.stdDev),
    last: f(r.last),
  };
}
