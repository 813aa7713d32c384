#!/usr/bin/env python3
"""Reference values for test/core/tournament.test.ts (`--estimator auto`).

    /usr/bin/python3 scripts/reference/tournament_reference.py

(numpy 1.24.2.) Data: scripts/reference/kalman-series.csv (written by kalman_reference.py),
y on x1 with an intercept, n = 400.

Each entrant's walk-forward, written from the definitions with numpy (no recursion, a fresh
fit at every t): e_t = y_t - h_t x_t with h_t from returns before t only,
  ols:        the OLS slope of returns 0 .. t-1 (np.linalg.lstsq with a constant);
  ewma-H:     cov_w(x, y) / var_w(x), weights lam^(t-1-s), lam = 2^(-1/H), centred on the
              weighted means, returns 0 .. t-1;
  rolling-W:  the OLS slope of returns max(0, t-W) .. t-1.
Scores: 1 - var(e)/var(y) over the middle third t = n//3 .. 2(n//3) - 1 (selectionEffectiveness)
and the last third t = 2(n//3) .. n-1 (outOfSample), variances with ddof 1.
"""
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
data = np.genfromtxt(os.path.join(here, "kalman-series.csv"), delimiter=",", names=True)
x, y = data["x1"], data["y"]
n = len(y)
third = n // 3


def ols(t, w=None):
    lo = 0 if w is None else max(0, t - w)
    X = np.column_stack([np.ones(t - lo), x[lo:t]])
    return np.linalg.lstsq(X, y[lo:t], rcond=None)[0][1]


def ewma(t, h):
    lam = 2 ** (-1 / h)
    wts = lam ** np.arange(t - 1, -1, -1)
    wts = wts / wts.sum()
    mx, my = wts @ x[:t], wts @ y[:t]
    return (wts @ ((x[:t] - mx) * (y[:t] - my))) / (wts @ ((x[:t] - mx) ** 2))


def scores(ratio):
    e = np.array([y[t] - ratio(t) * x[t] for t in range(third, n)])
    mid = slice(0, third)
    last = slice(third, None)
    eff = lambda s: 1 - np.var(e[s], ddof=1) / np.var(y[third:][s], ddof=1)
    return eff(mid), eff(last)


entrants = [("ols", lambda t: ols(t))]
entrants += [("ewma-%d" % h, (lambda h: lambda t: ewma(t, h))(h)) for h in (10, 30, 90)]
entrants += [("rolling-%d" % w, (lambda w: lambda t: ols(t, w))(w)) for w in (60, 180)]
for name, ratio in entrants:
    s, o = scores(ratio)
    print("%-12s selection %r outOfSample %r" % (name, float(s), float(o)))
