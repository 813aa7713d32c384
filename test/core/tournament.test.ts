/**
 * `--estimator auto`'s tournament (src/core/estimators/tournament.ts): the entrants' scores
 * against walk-forwards written from the definitions with numpy, `/usr/bin/python3
 * scripts/reference/tournament_reference.py` (numpy 1.24.2; data scripts/reference/
 * kalman-series.csv); no look-ahead; and the two markets: a beta that drifts as a random
 * walk must be answered with a time-varying estimator, a stable one must not lose more than 0.01
 * of effectiveness to OLS (tools/sim/drift.ts, tools/sim/market.ts).
 */
import { autoCandidates } from '../../src/core/estimators/auto';
import { positionEstimate } from '../../src/core/estimators/estimate';
import { autoEstimator } from '../../src/core/estimators/auto';
import { runTournament } from '../../src/core/estimators/tournament';
import { simulateDriftingPair } from '../../tools/sim/drift';
import { simulatePair } from '../../tools/sim/market';
import { referenceColumns } from '../support/reference-series';

const column = referenceColumns('kalman-series.csv');
const X = column('x1');
const Y = column('y');

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('the entrants scored on the middle and last thirds (numpy)', () => {
  const result = runTournament(autoCandidates(), { y: Y, xs: [X], intercept: true, params: {} });
  // scripts/reference/tournament_reference.py
  const reference: [string, number, number][] = [
    ['ols', 0.5270517623983728, 0.7885881490347662],
    ['ewma-10', 0.5636913293436103, 0.7851962510582047],
    ['ewma-30', 0.5596402127711705, 0.7858380381645584],
    ['ewma-90', 0.5448559980326112, 0.7858361387360883],
    ['rolling-60', 0.5483089416466944, 0.7835536426603154],
    ['rolling-180', 0.527822007599273, 0.7774883415905157],
  ];

  test.each(reference)('%s to 1e-9', (name, selection, outOfSample) => {
    const e = result.entries.find((x) => x.name === name)!;
    expect(rel(e.selectionEffectiveness!, selection)).toBeLessThan(1e-9);
    expect(rel(e.outOfSample!, outOfSample)).toBeLessThan(1e-9);
  });

  test('the entrants, in order, and the winner: the best on the middle third, > OLS + 0.01', () => {
    expect(result.entries.map((e) => e.name)).toEqual([
      'ols',
      'ewma-10',
      'ewma-30',
      'ewma-90',
      'rolling-60',
      'rolling-180',
      'kalman',
    ]);
    const best = Math.max(...result.entries.map((e) => e.selectionEffectiveness ?? -Infinity));
    expect(result.entries[result.winner]!.selectionEffectiveness).toBe(best);
    expect(best).toBeGreaterThan(result.entries[0]!.selectionEffectiveness! + 0.01);
    // a margin the best does not clear leaves OLS
    const strict = runTournament(
      autoCandidates(),
      { y: Y, xs: [X], intercept: true, params: {} },
      best - result.entries[0]!.selectionEffectiveness! + 1e-12,
    );
    expect(strict.winner).toBe(0);
    expect(result.lastThird!.start).toBe(2 * Math.floor(Y.length / 3));
  });

  test("the position's estimate: the winner's name, ratios on all returns and last third", () => {
    const est = positionEstimate(autoEstimator, { y: Y, xs: [X], intercept: true, params: {} });
    const w = result.entries[result.winner]!;
    expect(est.name).toBe(w.name);
    expect(est.entries).toEqual(result.entries);
    expect(est.walk!.start).toBe(2 * Math.floor(Y.length / 3));
  });
});

describe('no look-ahead', () => {
  test('changing the last third leaves the choice and its scores', () => {
    const y2 = Y.slice();
    for (let t = 2 * Math.floor(Y.length / 3); t < Y.length; t++) y2[t] = -3 * y2[t]!;
    const a = runTournament(autoCandidates(), { y: Y, xs: [X], intercept: true, params: {} });
    const b = runTournament(autoCandidates(), { y: y2, xs: [X], intercept: true, params: {} });
    expect(b.winner).toBe(a.winner);
    expect(b.entries.map((e) => e.selectionEffectiveness)).toEqual(
      a.entries.map((e) => e.selectionEffectiveness),
    );
    expect(b.entries[0]!.outOfSample).not.toBe(a.entries[0]!.outOfSample);
  });
});

describe("the issue's markets", () => {
  const TIME_VARYING = /^(ewma|rolling|kalman)/;

  test.each([1, 2, 3, 4, 5])(
    'a beta drifting as a random walk (seed %i): a time-varying winner',
    (seed) => {
      const { x, y } = simulateDriftingPair({ n: 1000, seed, step: 0.03 });
      const r = runTournament(autoCandidates(), { y, xs: [x], intercept: true, params: {} });
      expect(r.entries[r.winner]!.name).toMatch(TIME_VARYING);
      // and it hedges the last third better than OLS
      expect(r.entries[r.winner]!.outOfSample!).toBeGreaterThan(r.entries[0]!.outOfSample!);
    },
  );

  test('a stable beta: the winner loses at most 0.01 of effectiveness to OLS (10 markets)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { x, y } = simulatePair({ n: 1000, seed, rho: 0.7 });
      const r = runTournament(autoCandidates(), { y, xs: [x], intercept: true, params: {} });
      expect(r.entries[r.winner]!.outOfSample!).toBeGreaterThanOrEqual(
        r.entries[0]!.outOfSample! - 0.01,
      );
    }
  });

  test('too few returns to score: every entrant null, OLS is the winner', () => {
    const { x, y } = simulatePair({ n: 5, seed: 1, rho: 0.7 });
    const r = runTournament(autoCandidates(), { y, xs: [x], intercept: true, params: {} });
    expect(r.entries.every((e) => e.selectionEffectiveness === null)).toBe(true);
    expect(r.winner).toBe(0);
    expect(r.lastThird).toBeNull();
  });
});
