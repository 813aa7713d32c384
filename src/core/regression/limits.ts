/**
 * The designs each least-squares method accepts: one file, so that the regression, the part fits
 * of the break tests and their tests agree on them. Outside these limits a faster method declines
 * and the exact one (double-double Householder QR) takes over.
 */

/**
 * A regressor whose part orthogonal to the intercept and the regressors before it is smaller
 * than this fraction of its (centred) norm is treated as a linear combination of them. At this
 * level the coefficient would amplify the 1e-16 relative rounding of the input data ≥ 1e12-fold.
 * (Filip, the hardest NIST problem, has 6e-8.)
 */
export const COLLINEARITY_TOLERANCE = 1e-12;

/**
 * Values within this range keep every product of the moments methods far from overflow and
 * underflow: every |value| at most MOMENTS_MAX_ABS, every non-zero one at least MOMENTS_MIN_ABS.
 */
export const MOMENTS_MAX_ABS = 1e60;
export const MOMENTS_MIN_ABS = 1e-60;

/**
 * The moments methods solve the normal equations of the centred design, which square its
 * condition number: they run only when 1 − r² of two regressors (after centring) is above this,
 * so that κ(X'X) < 4·10⁴. Double-double cross-products, each within ~n·2⁻¹⁰⁴ of exact, then give
 * the solution to ~1e-23 or better; compensated ones to ~κ·1e-16 ≤ 1e-12 (in practice ~1e-15).
 */
export const MOMENTS_MIN_SINE2 = 1e-4;

/**
 * ... and only when ssr/tss is above this, so that a near-exact fit (where ssr = tss − b'X'y
 * would cancel) takes the QR path.
 */
export const MOMENTS_MIN_UNEXPLAINED = 1e-4;

/**
 * From this many observations a full-sample fit takes the compensated moments method: at this
 * size the double-double passes are most of a large report's time, and a compensated sum's error
 * bound does not grow with n (Neumaier). Below it (every NIST problem, every R and statsmodels
 * reference in the tests, typical daily data) full-sample results are those of the double-double
 * methods, bit for bit. Part fits (the break and downside tests) take it at any size.
 */
export const COMPENSATED_MIN_OBSERVATIONS = 50_000;

/** A leverage h_t at or above this makes HC3's (1 − h_t)⁻² undefined. */
export const MAX_LEVERAGE = 1 - 1e-12;

/** Whether the moments methods accept values of these magnitudes (see the constants). */
export function momentsAcceptMagnitudes(largest: number, smallest: number): boolean {
  return largest <= MOMENTS_MAX_ABS && largest >= MOMENTS_MIN_ABS && !(smallest < MOMENTS_MIN_ABS);
}

/**
 * Whether the moments methods accept two centred regressors with these cross-products:
 * 1 − S01²/(S00·S11) above MOMENTS_MIN_SINE2 (both variances positive).
 */
export function momentsAcceptPair(s00: number, s01: number, s11: number): boolean {
  return s00 > 0 && s11 > 0 && 1 - (s01 * s01) / (s00 * s11) > MOMENTS_MIN_SINE2;
}
