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
  const out = into ?? new Float64Array(length);
  if (kind === 'level') {
    for (let i = 0; i < n; i++) out[i] = prices[i]!;
    return checkLevels(out);
  }
  return n === 0 ? out : returnsFrom(prices, 1, prices[0]!, out, kind);
}

/**
 * {@link returnsOf} for prices already in the output buffer: `values` holds p_1 … p_{n−1} and
 * `first` is p_0, null when there are no prices (for `level`, `values` holds p_0 … p_{n−1} and
 * `first` is ignored); each value is replaced by its return, in one pass, and `values` is
 * returned. This lets a caller that decodes prices (src/input/decimal.ts) write them straight
 * into the returns' buffer.
 * @throws MathError as returnsOf (the index is that of the price in p_0 … p_{n−1})
 */
export function returnsInPlace(
  first: number | null,
  values: Float64Array,
  kind: ReturnsKind,
): Float64Array {
  if (kind === 'level') return checkLevels(values);
  return first === null ? values : returnsFrom(values, 0, first, values, kind);
}

/** The located error for price p at index i (see returnsOf). */
function badPrice(p: number, i: number, kind: ReturnsKind): MathError {
  return Number.isFinite(p)
    ? new MathError(`${kind} returns need prices greater than 0, got ${p} at index ${i}`)
    : new MathError(`price at index ${i} is not a finite number`);
}

/** `level` returns: the values, each checked to be finite. */
function checkLevels(values: Float64Array): Float64Array {
  for (let i = 0; i < values.length; i++) {
    const p = values[i]!;
    if (!(p - p === 0)) throw badPrice(p, i, 'level'); // NaN and ±Infinity
  }
  return values;
}

/**
 * The changes' returns in one pass: dst[t] is the return of src[from + t] after the price before
 * it (`first` for t = 0), t < dst.length, each price checked first. src may be dst with from = 0
 * (in place: each value is read before its slot is written).
 */
function returnsFrom(
  src: ArrayLike<number>,
  from: number,
  first: number,
  dst: Float64Array,
  kind: ReturnsKind,
): Float64Array {
  const positive = kind === 'log' || kind === 'simple';
  // checked even without a successor (n = 1), as every other price
  if (!(first - first === 0) || (positive && !(first > 0))) throw badPrice(first, 0, kind);
  const m = dst.length;
  let prev = first;
  for (let t = 0; t < m; t++) {
    const cur = src[from + t]!;
    if (!(cur - cur === 0) || (positive && !(cur > 0))) throw badPrice(cur, t + 1, kind);
    const change = cur - prev;
    switch (kind) {
      case 'diff':
        dst[t] = change;
        break;
      case 'simple':
        dst[t] = change / prev;
        break;
      case 'log': {
        if (cur >= 0.5 * prev && cur <= 2 * prev) {
          dst[t] = Math.log1p(change / prev);
        } else {
          const q = cur / prev;
          dst[t] = q > 0 && q < Infinity ? Math.log(q) : Math.log(cur) - Math.log(prev);
        }
        break;
      }
    }
    prev = cur;
  }
  return dst;
}

/**
 * The cumulative return after one more return r, from `total` (0 before the first): `simple`
 * (1 + total)(1 + r) − 1, `log` (1 + total)·e^r − 1 (a simple return too, from log returns),
 * each as total·(1 + r) + r or total·e^r + (e^r − 1) for accuracy near 0; `diff` total + r (the
 * price change since the start). `level` values do not add up: NaN.
 * @example [0.1, -0.1] simple → 0.1, then −0.01
 */
export function compoundReturn(total: number, r: number, kind: ReturnsKind): number {
  switch (kind) {
    case 'simple':
      return total * (1 + r) + r;
    case 'log':
      return total * Math.exp(r) + Math.expm1(r);
    case 'diff':
      return total + r;
    default:
      return NaN;
  }
}
