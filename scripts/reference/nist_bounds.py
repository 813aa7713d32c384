#!/usr/bin/env python3
"""Best LRE any double-precision program can reach on fixtures/nist/*.csv.

The fixture values are the correctly rounded doubles of NIST's decimal data (and of exact x^k),
so the problem a program solves already differs from NIST's by those roundings. This script
solves the least-squares problem for the fixture doubles EXACTLY (rational arithmetic, normal
equations are fine in exact arithmetic) and prints the LRE of that exact solution against the
certified values: an upper bound for any double-input solver. It also prints, per regressor,
the sine of the angle between the (centred, with intercept) column and the span of the columns
before it (R_jj / ||x_j|| of a QR factorisation): the quantity olsFit tests for collinearity.

With --write it also writes fixtures/nist/exact.json: that exact solution (coefficients, their
standard errors, residual SD, R^2, SSR, TSS, F) to 25 significant digits, the reference against
which test/core/nist.test.ts measures the solver itself (separately from the data rounding).

    python3 scripts/reference/nist_bounds.py fixtures/nist [--write]
"""
import csv
import json
import math
import os
import sys
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 60


def solve(a, b):
    n = len(a)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def dec(fr):
    return Decimal(fr.numerator) / Decimal(fr.denominator)


def lre(c, t):
    t = Decimal(t)
    if t == 0:
        return 15.0 if c == 0 else min(15.0, -math.log10(float(abs(c))))
    if c == t:
        return 15.0
    return min(15.0, -math.log10(float(abs((c - t) / t))))


def text(fr):
    return format(dec(fr), ".25g")


def dtext(d):
    return format(d, ".25g")


def main(folder, write):
    cert = json.load(open(os.path.join(folder, "certified.json")))["datasets"]
    exact = {}
    for name, meta in cert.items():
        rows = list(csv.reader(open(os.path.join(folder, name + ".csv"))))[1:]
        y = [Fraction(float(r[1])) for r in rows]
        xs = [[Fraction(float(v)) for v in r[2:]] for r in rows]
        n = len(y)
        design = [([Fraction(1)] if meta["intercept"] else []) + x for x in xs]
        p = len(design[0])
        xtx = [[sum(r[i] * r[j] for r in design) for j in range(p)] for i in range(p)]
        xty = [sum(r[i] * yy for r, yy in zip(design, y)) for i in range(p)]
        beta = solve(xtx, xty)
        resid = [yy - sum(b * v for b, v in zip(beta, r)) for r, yy in zip(design, y)]
        s2 = sum(e * e for e in resid) / (n - p)
        if meta["intercept"]:
            ybar = sum(y) / n
            tss = sum((v - ybar) ** 2 for v in y)
        else:
            tss = sum(v * v for v in y)
        r2 = 1 - s2 * (n - p) / tss
        inv_diag = [solve(xtx, [Fraction(int(i == j)) for i in range(p)])[j] for j in range(p)]
        b_lre = [lre(dec(b), c["estimate_text"]) for b, c in zip(beta, meta["coefficients"])]
        sd_lre = [lre((dec(s2 * d)).sqrt(), c["sd_text"]) for d, c in zip(inv_diag, meta["coefficients"])]
        rsd = lre(dec(s2).sqrt(), meta["residual_sd_text"])
        r2l = lre(dec(r2), meta["r_squared_text"])
        # sines: Gram determinant ratios of centred columns
        cols = [[r[j] for r in xs] for j in range(len(xs[0]))]
        if meta["intercept"]:
            cols = [[v - sum(c) / n for v in c] for c in cols]
        sines = []
        for j in range(len(cols)):
            g = [[sum(a * b for a, b in zip(cols[i], cols[k])) for k in range(j + 1)] for i in range(j + 1)]
            if j == 0:
                ratio = Fraction(1)
            else:
                sub = [row[:j] for row in g[:j]]
                coef = solve(sub, [g[i][j] for i in range(j)])
                proj = sum(c * g[i][j] for i, c in enumerate(coef))
                ratio = (g[j][j] - proj) / g[j][j]
            sines.append(math.sqrt(float(ratio)))
        f = None
        k_slopes = p - (1 if meta["intercept"] else 0)
        ssr = s2 * (n - p)
        if k_slopes > 0 and ssr != 0:
            f = text(((tss - ssr) / k_slopes) / s2)
        exact[name] = {
            "coefficients": [text(b) for b in beta],
            "std_errors": [dtext(dec(s2 * d).sqrt()) for d in inv_diag],
            "residual_sd": dtext(dec(s2).sqrt()),
            "r_squared": text(r2),
            "ssr": text(ssr),
            "tss": text(tss),
            "f": f,
        }
        print("%-9s best coef LRE %.1f  sd %.1f  resid_sd %.1f  R2 %.1f  min sine %.2e" % (
            name, min(b_lre), min(sd_lre), rsd, r2l, min(sines)))


    if write:
        doc = {
            "what": "exact least-squares solution of the fixture doubles (rational arithmetic), "
                    "25 significant digits; f is null for an exact fit (Infinity)",
            "generator": "python3 scripts/reference/nist_bounds.py fixtures/nist --write",
            "datasets": exact,
        }
        with open(os.path.join(folder, "exact.json"), "w") as fh:
            json.dump(doc, fh, indent=1)
            fh.write("\n")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--write"]
    main(args[0] if args else "fixtures/nist", "--write" in sys.argv)
