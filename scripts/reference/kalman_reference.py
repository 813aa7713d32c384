#!/usr/bin/env python3
"""Reference values for test/core/kalman.test.ts (`--estimator kalman`).

    /usr/bin/python3 scripts/reference/kalman_reference.py

(numpy 1.24.2, scipy 1.10.1, statsmodels 0.13.5.)

Data (written to scripts/reference/kalman-series.csv): numpy RandomState(16), n = 400: x1 = 0.03 N(0,1),
x2 = 0.6 x1 + 0.02 N(0,1); y = 0.0005 + b_t x1 + 0.01 N(0,1) with b_t = 1 + 0.02 cumsum N(0,1);
y2 = y + 0.4 x2; y3 = b3_t x1 + 0.01 N with b3_t = 1 + 0.05 cumsum N (no intercept); y4 = a4_t +
b4_t x1 + 0.01 N with a4, b4 random walks of step variance 1e-5 (the issue's model). 6 decimals,
so both languages read the same doubles.

The model (the issue's): y_t = z_t'a_t + e_t, e_t ~ N(0, r); a_t = a_{t-1} + h_t, h_t ~ N(0, q I);
z_t = (1, x_t) with an intercept, x_t without; a_0 = 0, P_0 = 1e6 I. Filter per t:
P <- P + qI; v = y - z'a; F = z'Pz + r; K = Pz/F; a <- a + Kv; P <- P - K z'P.
Log-likelihood: sum over t >= burn (burn = dim a) of -1/2 (ln 2 pi + ln F + v^2/F).
Walk-forward: e_t = y_t - sum_j a_j x_jt with the slopes filtered through t - 1, t >= n // 2.

Checks printed as comments: statsmodels' state-space filter (MLEModel with time-varying design,
initialised at the predicted P_1 = P_0 + qI) against the numpy filter; and statsmodels' own
MLE (its fit from the same start) against the reference MLE.

MLE: theta = (ln q, ln r); q = exp(f + |theta_q - f|) reflects at the floor f = ln(1e-12 r0 /
(n max_t |z_t|^2)), r0 = OLS residual variance (SSR / (n - m)); start from the best of the grid
q = r0 10^e, e = 2, 1, 0, ... (r = r0), then scipy Nelder-Mead with xatol 1e-11, fatol 1e-13,
polished by L-BFGS-B. That is the maximum the TypeScript optimiser must find.
"""
import os

import numpy as np
import scipy.optimize as so
import statsmodels.api as sm

rs = np.random.RandomState(16)
n = 400
x1 = 0.03 * rs.normal(size=n)
x2 = 0.6 * x1 + 0.02 * rs.normal(size=n)
b = 1 + 0.02 * np.cumsum(rs.normal(size=n))
y = 0.0005 + b * x1 + 0.01 * rs.normal(size=n)
y2 = y + 0.4 * x2
# No intercept, the slope a random walk of step 0.05: the slope's q is identified.
b3 = 1 + 0.05 * np.cumsum(rs.normal(size=n))
y3 = b3 * x1 + 0.01 * rs.normal(size=n)
# The model itself: intercept and slope random walks of the same step variance 1e-5.
a4 = 0.003162 * np.cumsum(rs.normal(size=n))
b4 = 1 + 0.003162 * np.cumsum(rs.normal(size=n))
y4 = a4 + b4 * x1 + 0.01 * rs.normal(size=n)


def r6(v):
    return np.array([float("%.6f" % t) for t in v])


x1, x2, y, y2, y3, y4 = (r6(v) for v in (x1, x2, y, y2, y3, y4))
FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kalman-series.csv")
with open(FIXTURE, "w") as out:
    out.write("x1,x2,y,y2,y3,y4\n")
    for row in zip(x1, x2, y, y2, y3, y4):
        out.write(",".join("%.6f" % v for v in row) + "\n")


def design(xs, intercept):
    cols = ([np.ones(n)] if intercept else []) + list(xs)
    return np.column_stack(cols)


def kf(yv, Z, q, r, intercept, walk_start=None):
    """The issue's filter, written with numpy matrices."""
    count = len(yv)
    m = Z.shape[1]
    off = 1 if intercept else 0
    a = np.zeros(m)
    P = 1e6 * np.eye(m)
    ll = 0.0
    errors = []
    prev = None
    for t in range(count):
        z = Z[t]
        P = P + q * np.eye(m)
        if walk_start is not None and t >= walk_start:
            errors.append(yv[t] - a[off:] @ z[off:])
        if t == count - 1:
            prev = a[off:].copy()
        v = yv[t] - z @ a
        F = z @ P @ z + r
        K = P @ z / F
        a = a + K * v
        P = P - np.outer(K, z @ P)
        if t >= m:
            ll += -0.5 * (np.log(2 * np.pi) + np.log(F) + v * v / F)
    return ll, a, np.array(errors), prev


class TVP(sm.tsa.statespace.MLEModel):
    """The same model in statsmodels' state-space framework (fixed q, r given to update)."""

    def __init__(self, yv, Z):
        m = Z.shape[1]
        super().__init__(yv, k_states=m, k_posdef=m)
        self.ssm["design"] = Z.T[np.newaxis, :, :]
        self.ssm["transition"] = np.eye(m)
        self.ssm["selection"] = np.eye(m)
        self.ssm.loglikelihood_burn = m
        self.m = m

    @property
    def start_params(self):
        return np.array([1e-4, 1e-4])

    def transform_params(self, u):
        return np.exp(u)

    def untransform_params(self, c):
        return np.log(c)

    def update(self, params, **kwargs):
        params = super().update(params, **kwargs)
        q, r = params
        self.ssm["state_cov"] = q * np.eye(self.m)
        self.ssm["obs_cov"] = np.array([[r]])
        self.ssm.initialize_known(np.zeros(self.m), (1e6 + q) * np.eye(self.m))


