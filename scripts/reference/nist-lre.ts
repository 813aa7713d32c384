/**
 * Prints the log relative error (LRE, significant digits) that olsFit achieves on every NIST StRD
 * linear least-squares dataset in fixtures/nist, against the certified values.
 *
 *     node scripts/run-ts.mjs scripts/reference/nist-lre.ts
 *
 * LRE = −log10(|est − cert| / |cert|), capped at 15 (15 when exact); absolute error when cert = 0.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { olsFit } from '../../src/core/regression/ols';
import { NIST_DIR, certified, lre } from '../../test/support/nist';

const dir = NIST_DIR;
const cert = { datasets: certified };

const exact = JSON.parse(readFileSync(path.join(dir, 'exact.json'), 'utf8')) as {
  datasets: Record<string, { coefficients: string[]; std_errors: string[] }>;
};

const rows: string[] = [
  'min LRE (digits) vs NIST certified           | vs exact solution of the fixture doubles',
  'dataset    coef    se   resSD    R2          |  coef    se',
];
for (const [name, meta] of Object.entries(cert.datasets)) {
  const lines = readFileSync(path.join(dir, `${name}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const table = lines.map((l) => l.split(',').slice(1).map(Number));
  const y = table.map((r) => r[0]!);
  const xs = meta.regressors.map((_, j) => table.map((r) => r[j + 1]!));
  const fit = olsFit(y, xs, meta.intercept);
  const coef = Math.min(...meta.coefficients.map((c, j) => lre(fit.coefficients[j]!, c.estimate)));
  const se = Math.min(...meta.coefficients.map((c, j) => lre(fit.stdErrors[j]!, c.sd)));
  const rsd = lre(fit.residualStdDev, meta.residual_sd);
  const r2 = lre(fit.rSquared, meta.r_squared);
  const ex = exact.datasets[name]!;
  const exCoef = Math.min(...ex.coefficients.map((c, j) => lre(fit.coefficients[j]!, Number(c))));
  const exSe = Math.min(...ex.std_errors.map((s, j) => lre(fit.stdErrors[j]!, Number(s))));
  const cells = [coef, se, rsd, r2].map((v, i) => v.toFixed(2).padStart(i === 2 ? 7 : 5));
  const exCells = [exCoef, exSe].map((v) => v.toFixed(2).padStart(5));
  rows.push(`${name.padEnd(9)} ${cells.join(' ')}          | ${exCells.join(' ')}`);
}
process.stdout.write(rows.join('\n') + '\n');
