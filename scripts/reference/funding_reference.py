"""Reference values for test/core/funding.test.ts: funding statistics with pandas.

    /usr/bin/python3 scripts/reference/funding_reference.py   (from the repository root)

The series are the ones the test builds: r_i = 0.0001 sin(i/5) + 0.00003 cos(i/3) - 0.00002 at
8-hour times from 2024-01-01 (200 rows), and the same rule at 4-hour times with rows 50-59
missing (a gap). The worst 30-day funding is pandas' time-based rolling sum over (t - 30 d, t],
from the first row whose window the data cover (t - 30 d >= t_0 - interval).
"""
import numpy as np
import pandas as pd

T0 = 1704067200000  # 2024-01-01T00:00:00Z in epoch ms


def series(hours, n, drop=()):
    i = np.array([k for k in range(n) if k not in drop])
    t = pd.to_datetime(T0 + i * hours * 3600000, unit="ms")
    return pd.Series(0.0001 * np.sin(i / 5) + 0.00003 * np.cos(i / 3) - 0.00002, index=t)


def worst30(r, hours, side):
    s = (side * r).rolling("30D").sum()
    s = s[s.index - pd.Timedelta("30D") >= r.index[0] - pd.Timedelta(hours=hours)]
    return s.min() if len(s) else None


for name, hours, r in [
    ("8h", 8, series(8, 200)),
    ("4h gap", 4, series(4, 200, drop=range(50, 60))),
]:
    print(name, "mean", repr(r.mean()), "negativeShare", repr((r < 0).mean()))
    for side in (1, -1):
        print(name, "side", side, "worst30d", repr(worst30(r, hours, side)))

# fixtures/funding.csv (the sample-funding golden cases): both hedges are shorts (side 1).
f = pd.read_csv("fixtures/funding.csv")
for symbol, g in f.groupby("symbol", sort=False):
    t = pd.to_datetime(g["fundingTime"], unit="ms")
    r = pd.Series(g["fundingRate"].to_numpy(), index=t)
    spacing = t.diff().median().round("min") / pd.Timedelta(hours=1)
    print(
        "fixtures",
        symbol,
        "interval",
        spacing,
        "periods",
        len(r),
        "mean",
        repr(r.mean()),
        "annualized",
        repr(r.mean() * 365 * 24 / spacing),
        "negativeShare",
        repr((r < 0).mean()),
        "worst30d short",
        repr(worst30(r, spacing, 1)),
    )
