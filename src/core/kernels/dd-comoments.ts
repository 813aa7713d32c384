/**
 * Co-moments (see ./comoments.ts) in double-double: means and cross-products carried in ~106
 * bits (Dekker's TwoSum/TwoProduct), for the regression's double-double moments path
 * (src/core/regression/normal-equations.ts). Written out for two and three columns, every
 * accumulator in a local.
 */
import { columnSums, type Magnitudes } from './comoments';
import { ddDiv, quickTwoSum, SPLIT } from './double-double';

/** Double-double co-moments: means and the upper triangle of S as hi/lo parts. */
export interface DdCoMoments extends Magnitudes {
  readonly n: number;
  readonly meanHi: Float64Array;
  readonly meanLo: Float64Array;
  /** S_ab at a·m + b for a ≤ b (the lower triangle is not written), hi and lo parts. */
  readonly sHi: Float64Array;
  readonly sLo: Float64Array;
}

/**
 * Co-moments of two or three columns over all their rows in double-double: means
 * ddDiv(Σ (TwoSum), n) when centred, then Σ d_a·d_b with d = (x − mean) as an exact double-double
 * pair, accumulated in double-double (TwoProduct, TwoSum). Cost two passes.
 * @throws RangeError for other than two or three columns
 */
export function ddCoMoments(columns: readonly ArrayLike<number>[], centred: boolean): DdCoMoments {
  const m = columns.length;
  if (m !== 2 && m !== 3) throw new RangeError(`ddCoMoments takes 2 or 3 columns, not ${m}`);
  const n = columns[0]!.length;
  const s = new Float64Array(m);
  const c = new Float64Array(m);
  const seen = columnSums(columns, 0, n, s, c);
  const meanHi = new Float64Array(m);
  const meanLo = new Float64Array(m);
  if (centred) {
    for (let a = 0; a < m; a++) {
      const mu = ddDiv(quickTwoSum(s[a]!, c[a]!), [n, 0]);
      meanHi[a] = mu[0];
      meanLo[a] = mu[1];
    }
  }
  const sHi = new Float64Array(m * m);
  const sLo = new Float64Array(m * m);
  const mean = { hi: meanHi, lo: meanLo };
  const out = { hi: sHi, lo: sLo };
  if (m === 2) ddProducts2(columns, n, mean, out);
  else ddProducts3(columns, n, mean, out);
  return { n, meanHi, meanLo, sHi, sLo, largest: seen.largest, smallest: seen.smallest };
}

/** The high and low parts of double-double values. */
interface Pair {
  readonly hi: Float64Array;
  readonly lo: Float64Array;
}

/**
 * Σ d_a·d_b over all rows for every pair a ≤ b of the m centred columns (d = (x − mh) − ml as an
 * exact double-double pair), accumulated in double-double; upper triangle written at a·m + b.
 */
function ddProducts2(
  columns: readonly ArrayLike<number>[],
  n: number,
  mean: Pair,
  out: Pair,
): void {
  const { hi: meanH, lo: meanL } = mean;
  const { hi: sh, lo: sl } = out;
  const c0 = columns[0]!;
  const mh0 = meanH[0]!;
  const ml0 = meanL[0]!;
  const c1 = columns[1]!;
  const mh1 = meanH[1]!;
  const ml1 = meanL[1]!;
  let h00 = 0;
  let l00 = 0;
  let h01 = 0;
  let l01 = 0;
  let h11 = 0;
  let l11 = 0;
  for (let i = 0; i < n; i++) {
    const v0 = c0[i]!;
    const s0 = v0 - mh0;
    const bb0 = s0 - v0;
    const e0 = v0 - (s0 - bb0) + (-mh0 - bb0) - ml0;
    const dh0 = s0 + e0;
    const dl0 = e0 - (dh0 - s0);
    const t0 = SPLIT * dh0;
    const p0 = t0 - (t0 - dh0);
    const q0 = dh0 - p0;
    const v1 = c1[i]!;
    const s1 = v1 - mh1;
    const bb1 = s1 - v1;
    const e1 = v1 - (s1 - bb1) + (-mh1 - bb1) - ml1;
    const dh1 = s1 + e1;
    const dl1 = e1 - (dh1 - s1);
    const t1 = SPLIT * dh1;
    const p1 = t1 - (t1 - dh1);
    const q1 = dh1 - p1;
    const pr00 = dh0 * dh0;
    const pe00 = p0 * p0 - pr00 + p0 * q0 + q0 * p0 + q0 * q0 + (dh0 * dl0 + dl0 * dh0);
    const s00 = h00 + pr00;
    const bb00 = s00 - h00;
    const e00 = h00 - (s00 - bb00) + (pr00 - bb00) + l00 + pe00;
    h00 = s00 + e00;
    l00 = e00 - (h00 - s00);
    const pr01 = dh0 * dh1;
    const pe01 = p0 * p1 - pr01 + p0 * q1 + q0 * p1 + q0 * q1 + (dh0 * dl1 + dl0 * dh1);
    const s01 = h01 + pr01;
    const bb01 = s01 - h01;
    const e01 = h01 - (s01 - bb01) + (pr01 - bb01) + l01 + pe01;
    h01 = s01 + e01;
    l01 = e01 - (h01 - s01);
    const pr11 = dh1 * dh1;
    const pe11 = p1 * p1 - pr11 + p1 * q1 + q1 * p1 + q1 * q1 + (dh1 * dl1 + dl1 * dh1);
    const s11 = h11 + pr11;
    const bb11 = s11 - h11;
    const e11 = h11 - (s11 - bb11) + (pr11 - bb11) + l11 + pe11;
    h11 = s11 + e11;
    l11 = e11 - (h11 - s11);
  }
  sh.set([h00, h01], 0);
  sh[3] = h11;
  sl.set([l00, l01], 0);
  sl[3] = l11;
}

