/**
 * NIST StRD through the whole program, as a user would run it: each dataset is a prices file
 * (`fixtures/nist/<Name>.csv`, polynomial terms as extra columns) fitted with `--returns level`,
 * and the JSON report is compared with NIST's certified values. Floors in digits (log relative
 * error) are R 4.2.2 `lm` minus half a digit, from issue 2; Filip: see fixtures/nist/README.md
 * (the exact least-squares solution of the double-rounded fixture itself agrees with NIST to
 * 7.66 digits, so 7.6 is the most any solver can reach on this file).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../support/cli';

interface Certified {
  intercept: boolean;
  regressors: string[];
  coefficients: { estimate: number; sd: number }[];
  residual_sd: number;
  r_squared: number;
}
const dir = path.resolve(__dirname, '../../fixtures/nist');
const certified = (
  JSON.parse(readFileSync(path.join(dir, 'certified.json'), 'utf8')) as {
    datasets: Record<string, Certified>;
  }
).datasets;

const FLOORS: Record<string, number> = {
  Norris: 11.4,
  Pontius: 11.5,
  NoInt1: 14.2,
  NoInt2: 14.7,
  Filip: 7.6,
  Longley: 12.5,
  Wampler1: 8.7,
  Wampler2: 12.7,
  Wampler3: 8.9,
  Wampler4: 7.1,
  Wampler5: 5.1,
};

/** Log relative error in digits, capped at 15; absolute error where the certified value is 0. */
function lre(est: number, cert: number): number {
  if (est === cert) return 15;
  const err = cert === 0 ? Math.abs(est) : Math.abs(est - cert) / Math.abs(cert);
  return Math.min(15, -Math.log10(err));
}

interface JsonHedge {
  beta: number;
  stdError: number;
}
interface JsonPosition {
  alpha: number | null;
  alphaStdError: number | null;
  rSquared: number;
  residualStdDev: number;
  observations: number;
  hedges: JsonHedge[];
}

describe.each(Object.keys(FLOORS))('NIST StRD %s via the CLI', (name) => {
  const cert = certified[name]!;
  test('coefficients, standard errors, R² and residual SD meet the floors', async () => {
    const args = [
      '-p', path.join(dir, `${name}.positions.csv`),
      '-r', path.join(dir, `${name}.csv`),
      '--returns', 'level', '--format', 'json', '--min-observations', '3',
      ...(cert.intercept ? [] : ['--no-intercept']),
    ]; // prettier-ignore
    const res = await runCli(args);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const pos = (JSON.parse(res.stdout) as { positions: JsonPosition[] }).positions[0]!;
    const coef = [...(cert.intercept ? [pos.alpha!] : []), ...pos.hedges.map((h) => h.beta)];
    const se = [
      ...(cert.intercept ? [pos.alphaStdError!] : []),
      ...pos.hedges.map((h) => h.stdError),
    ];
    const floor = FLOORS[name]!;
    cert.coefficients.forEach((c, j) => {
      expect(lre(coef[j]!, c.estimate)).toBeGreaterThanOrEqual(floor);
      expect(lre(se[j]!, c.sd)).toBeGreaterThanOrEqual(floor - 1);
    });
    expect(lre(pos.rSquared, cert.r_squared)).toBeGreaterThanOrEqual(9);
    expect(lre(pos.residualStdDev, cert.residual_sd)).toBeGreaterThanOrEqual(floor - 1);
  });
});
