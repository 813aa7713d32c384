/**
 * One-pass sums of a stream of values for their mean and standard deviation without a division
 * per value (as Welford's update has): count, min, max, the shift K (the first value),
 * Σ(v − K) and Σ(v − K)², each a compensated sum (./compensated.ts, written out). Then
 * mean = K + Σd/c and Σ(v − v̄)² = Σd² − (Σd)²/c, with little cancellation (K is one of the
 * values). The rolling summaries and the Fisher z break test read them.
 */

/**
 * One-pass sums of values v (the finite ones): count, min, max, the shift K (the first value),
 * Σ(v − K) and Σ(v − K)², each a compensated (Neumaier) sum. Then mean = K + Σd/c and
 * Σ(v − v̄)² = Σd² − (Σd)²/c, with no division per value and little cancellation (K is one of
 * the values).
 */
export interface ShiftedSums {
  count: number;
  min: number;
  max: number;
  shift: number;
  sum: number;
  sum2: number;
}

/**
 * Running {@link ShiftedSums} over values given in pieces, oldest first: the same arithmetic,
 * value for value, as one pass over all of them (the shift is the first value taken).
 */
export class ShiftedSumsBuilder {
  private count = 0;
  private min = Infinity;
  private max = -Infinity;
  private shift = 0;
  private sum = 0;
  private comp = 0;
  private sum2 = 0;
  private comp2 = 0;

  /** Adds the finite values of values[from, to). */
  addValues(values: ArrayLike<number>, from: number, to: number): void {
    this.add(values, from, to, false);
  }

  /**
   * Adds the finite Fisher z = atanh r = ½·ln((1 + r)/(1 − r)) of the correlations r in
   * windows[from, to): the logarithm form costs half of Math.atanh, with an absolute error ~1e-16
   * against a standard deviation of z ~0.1.
   */
  addFisherZ(windows: ArrayLike<number>, from: number, to: number): void {
    this.add(windows, from, to, true);
  }

  private add(values: ArrayLike<number>, from: number, to: number, fisher: boolean): void {
    let { count, min, max, shift, sum, comp, sum2, comp2 } = this;
    for (let i = from; i < to; i++) {
      const r = values[i]!;
      const v = fisher ? 0.5 * Math.log((1 + r) / (1 - r)) : r;
      if (!Number.isFinite(v)) continue;
      if (count === 0) shift = v;
      count++;
      if (v < min) min = v;
      if (v > max) max = v;
      const d = v - shift;
      const t = sum + d;
      comp += sum - (t - (t - sum)) + (d - (t - sum));
      sum = t;
      const q = d * d;
      const u = sum2 + q;
      comp2 += sum2 - (u - (u - sum2)) + (q - (u - sum2));
      sum2 = u;
    }
    Object.assign(this, { count, min, max, shift, sum, comp, sum2, comp2 });
  }

  /** The sums so far (compensations added). */
  sums(): ShiftedSums {
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      shift: this.shift,
      sum: this.sum + this.comp,
      sum2: this.sum2 + this.comp2,
    };
  }
}
