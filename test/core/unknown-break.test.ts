/**
 * The break test at an unknown date (src/core/diagnostics/unknown-break.ts): its date against R
 * strucchange, its statistic's identities, and what it returns at the edges.
 */
import { BREAK_CASES } from '../../scripts/reference/break-cases';
import { STRUCCHANGE } from '../../scripts/reference/breaks';
import { trimmedSplit, unknownDateBreak } from '../../src/core/diagnostics/unknown-break';
import {
  complementSums,
  pairSums,
  partLine,
  scanSsrSplits,
} from '../../src/core/kernels/split-scan';
import { scanWaldSplits } from '../../src/core/kernels/split-wald';
import { olsFit } from '../../src/core/regression/ols';
import { simulatePair } from '../../tools/sim/market';
import { arrayWeights, breakWeights } from '../support/weights';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('the date is strucchange’s', () => {
  // node scripts/run-ts.mjs scripts/reference/break-cases.ts > /tmp/break-cases.csv
  // Rscript scripts/reference/breaks_reference.R /tmp/break-cases.csv > scripts/reference/breaks.ts
  // (ordinary fits: breakpoints(y ~ x, h = 0.15, breaks = 1), then h = 15; the sup-Wald
  // statistic from lm fits of each part and HC3 weights (sandwich::vcovHC); the GLS weights from
  // their definition in R and breakpoints(I(y/s) ~ 0 + I(1/s) + I(x/s), h = 15, breaks = 1))
  test.each(BREAK_CASES.map((c, i) => [c.name, c, STRUCCHANGE[i]!] as const))(
    '%s',
    (_name, c, r) => {
      const { x, y } = simulatePair(c.spec);
      const n = y.length;
      const b = unknownDateBreak(y, x, c.intercept)!;
      // R's breakpoint is the last row of the first segment counted from 1: our first row of the
      // second counted from 0. The date is the GLS h = 15's; the statistic's HC3 weights and the
      // GLS weights come from the ordinary h = 15 split's fit
      expect(b.index).toBe(r.breakpointH15);
      expect(trimmedSplit(y, x, c.intercept)).toBe(r.breakpoint);
      expect([b.dateLo, b.dateHi]).toEqual([15, n - 15]);
      expect(b.statisticIndex).toBe(r.supWaldAt);
      expect(rel(b.statistic, r.supWald)).toBeLessThan(1e-9);
      // the ordinary scans and their residual sums of squares
      const lo = Math.floor(0.15 * n);
      const mx = c.intercept ? x.reduce((s, v) => s + v, 0) / n : 0;
      const my = c.intercept ? y.reduce((s, v) => s + v, 0) / n : 0;
      const totals = pairSums(y, x, 0, n, mx, my);
      const range = { lo, hi: n - lo, mx, my, totals, intercept: c.intercept };
      const ols = scanSsrSplits(y, x, range);
      expect(ols.tau).toBe(r.breakpoint);
      expect(rel(ols.ssr, r.rss)).toBeLessThan(1e-10);
      const wide = { ...range, lo: 15, hi: n - 15 };
      const olsWide = scanSsrSplits(y, x, wide);
      expect(olsWide.tau).toBe(r.olsBreakpointH15);
      expect(rel(olsWide.ssr, r.olsRssH15)).toBeLessThan(1e-10);
      // the Wald statistic at the ordinary h = 15 split alone: the sandwich package's HC3 there
      const fitAt = (s: typeof ols, t: typeof totals) => ({
        tau: s.tau,
        first: partLine(s.before, c.intercept)!,
        second: partLine(complementSums(t, s.before), c.intercept)!,
      });
      const at = { ...range, lo: olsWide.tau, hi: olsWide.tau };
      const waldAt = scanWaldSplits(y, x, at, fitAt(olsWide, totals))!.statistic;
      expect(rel(waldAt, r.waldAtBreakpoint)).toBeLessThan(1e-9);
      // the GLS weights from the ordinary fit at the h = 15 split, and the weighted scan's RSS:
      // the transformed regression's
      const w = breakWeights(y, x, mx, my, fitAt(olsWide, totals));
      [0, olsWide.tau, n - 1].forEach((t, k) => {
        expect(rel(w[t]!, r.weights[k]!)).toBeLessThan(1e-10);
      });
      const gls = scanSsrSplits(y, x, {
        ...wide,
        totals: pairSums(y, x, 0, n, mx, my, arrayWeights(w)),
        weights: arrayWeights(w),
      });
      expect(gls.tau).toBe(r.breakpointH15);
      expect(rel(gls.ssr, r.rssH15)).toBeLessThan(1e-10);
    },
  );

  test('a break later than 85% of the sample: h = 0.15 puts it at the edge, the date does not', () => {
    const late = BREAK_CASES.filter((c) => c.spec.breakAt! > 0.85 * c.spec.n + 1);
    expect(late.map((c) => c.name)).toEqual(['reversal at 96%', 'collapse at 93%']);
    late.forEach((c) => {
      const { x, y } = simulatePair(c.spec);
      const b = unknownDateBreak(y, x, c.intercept)!;
      expect(trimmedSplit(y, x, c.intercept)).toBe(b.hi);
      expect(b.index).toBe(c.spec.breakAt);
    });
  });

  test('the breaks at 50–85% of the cases are found and dated within 5% of the sample', () => {
    BREAK_CASES.forEach((c) => {
      const at = c.spec.breakAt;
      if (at === undefined || at > 0.85 * c.spec.n + 1) return;
      const { x, y } = simulatePair(c.spec);
      const b = unknownDateBreak(y, x, c.intercept)!;
      expect(b.pValue).toBeLessThan(0.005);
      expect(Math.abs(b.index - at)).toBeLessThanOrEqual(0.05 * c.spec.n);
    });
  });
});

