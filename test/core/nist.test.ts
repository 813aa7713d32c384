/**
 * olsFit against the NIST StRD linear least-squares datasets (fixtures/nist, see its README).
 *
 * Two references:
 * 1. NIST's certified values (certified.json). The floors are R 4.2.2 lm's LRE minus half a
 *    digit, except Filip, see FLOORS.
 * 2. The exact least-squares solution of the fixture doubles themselves (exact.json, rational
 *    arithmetic: `python3 scripts/reference/nist_bounds.py fixtures/nist --write`). This isolates
 *    the solver's own error from the rounding of NIST's decimal data to doubles.
 *
 * The fixtures are read with plain fs + split on purpose (no dependency on src/input).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { olsFit, type OlsFit } from '../../src/core/regression/ols';
import { noNaN } from '../support/fit';
import { FLOORS, NIST_DIR, certified, lre } from '../support/nist';

interface Exact {
  coefficients: string[];
  std_errors: string[];
  residual_sd: string;
  r_squared: string;
  ssr: string;
  tss: string;
  f: string | null;
}

const DIR = NIST_DIR;
const exact = (
  JSON.parse(readFileSync(path.join(DIR, 'exact.json'), 'utf8')) as {
    datasets: Record<string, Exact>;
  }
).datasets;

function readFixture(name: string): { y: number[]; xs: number[][] } {
  const lines = readFileSync(path.join(DIR, `${name}.csv`), 'utf8')
    .trim()
    .split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(',').slice(1).map(Number));
  const y = rows.map((r) => r[0]!);
  const xs = header.slice(2).map((_, j) => rows.map((r) => r[j + 1]!));
  return { y, xs };
}

const fits = new Map<string, OlsFit>();
function fitOf(name: string): OlsFit {
  let fit = fits.get(name);
  if (!fit) {
    const { y, xs } = readFixture(name);
    fit = olsFit(y, xs, certified[name]!.intercept);
    fits.set(name, fit);
  }
  return fit;
}

const names = Object.keys(FLOORS);

test('every certified dataset has a fixture, a floor and an exact reference', () => {
  expect(Object.keys(certified).sort()).toEqual([...names].sort());
  expect(Object.keys(exact).sort()).toEqual([...names].sort());
  for (const name of names) {
    const { y, xs } = readFixture(name);
    expect(xs.length).toBe(certified[name]!.regressors.length);
    expect(y.every(Number.isFinite)).toBe(true);
  }
});

describe.each(names)('%s against NIST certified values', (name) => {
  const cert = certified[name]!;
  const floor = FLOORS[name]!;

  test(`coefficients: LRE ≥ ${floor}`, () => {
    const fit = fitOf(name);
    expect(fit.k).toBe(cert.coefficients.length);
    cert.coefficients.forEach((c, j) => {
      expect(lre(fit.coefficients[j]!, c.estimate)).toBeGreaterThanOrEqual(floor);
    });
  });

  test(`standard errors: LRE ≥ ${floor - 1}`, () => {
    const fit = fitOf(name);
    cert.coefficients.forEach((c, j) => {
      expect(lre(fit.stdErrors[j]!, c.sd)).toBeGreaterThanOrEqual(floor - 1);
    });
  });

  test(`residual SD: LRE ≥ ${floor - 1}; R²: LRE ≥ 9`, () => {
    const fit = fitOf(name);
    expect(lre(fit.residualStdDev, cert.residual_sd)).toBeGreaterThanOrEqual(floor - 1);
    expect(lre(fit.rSquared, cert.r_squared)).toBeGreaterThanOrEqual(9);
  });

  test('no NaN anywhere; exact fits give ±Infinity t and F deliberately', () => {
    const fit = fitOf(name);
    expect(noNaN(fit)).toBe(true);
    if (cert.f === null) {
      // Wampler1/2: certified residual SD 0, R² 1, F "Infinity"
      expect(fit.rSquared).toBe(1);
      // Wampler2's y (1.11111, …) are not doubles, so its fixture does not fit exactly: the
      // exact solution of the doubles has residual SD ≈ 1e-17 (exact.json); Wampler1 fits exactly.
      expect(fit.residualStdDev).toBeLessThan(1e-15);
      expect(fit.fPValue).toBeLessThan(1e-200);
      if (Number(exact[name]!.ssr) === 0) {
        // Wampler1 (integer data): the exact fit is found exactly and reported as such
        expect(fit.ssr).toBe(0);
        expect(Array.from(fit.tStats)).toEqual(new Array(fit.k).fill(Infinity));
        expect(Array.from(fit.pValues)).toEqual(new Array(fit.k).fill(0));
        expect(fit.fStat).toBe(Infinity);
      }
    } else {
      expect(lre(fit.fStat!, cert.f)).toBeGreaterThanOrEqual(Math.min(floor, 9));
    }
  });
});

describe.each(names)('%s against the exact solution of the fixture doubles', (name) => {
  const ref = exact[name]!;

  test('coefficients, standard errors, residual SD, R², SSR, TSS, F: LRE ≥ 14', () => {
    const fit = fitOf(name);
    ref.coefficients.forEach((c, j) => {
      expect(lre(fit.coefficients[j]!, Number(c))).toBeGreaterThanOrEqual(14);
    });
    ref.std_errors.forEach((s, j) => {
      expect(lre(fit.stdErrors[j]!, Number(s))).toBeGreaterThanOrEqual(14);
    });
    expect(lre(fit.residualStdDev, Number(ref.residual_sd))).toBeGreaterThanOrEqual(14);
    expect(lre(fit.rSquared, Number(ref.r_squared))).toBeGreaterThanOrEqual(14);
    expect(lre(fit.ssr, Number(ref.ssr))).toBeGreaterThanOrEqual(14);
    expect(lre(fit.tss, Number(ref.tss))).toBeGreaterThanOrEqual(14);
    if (ref.f === null) expect(fit.fStat).toBeGreaterThan(1e25);
    else expect(lre(fit.fStat!, Number(ref.f))).toBeGreaterThanOrEqual(14);
  });
});
