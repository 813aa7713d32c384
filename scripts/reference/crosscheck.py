#!/usr/bin/env python3
"""Cross-check `hedge` against pandas + statsmodels on any wide prices file (dev-time tool).

    /usr/bin/python3 scripts/reference/crosscheck.py PRICES.csv POSITION HEDGE[,HEDGE…] [extra hedge flags…]

Runs `node bin/hedge.js … --format json` for one position (quantity 1) and recomputes, from the same file with
pandas: the alignment (rows where all columns have values), log returns, OLS (statsmodels), correlation,
in-sample and walk-forward effectiveness (naive refit at every step), rolling correlation summary; prints the
largest relative difference per field. Needs python3 with pandas and statsmodels (apt: python3-statsmodels).
"""
import json, subprocess, sys, tempfile, os
import numpy as np, pandas as pd, statsmodels.api as sm

prices, pos, hedges = sys.argv[1], sys.argv[2], sys.argv[3].split(',')
extra = sys.argv[4:]
with tempfile.NamedTemporaryFile('w', suffix='.csv', delete=False) as f:
    f.write('symbol,quantity,hedges\n%s,1,%s\n' % (pos, ' '.join(hedges)))
    positions = f.name
out = subprocess.run(['node', 'bin/hedge.js', '-p', positions, '-r', prices, '--format', 'json', *extra],
                     capture_output=True, text=True)
os.unlink(positions)
if out.returncode not in (0, 3):
    sys.exit(out.stderr)
rep = json.loads(out.stdout)['positions'][0]

df = pd.read_csv(prices)
df.index = pd.to_datetime(df.iloc[:, 0], utc=True)
cols = df[[pos, *hedges]].dropna()
r = np.log(cols).diff().dropna()
y, X = r[pos].to_numpy(), r[hedges].to_numpy()
fit = sm.OLS(y, sm.add_constant(X)).fit()
n = len(y)
b = fit.params[1:]
hedged = y - X @ b
ins = 1 - hedged.var(ddof=1) / y.var(ddof=1)
e = []
for t in range(n // 2, n):
    ft = sm.OLS(y[:t], sm.add_constant(X[:t])).fit()
    e.append(y[t] - X[t] @ ft.params[1:])
oos = 1 - np.var(e, ddof=1) / np.var(y[n // 2:], ddof=1)
port = X @ b
corr = np.corrcoef(y, X[:, 0] if len(hedges) == 1 else port)[0, 1]
w = rep['stability']['rollingCorrelation']['window']
roll = pd.Series(y).rolling(w).corr(pd.Series(X[:, 0] if len(hedges) == 1 else port)).dropna()

def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)

checks = {
    'observations': (rep['observations'], n),
    'alpha': (rep['alpha'], fit.params[0]),
    'alphaStdError': (rep['alphaStdError'], fit.bse[0]),
    'rSquared': (rep['rSquared'], fit.rsquared),
    'adjRSquared': (rep['adjRSquared'], fit.rsquared_adj),
    'residualStdDev': (rep['residualStdDev'], np.sqrt(fit.scale)),
    'correlation': (rep['correlation'], corr),
    'inSample': (rep['effectiveness']['inSample'], ins),
    'outOfSample': (rep['effectiveness']['outOfSample'], oos),
    'rolling.min': (rep['stability']['rollingCorrelation']['min'], roll.min()),
    'rolling.max': (rep['stability']['rollingCorrelation']['max'], roll.max()),
    'rolling.mean': (rep['stability']['rollingCorrelation']['mean'], roll.mean()),
    'rolling.stdDev': (rep['stability']['rollingCorrelation']['stdDev'], roll.std(ddof=1)),
    'rolling.last': (rep['stability']['rollingCorrelation']['last'], roll.iloc[-1]),
}
for j, h in enumerate(rep['hedges']):
    checks[f'{h["symbol"]}.beta'] = (h['beta'], fit.params[j + 1])
    checks[f'{h["symbol"]}.stdError'] = (h['stdError'], fit.bse[j + 1])
    checks[f'{h["symbol"]}.tStat'] = (h['tStat'], fit.tvalues[j + 1])
    checks[f'{h["symbol"]}.pValue'] = (h['pValue'], fit.pvalues[j + 1])
worst = 0.0
for k, (a, b) in checks.items():
    d = rel(a, b) if a is not None else float('inf')
    worst = max(worst, d)
    print(f'{k:18s} hedge={a!r:24} reference={b!r:24} rel.diff={d:.1e}')
print(f'worst relative difference: {worst:.1e}')
