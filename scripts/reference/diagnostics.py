#!/usr/bin/env python3
"""Reference values for the stability diagnostics (rolling, breaks, effectiveness).

Run from the repository root with Debian's python3 (pandas 1.5, statsmodels 0.13, scipy):
    /usr/bin/python3 scripts/reference/diagnostics.py > scripts/reference/diagnostics.ts
It generates a small seeded dataset, computes every reference value with pandas / statsmodels
(independently of the TypeScript code), and prints a TypeScript module that the tests import.
Development-time only: the tests never run Python.
"""
import sys

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

N, RECENT, WINDOW = 80, 20, 10
rng = np.random.default_rng(20240601)
x1 = 0.03 * rng.standard_t(5, N)
x2 = 0.5 * x1 + 0.02 * rng.standard_t(5, N)
e = 0.02 * rng.standard_t(5, N)
beta = np.where(np.arange(N) < N - RECENT, 1.1, 0.4)
y = 0.001 + beta * x1 + 0.3 * x2 + e
x1, x2, y = (np.round(v, 6) for v in (x1, x2, y))
df = pd.DataFrame({"y": y, "x1": x1, "x2": x2})


def ols(yv, xs, intercept, cov="nonrobust"):
    X = np.column_stack(xs)
    if intercept:
        X = sm.add_constant(X, has_constant="add")
    return sm.OLS(yv, X).fit(cov_type=cov)


# --- rolling -------------------------------------------------------------------------------
roll_corr = df.y.rolling(WINDOW).corr(df.x1).dropna().to_numpy()
roll_beta = (df.y.rolling(WINDOW).cov(df.x1) / df.x1.rolling(WINDOW).var()).dropna().to_numpy()
roll_beta0 = ((df.y * df.x1).rolling(WINDOW).sum() / (df.x1**2).rolling(WINDOW).sum()).dropna().to_numpy()
summary = dict(
    min=roll_corr.min(), max=roll_corr.max(), mean=roll_corr.mean(),
    stdDev=roll_corr.std(ddof=1), last=roll_corr[-1],
)

# --- Fisher z ------------------------------------------------------------------------------
nb = N - RECENT
before, recent = df.iloc[:nb], df.iloc[nb:]
r_b = before.y.corr(before.x1)
r_r = recent.y.corr(recent.x1)
z_classic = (np.arctanh(r_b) - np.arctanh(r_r)) / np.sqrt(1 / (nb - 3) + 1 / (RECENT - 3))
p_classic = 2 * stats.norm.sf(abs(z_classic))
zw = np.arctanh(before.y.rolling(RECENT).corr(before.x1).dropna().to_numpy())
t_rob = (zw.mean() - np.arctanh(r_r)) / (zw.std(ddof=1) * np.sqrt(1 + RECENT / nb))
df_rob = nb / RECENT - 1
p_rob = 2 * stats.t.sf(abs(t_rob), df_rob)
fisher = dict(
    rBefore=r_b, rRecent=r_r, rTypical=np.tanh(zw.mean()), z=t_rob, df=df_rob, pValue=p_rob,
    windowStdDev=zw.std(ddof=1), zClassic=z_classic, pValueClassic=p_classic,
)


# --- Chow, classic and HC3-robust ----------------------------------------------------------
def chow(cols, intercept):
    xs = [df[c].to_numpy() for c in cols]
    k = len(cols)
    p = k + (1 if intercept else 0)
    full = ols(y, xs, intercept)
    b = ols(y[:nb], [v[:nb] for v in xs], intercept, "HC3")
    r = ols(y[nb:], [v[nb:] for v in xs], intercept, "HC3")
    f_classic = ((full.ssr - b.ssr - r.ssr) / p) / ((b.ssr + r.ssr) / (N - 2 * p))
    s = slice(1, None) if intercept else slice(None)
    d = b.params[s] - r.params[s]
    v = np.asarray(b.cov_params())[s, s] + np.asarray(r.cov_params())[s, s]
    w = float(d @ np.linalg.solve(v, d))
    df2 = min(nb, RECENT) - p
    return dict(
        f=w / k, pValue=stats.f.sf(w / k, k, df2), df1=k, df2=df2,
        betaBefore=list(b.params[s]), betaRecent=list(r.params[s]),
        fClassic=f_classic, pValueClassic=stats.f.sf(f_classic, p, N - 2 * p),
    )


