import type { OlsFit } from '../../src/core/regression/ols';

/** Every number an OlsFit carries (F and its p-value as 0 when null), for NaN checks. */
export function fitValues(fit: OlsFit): number[] {
  return [
    ...fit.coefficients,
    ...fit.stdErrors,
    ...fit.tStats,
    ...fit.pValues,
    ...fit.residuals,
    ...fit.unscaledCovariance,
    fit.ssr,
    fit.tss,
    fit.rSquared,
    fit.adjRSquared,
    fit.residualStdDev,
    fit.fStat ?? 0,
    fit.fPValue ?? 0,
  ];
}

/** True when no number of the fit is NaN. */
export function noNaN(fit: OlsFit): boolean {
  return !fitValues(fit).some(Number.isNaN);
}
