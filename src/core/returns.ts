/**
 * Price series → return series, in the four kinds the CLI offers (`--returns`).
 */
import { MathError } from '../errors';
import type { ReturnsKind } from '../settings';

/**
 * Returns of a price series, one kind at a time:
 *
 * - `log`:    r_t = ln(p_t / p_{t−1}), computed as log1p((p_t − p_{t−1}) / p_{t−1}) when
 *             p_t / p_{t−1} is within [½, 2] (there p_t − p_{t−1} is exact, Sterbenz), which keeps
 *             full relative accuracy for small moves; ln(p_t / p_{t−1}) otherwise, or
 *             ln p_t − ln p_{t−1} when the quotient overflows or underflows (a price near the
 *             smallest double: 10 after 1e-320 is 739.1, not Infinity). Length n − 1.
 * - `simple`: r_t = p_t / p_{t−1} − 1, computed as (p_t − p_{t−1}) / p_{t−1}. Length n − 1.
 * - `diff`:   r_t = p_t − p_{t−1} (price changes). Length n − 1.
 * - `level`:  the values themselves, copied. Length n.
 *
 * Fewer than 2 prices give an empty array for `log`, `simple` and `diff`. The input is not
 * modified. Cost O(n) time and memory. `into`, when given (of the result's length, a caller's
 * reusable buffer), receives the returns and is returned.
 *
 * @throws MathError when a price is not finite, or (for `log` and `simple`) not greater than 0;
 *   the message gives the 0-based index
 * @throws RangeError when `into` has the wrong length
 * @example returnsOf([100, 110, 99], 'simple') → Float64Array [0.1, -0.1] (to rounding)
 */
export function returnsOf(
  prices: ArrayLike<number>,
  kind: ReturnsKind,
  into?: Float64Array,
): Float64Array {
  const n = prices.length;
  const length = kind === 'level' ? n : Math.max(0, n - 1);
  if (into !== undefined && into.length !== length) {
    throw new RangeError(`the output buffer must hold ${length} values, not ${into.length}`);
  }
  const positive = kind === 'log' || kind === 'simple';
  for (let i = 0; i < n; i++) {
    const p = prices[i]!;
    if (!Number.isFinite(p)) throw new MathError(`price at index ${i} is not a finite number`);
    if (positive && !(p > 0)) {
      throw new MathError(`${kind} returns need prices greater than 0, got ${p} at index ${i}`);
    }
  }
  const out = into ?? new Float64Array(length);
  if (kind === 'level') {
    for (let i = 0; i < n; i++) out[i] = prices[i]!;
    return out;
  }
  for (let t = 1; t < n; t++) {
    const prev = prices[t - 1]!;
    const cur = prices[t]!;
    const change = cur - prev;
    switch (kind) {
      case 'diff':
        out[t - 1] = change;
        break;
      case 'simple':
        out[t - 1] = change / prev;
        break;
      case 'log': {
        if (cur >= 0.5 * prev && cur <= 2 * prev) {
          out[t - 1] = Math.log1p(change / prev);
          break;
        }
        const q = cur / prev;
        out[t - 1] = q > 0 && q < Infinity ? Math.log(q) : Math.log(cur) - Math.log(prev);
        break;
      }
    }
  }
  return out;
}
