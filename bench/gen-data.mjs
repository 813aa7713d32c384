// Deterministic synthetic minute closes for the benchmark (never committed: bench/data/ is ignored).
// A one-factor model of log returns: r_i = b_i·f + s_i·e_i with a seeded generator, so every symbol
// correlates with BTC (the factor) and ETH, and the hedge diagnostics have something to work on.
//   node bench/gen-data.mjs <out.csv> <rows> <symbols> [unusedColumns] [--daily]
import { openSync, writeSync, writeFileSync, closeSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: small seeded 32-bit generator; uniforms in (0, 1). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** Standard normal by Box–Muller (one of the pair). */
function normal(u) {
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

export function symbolNames(n) {
  const base = [
    'BTC',
    'ETH',
    'SOL',
    'AVAX',
    'LINK',
    'DOGE',
    'ARB',
    'OP',
    'MATIC',
    'DOT',
    'ADA',
    'XRP',
    'LTC',
    'ATOM',
    'NEAR',
    'APT',
    'SUI',
    'INJ',
    'TIA',
    'SEI',
  ];
  const out = [];
  for (let i = 0; i < n; i++) out.push(i < base.length ? base[i] : `ALT${i}`);
  return out;
}

/**
 * Writes a wide prices CSV: `time,SYM…[,UNUSED…]`, `rows` data rows, one minute (or one day with
 * daily) apart from 2024-01-01T00:00Z. Returns the byte size written.
 */
export function generatePrices(file, rows, nSymbols, unused = 0, daily = false, seed = 20240101) {
  mkdirSync(path.dirname(file), { recursive: true });
  const symbols = symbolNames(nSymbols);
  const extra = Array.from({ length: unused }, (_, i) => `X${i}`);
  const u = rng(seed);
  const z = normal(u);
  const n = nSymbols + unused;
  const price = new Float64Array(n);
  const beta = new Float64Array(n);
  const idio = new Float64Array(n);
  const decimals = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    price[j] = j === 0 ? 42000 : j === 1 ? 2300 : Math.exp(u() * 8 - 3);
    beta[j] = j === 0 ? 1 : 0.6 + u() * 0.8;
    idio[j] = j === 0 ? 0 : 0.4 + u();
    decimals[j] = Math.max(2, 7 - Math.floor(Math.log10(price[j])));
  }
  const step = daily ? 86_400_000 : 60_000;
  const vol = daily ? 0.03 : 0.0012;
  const t0 = Date.UTC(2024, 0, 1);
  const fd = openSync(file, 'w');
  let buf = `time,${[...symbols, ...extra].join(',')}\n`;
  let bytes = 0;
  for (let r = 0; r < rows; r++) {
    const iso = new Date(t0 + r * step).toISOString();
    let line = daily ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    const f = z() * vol;
    for (let j = 0; j < n; j++) {
      price[j] *= Math.exp(beta[j] * f + idio[j] * vol * z());
      line += ',' + price[j].toFixed(decimals[j]);
    }
    buf += line + '\n';
    if (buf.length > 1 << 20) {
      bytes += writeSync(fd, buf);
      buf = '';
    }
  }
  bytes += writeSync(fd, buf);
  closeSync(fd);
  return { bytes, symbols };
}

/**
 * The columns of the real-shaped daily file: price on the first day, daily volatility, the day
 * it lists (cells before are empty), and whether it trades on weekdays only (an exchange-listed
 * fund: weekend cells are empty).
 */
const REAL_COLUMNS = [
  ['BTC', 7143.58, 0.04, 0, false],
  ['ETH', 320.88, 0.05, 0, false],
  ['ADA', 0.032053, 0.06, 0, false],
  ['AVAX', 4.2, 0.07, 1040, false],
  ['DOGE', 0.001415, 0.07, 0, false],
  ['LINK', 0.223969, 0.06, 0, false],
  ['SOL', 0.95, 0.07, 905, false],
  ['TRX', 0.002344, 0.06, 0, false],
  ['XLM', 0.039946, 0.06, 0, false],
  ['XRP', 0.217488, 0.06, 0, false],
  ['SPY', 227.36, 0.012, 0, true],
  ['QQQ', 145.74, 0.015, 0, true],
  ['GLD', 122.13, 0.009, 0, true],
  ['IEF', 89.3, 0.004, 0, true],
  ['SHY', 71.69, 0.001, 0, true],
  ['EEM', 38.69, 0.013, 0, true],
  ['EFA', 54.94, 0.011, 0, true],
  ['VEA', 34.73, 0.011, 0, true],
  ['VT', 61.08, 0.011, 0, true],
  ['VNQ', 62.02, 0.013, 0, true],
  ['DBC', 14.36, 0.012, 0, true],
  ['PDBC', 8.87, 0.012, 270, true],
];

/**
 * Writes a daily prices CSV shaped like an export of yfinance closes by pandas: a `date` index,
 * `rows` days from 2017-11-09, 22 columns (10 coins traded every day, 12 funds on weekdays
 * only, three listing late), each price a float32 widened to a double and written in full, as
 * pandas writes it (`7143.580078125`, `0.03205300122499466`). Returns the byte size written.
 */
export function generateRealShaped(file, rows = 2883, seed = 20171109) {
  mkdirSync(path.dirname(file), { recursive: true });
  const u = rng(seed);
  const z = normal(u);
  const price = REAL_COLUMNS.map((c) => c[1]);
  const t0 = Date.UTC(2017, 10, 9);
  let text = `date,${REAL_COLUMNS.map((c) => c[0]).join(',')}\n`;
  for (let r = 0; r < rows; r++) {
    const day = new Date(t0 + r * 86_400_000);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    const f = z();
    let line = day.toISOString().slice(0, 10);
    REAL_COLUMNS.forEach(([, , vol, listed, weekdays], j) => {
      price[j] *= Math.exp(vol * (0.7 * f + 0.7 * z()));
      const shown = r >= listed && !(weekdays && weekend);
      line += shown ? `,${Math.fround(price[j])}` : ',';
    });
    text += line + '\n';
  }
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, rows, syms, unused, flag] = process.argv.slice(2);
  if (!out || !rows || !syms) {
    console.error(
      'usage: node bench/gen-data.mjs <out.csv> <rows> <symbols> [unusedColumns] [--daily]',
    );
    process.exit(2);
  }
  const { bytes } = generatePrices(
    out,
    Number(rows),
    Number(syms),
    Number(unused ?? 0),
    flag === '--daily',
  );
  console.log(`${out}: ${(bytes / 1e6).toFixed(1)} MB`);
}
