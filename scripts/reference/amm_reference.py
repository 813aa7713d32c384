#!/usr/bin/env python3
"""Reference values for the liquidity-pool tests (test/core/amm.test.ts,
test/report/pools.test.ts).

    /usr/bin/python3 scripts/reference/amm_reference.py

Plain Python `decimal` with 50 significant digits; no code shared with src/. Independent of the
closed forms in src/core/amm.ts where it can be:
  - amounts: the textbook form of Uniswap v3 eq. 6.29-6.30, x = L(1/sqrt P - 1/sqrt pb),
    y = L(sqrt P - sqrt pa) (src/ uses an algebraically equal, differently rounded form);
  - delta: the derivative of the value V(P) = x P + y by a central difference (h = 1e-20 P), not x;
  - gamma: the derivative of x(P) by a central difference, not -L/(2 P^1.5);
  - rebalance prices: bisection on x(P') = (1 -/+ f) x(P), not the closed forms;
  - v2: x(P') from the constant product x y = k (x' = sqrt(k/P')), not x sqrt(P/P');
  - scenarios: the pool revalued from its amounts at the moved prices.
Each value is printed with 17 significant digits, under the name the tests use.
"""
from decimal import Decimal as D, getcontext

getcontext().prec = 50


def sqrt(x):
    return D(x).sqrt()


def v3_amounts(L, P, pa, pb):
    L, P, pa, pb = D(L), D(P), D(pa), D(pb)
    if P <= pa:
        return L * (1 / sqrt(pa) - 1 / sqrt(pb)), D(0)
    if P >= pb:
        return D(0), L * (sqrt(pb) - sqrt(pa))
    return L * (1 / sqrt(P) - 1 / sqrt(pb)), L * (sqrt(P) - sqrt(pa))


def v3_value(L, P, pa, pb):
    x, y = v3_amounts(L, P, pa, pb)
    return x * D(P) + y


def derivative(f, P):
    P = D(P)
    h = P * D("1e-20")
    return (f(P + h) - f(P - h)) / (2 * h)


def bisect(f, lo, hi, target, rising):
    """The P in [lo, hi] with f(P) = target, f monotone (rising or falling)."""
    lo, hi = D(lo), D(hi)
    for _ in range(400):
        mid = (lo + hi) / 2
        if (f(mid) < target) == rising:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def show(name, v):
    print(f"{name} = {float(v)!r}  # {D(v):.17g}")


def v3_rebalance(L, P, pa, pb, f):
    x = lambda p: v3_amounts(L, p, pa, pb)[0]
    x0 = x(P)
    above = bisect(x, P, pb, (1 - f) * x0, rising=False) if x0 > 0 else None
    xmax = x(pa)
    below = bisect(x, pa, P, (1 + f) * x0, rising=False) if (1 + f) * x0 < xmax else None
    return below, above


print("# Elsts (2021) example: P = 2000, pb = 3000, x = 2, y = 4000 -> L, pa; then P = 2500")
P, pb, x, y = D(2000), D(3000), D(2), D(4000)
L = x * sqrt(P) * sqrt(pb) / (sqrt(pb) - sqrt(P))
pa = (sqrt(P) - y / L) ** 2
show("elstsL", L)
show("elstsLower", pa)
x25, y25 = v3_amounts(L, 2500, pa, pb)
show("elstsBaseAt2500", x25)
show("elstsQuoteAt2500", y25)

print("# the issue's case: [1333.33, 3000] at P = 2000 holding x = 2, y = 4000: L = min(Lx, Ly)")
print("# (Uniswap periphery LiquidityAmounts.getLiquidityForAmounts), then the amounts at P = 2500")
pa = D("1333.33")
Lx = D(2) / (1 / sqrt(2000) - 1 / sqrt(3000))
Ly = D(4000) / (sqrt(2000) - sqrt(pa))
Li = min(Lx, Ly)
show("issueL", Li)
x20, y20 = v3_amounts(Li, 2000, pa, 3000)
show("issueBaseAt2000", x20)
show("issueQuoteAt2000", y20)
x25, y25 = v3_amounts(Li, 2500, pa, 3000)
show("issueBaseAt2500", x25)
show("issueQuoteAt2500", y25)

print("# Elsts (2021) example: P = 2000, [1500, 2500], x = 2 -> L, y")
L2 = D(2) / (1 / sqrt(2000) - 1 / sqrt(2500))
show("rangeL", L2)
show("rangeQuote", v3_amounts(L2, 2000, 1500, 2500)[1])
show("rangeDeltaByDerivative", derivative(lambda p: v3_value(L2, p, 1500, 2500), 2000))
show("rangeGammaByDerivative", derivative(lambda p: v3_amounts(L2, p, 1500, 2500)[0], 2000))
b, a = v3_rebalance(L2, D(2000), D(1500), D(2500), D("0.1"))
show("rangeRebalanceBelow10", b)
show("rangeRebalanceAbove10", a)
# below the range: x at its cap, only the rise matters; above: x = 0
show("rangeBelowRebalanceAbove10",
     bisect(lambda p: v3_amounts(L2, p, 1500, 2500)[0], 1500, 2500,
            D("0.9") * v3_amounts(L2, 1500, 1500, 2500)[0], rising=False))
