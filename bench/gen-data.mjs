// Deterministic synthetic minute closes for the benchmark (never committed: bench/data/ is ignored).
// A one-factor model of log returns: r_i = b_i·f + s_i·e_i with a seeded generator, so every symbol
// correlates with BTC (the factor) and ETH, and the hedge diagnostics have something to work on.
//   node bench/gen-data.mjs <out.csv> <rows> <symbols> [unusedColumns] [--daily]
import { openSync, writeSync, closeSync, mkdirSync } from 'node:fs';
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
