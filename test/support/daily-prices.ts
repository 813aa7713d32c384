/** Seeded daily closes for the CLI tests: a random walk with a common factor. */

/** A walk of daily closes from 2024-01-01. */
export interface DailyWalk {
  readonly symbols: readonly string[];
  /** The closes before the first day, one per symbol. */
  readonly start: readonly number[];
  readonly days: number;
  /** Park–Miller seed (1 … 2³¹ − 2). */
  readonly seed: number;
  /** Symbol j takes (1 − j/tilt) of the common move: the first follows it fully. */
  readonly tilt: number;
  /** How a close is written. */
  readonly show: (v: number) => string;
}

/**
 * Wide prices CSV (`date,<symbols>`): each day a common log-move c ~ U(−0.02, 0.02) and, per
 * symbol, c·(1 − j/tilt) + U(−0.01, 0.01), from the Park–Miller generator.
 */
export function dailyWalkCsv(w: DailyWalk): string {
  let seed = w.seed;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const p = [...w.start];
  const lines = [`date,${w.symbols.join(',')}`];
  for (let i = 0; i < w.days; i++) {
    const common = rnd() * 0.04;
    w.symbols.forEach(
      (_, j) => (p[j] = p[j]! * Math.exp(common * (1 - j / w.tilt) + rnd() * 0.02)),
    );
    const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    lines.push(`${day},${p.map(w.show).join(',')}`);
  }
  return lines.join('\n') + '\n';
}