describe('the statistic', () => {
  const { x, y } = simulatePair({ n: 600, seed: 21, rho: 0.8, breakAt: 420, after: { rho: 0.3 } });

  test('does not depend on the units of y and x, nor (with an intercept) on their levels', () => {
    const b = unknownDateBreak(y, x, true)!;
    const scaled = unknownDateBreak(
      y.map((v) => 1000 * v + 5),
      x.map((v) => 0.01 * v - 3),
      true,
    )!;
    expect(scaled.index).toBe(b.index);
    expect(rel(scaled.statistic, b.statistic)).toBeLessThan(1e-8);
    expect(rel(scaled.betaAfter, b.betaAfter * 1e5)).toBeLessThan(1e-8);
    expect(rel(scaled.correlationAfter, b.correlationAfter)).toBeLessThan(1e-8);
  });

  test('the parts’ betas and correlations are those of fits of each part', () => {
    const b = unknownDateBreak(y, x, true)!;
    const before = olsFit(y.subarray(0, b.index), [x.subarray(0, b.index)], true);
    const after = olsFit(y.subarray(b.index), [x.subarray(b.index)], true);
    expect(rel(b.betaBefore, before.coefficients[1]!)).toBeLessThan(1e-10);
    expect(rel(b.betaAfter, after.coefficients[1]!)).toBeLessThan(1e-10);
    expect(rel(b.correlationAfter ** 2, after.rSquared)).toBeLessThan(1e-9);
    expect(b.nBefore + b.nAfter).toBe(600);
    expect([b.lo, b.hi]).toEqual([90, 510]);
  });

  test('the moments of the caller give the same result', () => {
    const fit = olsFit(y, [x], true);
    const m = fit.moments!;
    const moments = { mx: m.means[0]!, my: m.means[1]!, sxx: m.S[0]!, sxy: m.S[1]!, syy: m.S[3]! };
    const a = unknownDateBreak(y, x, true)!;
    const b = unknownDateBreak(y, x, true, moments)!;
    expect(b.index).toBe(a.index);
    expect(rel(b.statistic, a.statistic)).toBeLessThan(1e-9);
  });

  test('null below 100 observations, for an exact fit and for a constant side', () => {
    const small = simulatePair({ n: 99, seed: 3, rho: 0.5 });
    expect(unknownDateBreak(small.y, small.x, true)).toBeNull();
    expect(
      unknownDateBreak(
        x.map((v) => 2 * v),
        x,
        true,
      ),
    ).toBeNull();
    const flat = x.map((v, t) => (t < 520 ? 0.01 : v)); // no split has variance on both sides
    expect(unknownDateBreak(y, flat, true)).toBeNull();
    expect(() => unknownDateBreak(y, x.subarray(1), true)).toThrow(RangeError);
  });
});