function ddProducts3(
  columns: readonly ArrayLike<number>[],
  n: number,
  mean: Pair,
  out: Pair,
): void {
  const [c0, c1, c2] = columns as [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
  const [mh0, mh1, mh2] = mean.hi as unknown as [number, number, number];
  const [ml0, ml1, ml2] = mean.lo as unknown as [number, number, number];
  let h00 = 0;
  let l00 = 0;
  let h01 = 0;
  let l01 = 0;
  let h02 = 0;
  let l02 = 0;
  let h11 = 0;
  let l11 = 0;
  let h12 = 0;
  let l12 = 0;
  let h22 = 0;
  let l22 = 0;
  for (let i = 0; i < n; i++) {
    const v0 = c0[i]!;
    const s0 = v0 - mh0;
    const bb0 = s0 - v0;
    const e0 = v0 - (s0 - bb0) + (-mh0 - bb0) - ml0;
    const dh0 = s0 + e0;
    const dl0 = e0 - (dh0 - s0);
    const t0 = SPLIT * dh0;
    const p0 = t0 - (t0 - dh0);
    const q0 = dh0 - p0;
    const v1 = c1[i]!;
    const s1 = v1 - mh1;
    const bb1 = s1 - v1;
    const e1 = v1 - (s1 - bb1) + (-mh1 - bb1) - ml1;
    const dh1 = s1 + e1;
    const dl1 = e1 - (dh1 - s1);
    const t1 = SPLIT * dh1;
    const p1 = t1 - (t1 - dh1);
    const q1 = dh1 - p1;
    const v2 = c2[i]!;
    const s2 = v2 - mh2;
    const bb2 = s2 - v2;
    const e2 = v2 - (s2 - bb2) + (-mh2 - bb2) - ml2;
    const dh2 = s2 + e2;
    const dl2 = e2 - (dh2 - s2);
    const t2 = SPLIT * dh2;
    const p2 = t2 - (t2 - dh2);
    const q2 = dh2 - p2;
    const pr00 = dh0 * dh0;
    const pe00 = p0 * p0 - pr00 + p0 * q0 + q0 * p0 + q0 * q0 + (dh0 * dl0 + dl0 * dh0);
    const s00 = h00 + pr00;
    const bb00 = s00 - h00;
    const e00 = h00 - (s00 - bb00) + (pr00 - bb00) + l00 + pe00;
    h00 = s00 + e00;
    l00 = e00 - (h00 - s00);
    const pr01 = dh0 * dh1;
    const pe01 = p0 * p1 - pr01 + p0 * q1 + q0 * p1 + q0 * q1 + (dh0 * dl1 + dl0 * dh1);
    const s01 = h01 + pr01;
    const bb01 = s01 - h01;
    const e01 = h01 - (s01 - bb01) + (pr01 - bb01) + l01 + pe01;
    h01 = s01 + e01;
    l01 = e01 - (h01 - s01);
    const pr02 = dh0 * dh2;
    const pe02 = p0 * p2 - pr02 + p0 * q2 + q0 * p2 + q0 * q2 + (dh0 * dl2 + dl0 * dh2);
    const s02 = h02 + pr02;
    const bb02 = s02 - h02;
    const e02 = h02 - (s02 - bb02) + (pr02 - bb02) + l02 + pe02;
    h02 = s02 + e02;
    l02 = e02 - (h02 - s02);
    const pr11 = dh1 * dh1;
    const pe11 = p1 * p1 - pr11 + p1 * q1 + q1 * p1 + q1 * q1 + (dh1 * dl1 + dl1 * dh1);
    const s11 = h11 + pr11;
    const bb11 = s11 - h11;
    const e11 = h11 - (s11 - bb11) + (pr11 - bb11) + l11 + pe11;
    h11 = s11 + e11;
    l11 = e11 - (h11 - s11);
    const pr12 = dh1 * dh2;
    const pe12 = p1 * p2 - pr12 + p1 * q2 + q1 * p2 + q1 * q2 + (dh1 * dl2 + dl1 * dh2);
    const s12 = h12 + pr12;
    const bb12 = s12 - h12;
    const e12 = h12 - (s12 - bb12) + (pr12 - bb12) + l12 + pe12;
    h12 = s12 + e12;
    l12 = e12 - (h12 - s12);
    const pr22 = dh2 * dh2;
    const pe22 = p2 * p2 - pr22 + p2 * q2 + q2 * p2 + q2 * q2 + (dh2 * dl2 + dl2 * dh2);
    const s22 = h22 + pr22;
    const bb22 = s22 - h22;
    const e22 = h22 - (s22 - bb22) + (pr22 - bb22) + l22 + pe22;
    h22 = s22 + e22;
    l22 = e22 - (h22 - s22);
  }
  out.hi.set([h00, h01, h02], 0);
  out.hi.set([h11, h12], 4);
  out.hi[8] = h22;
  out.lo.set([l00, l01, l02], 0);
  out.lo.set([l11, l12], 4);
  out.lo[8] = l22;
}
