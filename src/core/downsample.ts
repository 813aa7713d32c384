/**
 * Downsampling a long series for plotting, keeping its extremes: min/max per bucket (the M4
 * family's min/max variant; Jugel et al., "M4: a visualization-oriented time series data
 * aggregation", PVLDB 7(10), 2014). The m values are cut into B = ⌊points/2⌋ equal buckets of
 * consecutive indices, index i in bucket ⌊i·B/m⌋ (indices [⌈b·m/B⌉, ⌈(b+1)·m/B⌉)); each gives its
 * smallest and its largest finite value, in index order (one point when they are the same one).
 * So at most `points` points, the series' global minimum and maximum among them, and every
 * bucket's range drawn: a line through them shows every spike a line through all m values shows
 * at a width of B pixels. A series of at most `points` values is kept whole. Non-finite values
 * (an undefined window) are skipped. Values arrive in order, in pieces: O(B) memory, O(m) time.
 */

/** The points kept: their indices in the series (ascending) and their values. */
export interface Downsampled {
  readonly index: Float64Array;
  readonly values: Float64Array;
}

export class MinMaxDownsampler {
  private readonly buckets: number;
  private readonly whole: boolean;
  private readonly minIndex: Float64Array;
  private readonly minValue: Float64Array;
  private readonly maxIndex: Float64Array;
  private readonly maxValue: Float64Array;
  private next = 0;

  /** `m` values will be added; at most `points` (≥ 2) are kept. */
  constructor(
    private readonly m: number,
    points: number,
  ) {
    this.whole = m <= points;
    this.buckets = this.whole ? m : Math.max(1, Math.floor(points / 2));
    this.minIndex = new Float64Array(this.buckets).fill(-1);
    this.minValue = new Float64Array(this.buckets);
    this.maxIndex = new Float64Array(this.buckets).fill(-1);
    this.maxValue = new Float64Array(this.buckets);
  }

  /** Adds values[0, count): the next `count` values of the series. */
  add(values: ArrayLike<number>, count = values.length): void {
    for (let k = 0; k < count; k++) this.push(values[k]!);
  }

  /** Adds the next value of the series. */
  push(v: number): void {
    const i = this.next++;
    if (!Number.isFinite(v) || i >= this.m) return;
    const b = this.whole ? i : Math.floor((i * this.buckets) / this.m);
    if (this.minIndex[b]! < 0 || v < this.minValue[b]!) {
      this.minIndex[b] = i;
      this.minValue[b] = v;
    }
    if (this.maxIndex[b]! < 0 || v > this.maxValue[b]!) {
      this.maxIndex[b] = i;
      this.maxValue[b] = v;
    }
  }

  /** The points kept, in index order. */
  result(): Downsampled {
    const index: number[] = [];
    const values: number[] = [];
    const keep = (i: number, v: number) => {
      index.push(i);
      values.push(v);
    };
    for (let b = 0; b < this.buckets; b++) {
      const lo = this.minIndex[b]!;
      const hi = this.maxIndex[b]!;
      if (lo < 0) continue;
      if (lo === hi) keep(lo, this.minValue[b]!);
      else if (lo < hi) {
        keep(lo, this.minValue[b]!);
        keep(hi, this.maxValue[b]!);
      } else {
        keep(hi, this.maxValue[b]!);
        keep(lo, this.minValue[b]!);
      }
    }
    return { index: Float64Array.from(index), values: Float64Array.from(values) };
  }
}

/** {@link MinMaxDownsampler} over a whole series. */
export function downsampleMinMax(values: ArrayLike<number>, points: number): Downsampled {
  const d = new MinMaxDownsampler(values.length, points);
  d.add(values);
  return d.result();
}
