#!/usr/bin/env python3
"""Reference values for test/core/ewma.test.ts.

    /usr/bin/python3 scripts/reference/ewma_reference.py

Data: numpy RandomState(11), three columns (hedges F1, F2, then the position S), 6 decimals.
Values: the definition in src/core/ewma.ts evaluated in 50-digit arithmetic (mpmath), printed with
17 significant digits:
  w_t = 2^(-(n-1-t)/h);  centered: sum w (x-mu)(y-mu) / (V1 - V2/V1), mu = sum w x / V1;
  not centered: sum w x y / V1;  ratio h = Sigma_FF^-1 sigma_FS.
Cross-checks printed as comments: numpy float64 by the same definition, and for the centered case
pandas DataFrame.ewm(halflife=h, adjust=True).cov(bias=False) at the last timestamp.
"""
import mpmath as mp
import numpy as np
import pandas as pd

mp.mp.dps = 50
rs = np.random.RandomState(11)
n = 50
f1 = rs.normal(0, 0.02, n)
f2 = 0.5 * f1 + rs.normal(0, 0.015, n)
s = 0.0003 + 0.9 * f1 - 0.2 * f2 + rs.normal(0, 0.01, n)
cols = [[float("%.6f" % v) for v in c] for c in (f1, f2, s)]


def cov_mp(cols, h, centered):
    n = len(cols[0])
    w = [mp.mpf(2) ** (-mp.mpf(n - 1 - t) / h) for t in range(n)]
    v1 = sum(w)
    v2 = sum(x * x for x in w)
    mus = [sum(wt * mp.mpf(x) for wt, x in zip(w, c)) / v1 if centered else mp.mpf(0) for c in cols]
    den = v1 - v2 / v1 if centered else v1
    return [[sum(wt * (mp.mpf(a) - mi) * (mp.mpf(b) - mj) for wt, a, b in zip(w, ci, cj)) / den
             for cj, mj in zip(cols, mus)] for ci, mi in zip(cols, mus)]


def cov_np(cols, h, centered):
    x = np.array(cols).T
    n = x.shape[0]
    w = 2.0 ** (-(n - 1 - np.arange(n)) / h)
    v1, v2 = w.sum(), (w * w).sum()
    mu = (w @ x) / v1 if centered else np.zeros(x.shape[1])
    d = x - mu
    return (d.T * w) @ d / ((v1 - v2 / v1) if centered else v1)


def fmt(v):
    return "%.17g" % v


print("const F1 = [%s];" % ", ".join(repr(v) for v in cols[0]))
print("const F2 = [%s];" % ", ".join(repr(v) for v in cols[1]))
print("const S = [%s];" % ", ".join(repr(v) for v in cols[2]))
for h, centered in ((10, True), (3.5, False), (1e6, True)):
    c = cov_mp(cols, mp.mpf(h), centered)
    m = mp.matrix([[c[i][j] for j in range(2)] for i in range(2)])
    ratio = mp.lu_solve(m, mp.matrix([c[0][2], c[1][2]]))
    print("// halflife %s, centered %s" % (h, centered))
    print("cov: [%s]" % ", ".join("[%s]" % ", ".join(fmt(v) for v in row) for row in c))
    print("ratio: [%s]" % ", ".join(fmt(v) for v in ratio))
    cn = cov_np(cols, h, centered)
    rel = max(abs(float(c[i][j]) - cn[i][j]) / abs(float(c[i][j])) for i in range(3) for j in range(3))
    print("// numpy float64, same definition: max relative difference %.1e" % rel)
    if centered:
        df = pd.DataFrame(np.array(cols).T)
        pc = df.ewm(halflife=h, adjust=True).cov(bias=False).loc[n - 1].values
        rel = max(abs(float(c[i][j]) - pc[i][j]) / abs(float(c[i][j])) for i in range(3) for j in range(3))
        print("// pandas ewm(halflife=%s, adjust=True).cov(bias=False): max relative difference %.1e" % (h, rel))
