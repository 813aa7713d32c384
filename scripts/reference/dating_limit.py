#!/usr/bin/env python3
"""How precisely can any least-squares-type method date a halving of beta?

The calibration's "beta halved 1.14 -> 0.57" markets (bench/calibration.ts, tools/sim/market.ts):
x = 0.035 e_x, y = b_t x + 0.03 e_e, e_x and e_e independent unit-variance GARCH(1,1) 0.08/0.90
with Student-t(4) innovations, b = 1.143 before the break and 0.571 after it, the break spread
evenly over 50-85 % of n. This script dates the break by the split minimising the two parts'
(weighted) sums of squared residuals, each part with its own intercept and slope, every split
leaving 15 rows each side, with:

- ols: ordinary least squares (hedge's date before issue 15's weighting);
- oracle gls: each row weighted by 1 / (the TRUE conditional variance of its error), which no
  estimate from the data can beat;
- oracle gls + huber / bisquare: the same, times robustness weights of the oracle-standardised
  residuals of the two-part fit at the oracle-GLS date (Huber c = 1.345, Tukey c = 4.685);
- iid gaussian: the same markets without GARCH and with Gaussian errors, where least squares is
  the maximum-likelihood date (the most favourable case for any method).

It prints the share of markets dated within 5 % of n of the true break; then, as a bound on
detection, the share where the robust (HC0) Wald test of equal slopes at the TRUE break date
rejects at 0.0025 (the dated test's share of --break-p-value 0.01): a test that has to search
for the date, as hedge's sup-Wald does, needs a larger statistic (its 0.25 % critical value is
15.0 against chi-square(1)'s 9.14) and cannot do better. The figures in
docs/diagnostics.md (Calibration, after the table of breaks at an unknown date) come from:

    /usr/bin/python3 scripts/reference/dating_limit.py 2000

(numpy and scipy; seeded; about a minute.) Not a test input: it bounds what the tests can ask for.
"""
import sys

import numpy as np

M = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
RNG = np.random.default_rng(20261206)
B0, B1, VOLX, S = 0.04 / 0.035, 0.02 / 0.035, 0.035, 0.03


def garch_t(n, a=0.08, b=0.90, df=4, burn=500):
    """Unit-long-run-variance GARCH(1,1) with standardised t(df) innovations, and its sigma_t."""
    z = RNG.standard_t(df, n + burn) / np.sqrt(df / (df - 2))
    h = np.empty(n + burn)
    e = np.empty(n + burn)
    hp, ep = 1.0, 0.0
    for t in range(n + burn):
        hp = (1 - a - b) + a * ep * ep + b * hp
        h[t] = hp
        ep = np.sqrt(hp) * z[t]
        e[t] = ep
    return e[burn:], np.sqrt(h[burn:])


def ls_date(y, x, w, h=15):
    """Split minimising the parts' weighted SSR (own intercept and slope each), as first row."""
    n = len(y)

    def c(a):
        return np.concatenate([[0.0], np.cumsum(a)])

    W, Sx, Sy, Sxx, Sxy, Syy = c(w), c(w * x), c(w * y), c(w * x * x), c(w * x * y), c(w * y * y)
    tau = np.arange(h, n - h + 1)

    def ssr(n1, sx, sy, sxx, sxy, syy):
        cxx = sxx - sx * sx / n1
        cxy = sxy - sx * sy / n1
        return syy - sy * sy / n1 - cxy * cxy / cxx

    s1 = ssr(W[tau], Sx[tau], Sy[tau], Sxx[tau], Sxy[tau], Syy[tau])
    s2 = ssr(W[n] - W[tau], Sx[n] - Sx[tau], Sy[n] - Sy[tau], Sxx[n] - Sxx[tau],
             Sxy[n] - Sxy[tau], Syy[n] - Syy[tau])
    return tau[np.argmin(s1 + s2)]


def two_part_residuals(y, x, tau):
    r = np.empty(len(y))
    for a, b in ((0, tau), (tau, len(y))):
        X = np.column_stack([np.ones(b - a), x[a:b]])
        r[a:b] = y[a:b] - X @ np.linalg.lstsq(X, y[a:b], rcond=None)[0]
    return r


def known_date_wald(y, x, w, tau):
    """Robust Wald statistic of equal slopes at split tau, each part weighted by w, HC0."""
    parts = []
    for a, b in ((0, tau), (tau, len(y))):
        ww, xx, yy = w[a:b], x[a:b], y[a:b]
        mx = np.sum(ww * xx) / np.sum(ww)
        my = np.sum(ww * yy) / np.sum(ww)
        sxx = np.sum(ww * (xx - mx) ** 2)
        slope = np.sum(ww * (xx - mx) * (yy - my)) / sxx
        e = yy - my - slope * (xx - mx)
        parts.append((slope, np.sum((ww * (xx - mx)) ** 2 * e * e) / sxx**2))
    return (parts[0][0] - parts[1][0]) ** 2 / (parts[0][1] + parts[1][1])


def main():
    from scipy.stats import chi2

    crit = chi2.ppf(1 - 0.0025, 1)
    print(f"beta 1.14 -> 0.57 at 50-85 % of n, {M} markets per n: share dated within 5 % of n")
    print("n      ols  oracle-gls  +huber  +bisquare  iid-gaussian | known date: ols  oracle-gls")
    for n in (500, 730, 1500):
        hits = np.zeros(7)
        for i in range(M):
            at = int(round(n * (0.5 + 0.35 * (i + 0.5) / M)))
            b = np.where(np.arange(n) < at, B0, B1)
            ex, _ = garch_t(n)
            ee, se = garch_t(n)
            x = VOLX * ex
            y = b * x + S * ee
            ones = np.ones(n)
            w = 1 / (se * se)
            t_gls = ls_date(y, x, w)
            r = two_part_residuals(y, x, t_gls) * np.sqrt(w)
            u = np.abs(r) / (np.median(np.abs(r)) / 0.6745)
            huber = np.where(u <= 1.345, 1.0, 1.345 / u)
            bisq = np.where(u <= 4.685, (1 - (u / 4.685) ** 2) ** 2, 0.0)
            xg = VOLX * RNG.standard_normal(n)
            yg = b * xg + S * RNG.standard_normal(n)
            dates = (ls_date(y, x, ones), t_gls, ls_date(y, x, w * huber),
                     ls_date(y, x, w * bisq), ls_date(yg, xg, ones))
            found = (known_date_wald(y, x, ones, at) > crit, known_date_wald(y, x, w, at) > crit)
            hits += [abs(d - at) <= 0.05 * n for d in dates] + list(found)
        print(f"{n:<5}" + "".join(f"{h / M:>10.3f}" for h in hits[:5]) + "  |"
              + "".join(f"{h / M:>10.3f}" for h in hits[5:]))


if __name__ == "__main__":
    main()
