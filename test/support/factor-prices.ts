/** Wide prices: `rows` minutes × `symbols` symbols (S0, S1, …) following a common factor (seeded). */
export function factorPricesCsv(rows: number, symbols: number): string {
  let seed = 4242;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const p = Array.from({ length: symbols }, (_, j) => 100 + j);
  const out = [`time,${p.map((_, j) => `S${j}`).join(',')}`];
  for (let i = 0; i < rows; i++) {
    const f = rnd() * 0.002;
    for (let j = 0; j < symbols; j++) p[j] = p[j]! * (1 + f + rnd() * 0.002);
    out.push(`${1704067200 + 60 * i},${p.map((v) => v.toFixed(5)).join(',')}`);
  }
  return out.join('\n') + '\n';
}

/** Positions of one unit in S1 … S(symbols − 1), to be hedged with S0. */
export function factorPositionsCsv(symbols: number): string {
  return `symbol,quantity\n${Array.from({ length: symbols - 1 }, (_, j) => `S${j + 1},1`).join('\n')}\n`;
}