def fmt(v):
    return "%.17g" % v


def arr(v):
    return "[%s]" % ", ".join(fmt(t) for t in v)


print("// data: scripts/reference/kalman-series.csv (written by this script)")

cases = [
    ("one hedge, intercept", y, [x1], True, 2e-4, 1.1e-4),
    ("two hedges, intercept", y2, [x1, x2], True, 5e-5, 1e-4),
    ("one hedge, no intercept", y, [x1], False, 3e-4, 1.2e-4),
]
for name, yv, xs, intercept, q, r in cases:
    Z = design(xs, intercept)
    ll, a, errors, prev = kf(yv, Z, q, r, intercept, walk_start=n // 2)
    tested = yv[n // 2:]
    eff = 1 - np.var(errors, ddof=1) / np.var(tested, ddof=1)
    print("// %s, q %s, r %s" % (name, q, r))
    print("logLikelihood: %s, state: %s, previousSlopes: %s," % (fmt(ll), arr(a), arr(prev)))
    print("walkEffectiveness: %s, firstError: %s, lastError: %s," % (fmt(eff), fmt(errors[0]), fmt(errors[-1])))
    model = TVP(yv, Z)
    res = model.filter(np.array([q, r]), transformed=True)
    print("// statsmodels filter: loglikelihood differs by %.1e, last filtered state by %.1e"
          % (abs(res.llf - ll), np.max(np.abs(res.filtered_state[:, -1] - a))))


def mle(yv, xs, intercept):
    Z = design(xs, intercept)
    m = Z.shape[1]
    beta, ssr, _, _ = np.linalg.lstsq(Z, yv, rcond=None)
    r0 = float(ssr[0]) / (n - m)
    zmax = max(float(z @ z) for z in Z)
    floor = np.log(1e-12 * r0 / (n * zmax))

    def q_of(tq):
        return np.exp(floor + abs(tq - floor))

    def f(theta):
        ll = kf(yv, Z, q_of(theta[0]), np.exp(theta[1]), intercept)[0]
        return -ll if np.isfinite(ll) else np.inf

    grid = []
    e = 2
    while True:
        qg = r0 * 10.0 ** e
        if qg < np.exp(floor):
            break
        grid.append((f([np.log(qg), np.log(r0)]), np.log(qg)))
        e -= 1
    best = min(grid)
    x0 = np.array([best[1], np.log(r0)])
    res = so.minimize(f, x0, method="Nelder-Mead",
                      options={"xatol": 1e-11, "fatol": 1e-13, "maxfev": 20000})
    pol = so.minimize(f, res.x, method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-10})
    theta = pol.x if pol.fun <= res.fun else res.x
    q, r = q_of(theta[0]), np.exp(theta[1])
    ll = -f(theta)
    # Observed information of (ln q, ln r) by central differences: the statistical scale.
    h = 1e-3
    H = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            ei = np.eye(2)[i] * h
            ej = np.eye(2)[j] * h
            H[i, j] = (f(theta + ei + ej) - f(theta + ei - ej) - f(theta - ei + ej) + f(theta - ei - ej)) / (4 * h * h)
    se = np.sqrt(np.diag(np.linalg.inv(H)))
    # The likelihood's rounding noise: its spread over relative changes of r by 1e-10 (where the
    # function itself moves by ~1e-17), which the diffuse start P_0 = 1e6 I amplifies.
    noise = np.std([-f(theta + np.array([0.0, 1e-10 * i])) for i in range(-10, 11)])
    return q, r, ll, r0, floor, se, Z, noise


for name, yv, xs, intercept in [
    ("y4 on x1, intercept (the issue's model)", y4, [x1], True),
    ("y3 on x1, no intercept", y3, [x1], False),
    ("y on x1, intercept (q on its floor)", y, [x1], True),
]:
    q, r, ll, r0, floor, se, Z, noise = mle(yv, xs, intercept)
    # An estimate below 1000 times the floor is reported as q = 0 (the coefficients do not move).
    # r is then maximised at q = 0 alone.
    qrep = 0.0 if q < 1000 * np.exp(floor) else q
    if qrep == 0.0:
        on_r = so.minimize_scalar(lambda lr: -kf(yv, Z, 0.0, np.exp(lr), intercept)[0],
                                  bracket=(np.log(r) - 0.1, np.log(r) + 0.1), tol=1e-12)
        r = float(np.exp(on_r.x))
    llrep, a, _, _ = kf(yv, Z, qrep, r, intercept)
    print("// MLE, %s: r0 %s, ln floor %s, q at the maximum %s" % (name, fmt(r0), fmt(floor), fmt(q)))
    print("mle: { q: %s, r: %s, logLikelihood: %s, slope: %s }," % (fmt(qrep), fmt(r), fmt(llrep), fmt(a[-1])))
    print("// standard errors of ln q, ln r (observed information): %.3f, %.3f; rounding noise of the"
          " log-likelihood (sd): %.1e; so ln q, ln r are resolved to ~%.0e, %.0e"
          % (se[0], se[1], noise, se[0] * np.sqrt(2 * noise), se[1] * np.sqrt(2 * noise)))
    sm_model = TVP(yv, Z)
    sm_res = sm_model.fit(start_params=[max(q, 1e-12) * 1.5, r * 0.8], disp=0, maxiter=2000)
    print("// statsmodels MLEModel.fit (L-BFGS on ln q, ln r from (1.5 q, 0.8 r)): q %s, r %s, llf %s"
          % (fmt(sm_res.params[0]), fmt(sm_res.params[1]), fmt(sm_res.llf)))
