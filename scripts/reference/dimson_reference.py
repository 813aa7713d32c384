#!/usr/bin/env python3
"""Reference values for test/core/dimson.test.ts (`--lags`, Dimson betas).

    /usr/bin/python3 scripts/reference/dimson_reference.py

(numpy 1.24.2, statsmodels 0.13.5.) Writes scripts/reference/dimson-series.csv (6 decimals, so
both languages read the same doubles) and prints the values the test compares with.

Data: numpy RandomState(1979), n = 300: two hedges x1 = 0.03 N(0,1), x2 = 0.5 x1 + 0.02 N(0,1);
y = 0.0004 + 0.6 x1_t + 0.3 x1_{t-1} + 0.1 x1_{t-2} + 0.4 x2_t + 0.2 x2_{t-1} + heteroskedastic
noise 0.01 (1 + 20 |x1_t|) N(0,1), and y0 the same without the lagged terms (lags not significant).

Regression (lags L = 2, lag-major columns as src/report/position/series.ts laggedSeries orders
them): y_t on [1, x1_t, x2_t, x1_{t-1}, x2_{t-1}, x1_{t-2}, x2_{t-2}], t = 2 … n − 1.
Dimson beta of hedge j: the sum of its three slopes; its standard error sqrt(1' Cov_j 1) from the
classical covariance (statsmodels cov_params()). The lagged-slopes test: statsmodels
fit(cov_type='HC3').wald_test(<the four lagged slopes = 0>, use_f=True).
"""
import os

import numpy as np
import statsmodels.api as sm

rs = np.random.RandomState(1979)
n = 300
x1 = np.round(0.03 * rs.normal(size=n), 6)
x2 = np.round(0.5 * x1 + 0.02 * rs.normal(size=n), 6)
e = 0.01 * (1 + 20 * np.abs(x1)) * rs.normal(size=n)
lag = lambda v, l: np.concatenate([np.zeros(l), v[: n - l]])
y = 0.0004 + 0.6 * x1 + 0.3 * lag(x1, 1) + 0.1 * lag(x1, 2) + 0.4 * x2 + 0.2 * lag(x2, 1) + e
y = np.round(y, 6)
y0 = np.round(0.0004 + 0.6 * x1 + 0.4 * x2 + e, 6)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "dimson-series.csv"), "w") as f:
    f.write("x1,x2,y,y0\n")
    for row in zip(x1, x2, y, y0):
        f.write(",".join("%.6f" % v for v in row) + "\n")

L = 2
cols = []
for l in range(L + 1):
    for x in (x1, x2):
        cols.append(x[L - l : n - l])
X = sm.add_constant(np.column_stack(cols))
for name, target in (("y", y), ("y0", y0)):
    yy = target[L:]
    fit = sm.OLS(yy, X).fit()
    cov = fit.cov_params()
    print("# %s (n = %d returns in the regression)" % (name, len(yy)))
    for j in range(2):
        idx = [1 + l * 2 + j for l in range(L + 1)]
        beta = fit.params[idx].sum()
        se = np.sqrt(np.ones(L + 1) @ cov[np.ix_(idx, idx)] @ np.ones(L + 1))
        print("hedge %d: lagBetas %s" % (j + 1, [repr(float(b)) for b in fit.params[idx]]))
        print("hedge %d: beta %r stdError %r" % (j + 1, float(beta), float(se)))
    hc3 = sm.OLS(yy, X).fit(cov_type="HC3")
    R = np.zeros((4, X.shape[1]))
    for i, c in enumerate(range(3, 7)):
        R[i, c] = 1
    w = hc3.wald_test(R, use_f=True)
    print("lagged slopes: F %r df (%d, %d) p %r" % (float(w.fvalue), w.df_num, w.df_denom, float(w.pvalue)))