chow_cases = {
    "x1, intercept": chow(["x1"], True),
    "x1, no intercept": chow(["x1"], False),
    "x1 x2, intercept": chow(["x1", "x2"], True),
}

# --- dispersion of window slopes -----------------------------------------------------------
full = ols(y, [x1], True)
resid = y - full.params[0] - full.params[1] * x1
m = N // WINDOW
first = N - m * WINDOW
q = 0.0
wb, wc = [], []
for i in range(m):
    a, bnd = first + i * WINDOW, first + (i + 1) * WINDOW
    xs, ys, es = x1[a:bnd], y[a:bnd], resid[a:bnd]
    d = xs - xs.mean()
    q += (d @ es) ** 2 / ((d**2) @ (es**2))
    wb.append(ols(ys, [xs], True).params[1])
    wc.append(np.corrcoef(xs, ys)[0, 1])
dispersion = dict(
    statistic=q, df=m - 1, pValue=stats.chi2.sf(q, m - 1), beta=full.params[1],
    windowBetas=wb, windowCorrelations=wc,
)

# --- downside beta -------------------------------------------------------------------------
down, up = x1 < 0, x1 >= 0
fd = ols(y[down], [x1[down]], True, "HC3")
fu = ols(y[up], [x1[up]], True, "HC3")
wd = (fd.params[1] - fu.params[1]) ** 2 / (fd.cov_params()[1, 1] + fu.cov_params()[1, 1])
downside = dict(
    downside=fd.params[1], upside=fu.params[1], nDown=int(down.sum()), nUp=int(up.sum()),
    f=wd, pValue=stats.f.sf(wd, 1, min(down.sum(), up.sum()) - 2),
)


# --- effectiveness -------------------------------------------------------------------------
def walk_forward(cols, intercept, estimator, halflife=None):
    xs = [df[c].to_numpy() for c in cols]
    start = N // 2
    errs = []
    for t in range(start, N):
        if estimator == "ols":
            h = ols(y[:t], [v[:t] for v in xs], intercept).params[1 if intercept else 0:]
        else:
            cov = df[cols + ["y"]].iloc[:t].ewm(halflife=halflife, adjust=True).cov().loc[t - 1].to_numpy()
            h = np.linalg.solve(cov[:-1, :-1], cov[:-1, -1])
        errs.append(y[t] - sum(hj * v[t] for hj, v in zip(h, xs)))
    return 1 - np.var(errs, ddof=1) / np.var(y[start:], ddof=1)


slope = full.params[1]
effectiveness = dict(
    olsSlope=slope,
    inSample=1 - np.var(y - slope * x1, ddof=1) / np.var(y, ddof=1),
    rSquared=full.rsquared,
    walkForwardOls=walk_forward(["x1"], True, "ols"),
    walkForwardOlsNoIntercept=walk_forward(["x1"], False, "ols"),
    walkForwardEwma=walk_forward(["x1"], True, "ewma", 10),
    walkForwardOls2=walk_forward(["x1", "x2"], True, "ols"),
    walkForwardEwma2=walk_forward(["x1", "x2"], True, "ewma", 10),
)


def ts(v):
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{json_key(k)}: {ts(x)}" for k, x in v.items()) + " }"
    if isinstance(v, (list, tuple, np.ndarray)):
        return "[" + ", ".join(ts(x) for x in v) + "]"
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    return repr(float(v)) if not float(v).is_integer() or abs(float(v)) > 1e15 else str(int(v))


def json_key(k):
    return k if k.isidentifier() else repr(k)


out = sys.stdout
out.write("// Generated by: /usr/bin/python3 scripts/reference/diagnostics.py > scripts/reference/diagnostics.ts\n")
out.write(f"// pandas {pd.__version__}, statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}.\n")
out.write("// Reference values for test/core/{rolling,breaks,effectiveness}.test.ts. Do not edit by hand.\n")
out.write("// prettier-ignore\n")
out.write("export const REFERENCE = {\n")
for name, value in [
    ("n", N), ("recent", RECENT), ("window", WINDOW),
    ("y", y), ("x", x1), ("x2", x2),
    ("rollingCorrelation", roll_corr), ("rollingBeta", roll_beta), ("rollingBetaNoIntercept", roll_beta0),
    ("rollingSummary", summary), ("fisher", fisher), ("chow", chow_cases),
    ("dispersion", dispersion), ("downside", downside), ("effectiveness", effectiveness),
]:
    out.write(f"  {json_key(name)}: {ts(value)},\n")
out.write("};\n")
