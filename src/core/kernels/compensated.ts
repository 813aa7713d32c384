/**
 * Compensated summation, the one definition. Each step adds v to the running sum s and the
 * exact rounding error of that addition to a correction c (Knuth's TwoSum, branch-free):
 *
 *   t = s + v;  c += (s − (t − (t − s))) + (v − (t − s));  s = t
 *
 * and the sum is s + c at the end. This is Neumaier's improvement of Kahan summation: its error
 * is about 2ε·Σ|x_i| whatever n (plain left-to-right summation: n·ε·Σ|x_i|). The error term
 * TwoSum computes is exact for any magnitudes, so it equals Neumaier's branching form
 * (|s| ≥ |v| ? (s − t) + v : (v − t) + s) value for value.
 *
 * The hot loops of src/core/kernels write this step out inline for each of their accumulators
 * (a call per value would cost more than the work in V8's baseline tiers); each is tested against
 * {@link compensatedSum} of the same terms.
 *
 * Reference: A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen", ZAMM 54 (1974); D. E. Knuth, TAOCP vol. 2, §4.2.2 (TwoSum).
 */

/**
 * Σ x_i over [from, to), compensated (see the module comment). The empty sum is 0; non-finite
 * values propagate. Cost O(to − from).
 * @example compensatedSum([0.1, 0.2, 0.3]) === 0.6 (plain addition gives 0.6000000000000001)
 */
export function compensatedSum(x: ArrayLike<number>, from = 0, to = x.length): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    const t = s + v;
    c += s - (t - (t - s)) + (v - (t - s));
    s = t;
  }
  return s + c;
}

/** A running compensated sum for terms that are not in an array (see the module comment). */
export class CompensatedSum {
  private s = 0;
  private c = 0;

  /** Adds v. */
  add(v: number): void {
    const s = this.s;
    const t = s + v;
    this.c += s - (t - (t - s)) + (v - (t - s));
    this.s = t;
  }

  /** The sum so far, correction added. */
  value(): number {
    return this.s + this.c;
  }
}