# in range: at 1600 a price below still rebalances; at 1520, (1 + f) x exceeds the cap x(pa)
show("rangeRebalanceBelow10At1600", v3_rebalance(L2, D(1600), D(1500), D(2500), D("0.1"))[0])
print("# at 1520: 1.1 x(1520) =", float(v3_amounts(L2, 1520, 1500, 2500)[0] * D("1.1")),
      "> the cap x(1500) =", float(v3_amounts(L2, 1500, 1500, 2500)[0]),
      "-> rebalanceBelow", v3_rebalance(L2, D(1520), D(1500), D(2500), D("0.1"))[0])

print("# v2 $100,000 at P = 2000 (USDC quote): x = V/(2P); delta = dV/dP with k = x y fixed")
x = D(100000) / (2 * 2000)
k = x * (x * 2000)
v2_value = lambda p: sqrt(k / p) * p + sqrt(k * p)
v2_x = lambda p: sqrt(k / p)
show("v2Base", x)
show("v2DeltaByDerivative", derivative(v2_value, 2000))
show("v2GammaByDerivative", derivative(v2_x, 2000))
for f in ("0.05", "0.1"):
    f = D(f)
    below = bisect(v2_x, D(1000), D(2000), (1 + f) * x, rising=False)
    above = bisect(v2_x, D(2000), D(4000), (1 - f) * x, rising=False)
    show(f"v2RebalanceBelowMove{f}", below / 2000 - 1)
    show(f"v2RebalanceAboveMove{f}", above / 2000 - 1)

print("# $100,000 v3 ALT/USDC on [0.8, 1.25] x P at P = 1, beta 1.3 to BTC at 60,000")
pa, pb = D("0.8"), D("1.25")
Lalt = D(100000) / v3_value(1, 1, pa, pb)
xa, ya = v3_amounts(Lalt, 1, pa, pb)
show("altL", Lalt)
show("altBase", xa)
show("altQuote", ya)
show("altGamma", derivative(lambda p: v3_amounts(Lalt, p, pa, pb)[0], 1))
show("altShortBtc", -D("1.3") * xa * 1 / 60000)
show("altShortBtcOnValue", -D("1.3") * 100000 / 60000)
b, a = v3_rebalance(Lalt, D(1), pa, pb, D("0.1"))
show("altRebalanceBelow", b)
show("altRebalanceAbove", a)
short = -D("1.3") * xa / 60000
for m in ("-0.3", "-0.2", "-0.1", "-0.05", "0.05", "0.1", "0.2", "0.3"):
    m = D(m)
    base = (D("1.3") * (1 + m).ln()).exp()  # ALT price after the move (was 1)
    pos = v3_value(Lalt, base, pa, pb) - 100000
    hedge = short * 60000 * m
    show(f"altScenario{m}Position", pos)
    show(f"altScenario{m}Hedge", hedge)
    show(f"altScenario{m}Net", pos + hedge)

print("# ALT/ETH v2 $100,000, ALT 1, ETH 3,000, BTC 60,000; betas 0.6 (BTC), 0.7 (ETH)")
P = D(1) / 3000
x = D(100000) / 3000 / (2 * P)
y = x * P
show("altEthBase", x)
show("altEthQuote", y)
show("altEthShortBtc", -D("0.6") * x * 1 / 60000)
show("altEthShortEthRegression", -D("0.7") * x * 1 / 3000)
show("altEthShortEthDirect", -y)
show("altEthShortEthTotal", -D("0.7") * x / 3000 - y)
k = x * y
q_btc = -D("0.6") * x / 60000
q_eth = -D("0.7") * x / 3000 - y
for m in ("-0.3", "0.1"):
    m = D(m)
    alt = ((D("0.6") + D("0.7")) * (1 + m).ln()).exp()
    eth = 3000 * (1 + m)
    Pn = alt / eth
    xn, yn = sqrt(k / Pn), sqrt(k * Pn)
    pos = xn * alt + yn * eth - 100000
    hedge = q_btc * 60000 * m + q_eth * 3000 * m
    show(f"altEthScenario{m}Position", pos)
    show(f"altEthScenario{m}Hedge", hedge)
    show(f"altEthScenario{m}Net", pos + hedge)
