/** Why a least-squares design cannot be fitted, naming the regressor. */
import { MathError } from '../../errors';

/** Why a regressor cannot be fitted. */
export type DegenerateReason = 'constant' | 'zero' | 'collinear';

/**
 * A regressor makes the design singular. `regressor` is its 0-based index in the `regressors`
 * argument, so the caller can name the series (the message says "regressor <index + 1>").
 */
export class DegenerateRegressorError extends MathError {
  readonly regressor: number;
  readonly reason: DegenerateReason;
  constructor(regressor: number, reason: DegenerateReason, message: string) {
    super(message);
    this.name = 'DegenerateRegressorError';
    this.regressor = regressor;
    this.reason = reason;
  }
}
