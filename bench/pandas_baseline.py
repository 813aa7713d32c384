"""The obvious pandas + statsmodels script for the large job, as the benchmark's baseline.

It does less than `hedge`: read the CSV, log returns, one OLS per asset on the hedges, and a
30-row rolling correlation with the first hedge. No validation, sizing, stability tests or
walk-forward effectiveness.

    python3 bench/pandas_baseline.py prices.csv BTC,ETH [ASSET,...]
"""
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm


def main() -> None:
    path, hedges = sys.argv[1], sys.argv[2].split(",")
    prices = pd.read_csv(path, index_col=0, parse_dates=True)
    assets = sys.argv[3].split(",") if len(sys.argv) > 3 else [c for c in prices.columns if c not in hedges]
    returns = np.log(prices).diff().dropna()
    x = sm.add_constant(returns[hedges])
    out = []
    for a in assets:
        fit = sm.OLS(returns[a], x).fit()
        corr = returns[a].rolling(30).corr(returns[hedges[0]])
        out.append((a, fit.params.iloc[1], fit.rsquared, corr.iloc[-1]))
    for a, beta, r2, c in out:
        print(f"{a},{beta:.6f},{r2:.6f},{c:.6f}")


if __name__ == "__main__":
    main()
