// `npm run bench`: cold start and large-file figures, each as a ratio to a baseline measured in
// the same run on the same machine. Prints Markdown for docs/performance.md; asserts nothing.
//   BENCH_QUICK=1 npm run bench   smaller data and fewer runs, for a smoke test
// Data is generated deterministically into bench/data/ (git-ignored), once per size.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { generatePrices, generateRealShaped, symbolNames } from './gen-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.join(root, 'bench/data');
const quick = process.env.BENCH_QUICK === '1';
const node = process.execPath;
// The benchmark builds its own copy (bench/data/build/{bin,dist}): a concurrent `npm run build`
// cannot change what it measures. BENCH_ENTRY builds another entry (a probe) instead of the CLI.
const buildDir = path.join(data, 'build');
const bin = path.join(buildDir, 'bin/hedge.js');
const maxrss = pathToFileURL(path.join(root, 'bench/maxrss.mjs')).href;

const BIG_ROWS = quick ? 100_000 : 1_000_000;
const SCALE_ROWS = [BIG_ROWS / 8, BIG_ROWS / 4, BIG_ROWS / 2, BIG_ROWS];
const COLD_RUNS = quick ? 5 : 31;
const BIG_RUNS = quick ? 1 : 3;
const BOOK_RUNS = quick ? 1 : 5;
const BOOK_SIZES = [10, 100, 1000, 1998];

const log = (s) => process.stderr.write(`bench: ${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs a command; wall time in ms, peak RSS in MB when the command reports it, stdout. */
function timed(cmd, args, { rss = false } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  let mb = null;
  if (rss) {
    // the last report line: the main thread's, at exit (bench/maxrss.mjs)
    const all = [...r.stderr.matchAll(/@@maxrss (\d+)/g)];
    mb = all.length > 0 ? Number(all[all.length - 1][1]) / 1024 : null;
  }
  return { ms, mb, stdout: r.stdout };
}

function ensureFile(file, make) {
  if (!existsSync(file)) {
    log(`generating ${path.relative(root, file)}`);
    make();
  }
  return file;
}

function machine() {
  let cpu = 'unknown CPU';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    cpu = os.cpus()[0]?.model ?? cpu;
  }
  return `${os.availableParallelism()} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** A python3 that has pandas and statsmodels, or null. */
function findPython() {
  for (const py of ['python3', '/usr/bin/python3', 'python']) {
    const r = spawnSync(
      py,
      ['-c', 'import pandas, statsmodels; print(pandas.__version__, statsmodels.__version__)'],
      {
        encoding: 'utf8',
      },
    );
    if (r.status === 0) return { py, versions: r.stdout.trim() };
  }
  return null;
}

// --- build and data ---------------------------------------------------------------------------
log('building');
const b = spawnSync(
  node,
  [
    path.join(root, 'scripts/build.mjs'),
    '--out',
    buildDir,
    ...(process.env.BENCH_ENTRY ? ['--entry', process.env.BENCH_ENTRY] : []),
  ],
  { cwd: root, stdio: 'inherit' },
);
if (b.status !== 0) process.exit(b.status ?? 1);
// the reader alone, next to the worker script it starts
await build({
  absWorkingDir: root,
  entryPoints: { 'read-prices': 'bench/read-prices.ts' },
  outdir: path.join(buildDir, 'dist'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  minify: true,
  logLevel: 'warning',
});
const readPrices = path.join(buildDir, 'dist/read-prices.cjs');

const typical = ensureFile(path.join(data, 'typical.csv'), () =>
  generatePrices(path.join(data, 'typical.csv'), 1826, 21, 0, true),
);
const typicalPositions = path.join(data, 'typical-positions.csv');
writeFileSync(typicalPositions, 'symbol,quantity\nSOL,1500\nLINK,8000\nDOGE,250000\n');
const bigPositions = path.join(data, 'big-positions.csv');
writeFileSync(
  bigPositions,
  'symbol,quantity\n' +
    symbolNames(20)
      .slice(2)
      .map((s) => `${s},1\n`)
      .join(''),
);
const minuteFile = (rows, unused = 0) => {
  const f = path.join(data, `minutes-${rows}${unused ? `-u${unused}` : ''}.csv`);
  return ensureFile(f, () => generatePrices(f, rows, 20, unused));
};
const big = minuteFile(BIG_ROWS);
const sizeMb = (f) => statSync(f).size / 1e6;
// issue 20: a daily file as pandas writes yfinance closes (15–17 significant digits, late
// listings, weekday-only funds), and a book of 2,000 columns
const realShaped = ensureFile(path.join(data, 'real-shaped.csv'), () =>
  generateRealShaped(path.join(data, 'real-shaped.csv')),
);
const realPositions = path.join(data, 'real-shaped-positions.csv');
writeFileSync(realPositions, 'symbol,quantity\nSOL,1500\nLINK,8000\nDOGE,250000\n');
const book = ensureFile(path.join(data, 'book-2000.csv'), () =>
  generatePrices(path.join(data, 'book-2000.csv'), 1826, 2000, 0, true),
);
const bookPositions = (n) => {
  const f = path.join(data, `book-positions-${n}.csv`);
  const rows = symbolNames(2000).slice(2, 2 + n);
  writeFileSync(f, `symbol,quantity\n${rows.map((s) => `${s},1\n`).join('')}`);
  return f;
};

// --- 1. cold start ----------------------------------------------------------------------------
log(`cold start: ${COLD_RUNS} interleaved runs each`);
const typicalJob = ['-p', typicalPositions, '-r', typical, '-H', 'BTC,ETH'];
const bare = [];
const job = [];
const load = [];
const real = [];
const realJob = ['-p', realPositions, '-r', realShaped, '-H', 'BTC,ETH'];
for (let i = 0; i < COLD_RUNS; i++) {
  bare.push(timed(node, ['-e', '0']).ms);
  job.push(timed(node, [bin, ...typicalJob]).ms);
  load.push(timed(node, [bin, '--version']).ms);
  real.push(timed(node, [bin, ...realJob]).ms);
}
const bareMs = median(bare);
const jobMs = median(job);
const realMs = median(real);
// what loading the program costs before any work: the bundle, its code cache, argument parsing
const loadMs = median(load);

// --- 2. csv-parse raw parse rate --------------------------------------------------------------
const rateFile = minuteFile(SCALE_ROWS[1]);
log(`csv-parse raw rate on ${path.relative(root, rateFile)}`);
const rate = timed(node, [path.join(root, 'bench/csv-parse-rate.mjs'), rateFile]);
const csvParseMBs = Number(rate.stdout.trim());

// --- 3. the large job vs pandas + statsmodels -------------------------------------------------
// Timed without the memory probe: `--import` preloads it into every thread (the reader's and the
// report's workers too), ~0.2-0.3 s on this job that pandas does not pay; peak memory comes from
// runs of their own with it (bigJobRss).
const bigJob = (file) => [
  bin,
  '-p',
  bigPositions,
  '-r',
  file,
  '-H',
  'BTC,ETH',
  '--format',
  'json',
  '-q',
];
const python = findPython();
log(
  `large job: ${BIG_RUNS} run(s)${python ? ` interleaved with pandas (${python.py})` : ', no pandas found'}`,
);
const bigJobRss = (file) => ['--import', maxrss, ...bigJob(file)];
const hedgeRuns = [];
const hedgeRssRuns = [];
const pandasRuns = [];
for (let i = 0; i < BIG_RUNS; i++) {
  hedgeRuns.push(timed(node, bigJob(big)));
  hedgeRssRuns.push(timed(node, bigJobRss(big), { rss: true }));
  if (python) {
    const script =
      'import resource, runpy, sys\n' +
      'sys.argv = sys.argv[1:]\n' +
      'runpy.run_path(sys.argv[0], run_name="__main__")\n' +
      'print(f"\\n@@maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)\n';
    pandasRuns.push(
      timed(
        python.py,
        ['-c', script, path.join(root, 'bench/pandas_baseline.py'), big, 'BTC,ETH'],
        { rss: true },
      ),
    );
  }
}
const hedgeMs = median(hedgeRuns.map((r) => r.ms));
const hedgeMb = median(hedgeRssRuns.map((r) => r.mb));
const pandasMs = python ? median(pandasRuns.map((r) => r.ms)) : null;
const pandasMb = python ? median(pandasRuns.map((r) => r.mb)) : null;

// The memory floor of any program that holds the columns this job uses as doubles: Node with 21
// filled Float64Arrays of BIG_ROWS (20 price columns and the times), nothing else.
const floor = timed(
  node,
  [
    '--import',
    maxrss,
    '-e',
    `const a = []; for (let j = 0; j < 21; j++) a.push(new Float64Array(${BIG_ROWS}).fill(j + 0.5));`,
  ],
  { rss: true },
);
// The same with the columns as the large-file reader holds these prices: the times as doubles,
// each price column in 4-byte decimal codes (src/input/prices/codes.ts).
const floorCodes = timed(
  node,
  [
    '--import',
    maxrss,
    '-e',
    `const a = [new Float64Array(${BIG_ROWS}).fill(0.5)]; for (let j = 0; j < 20; j++) a.push(new Int32Array(${BIG_ROWS}).fill(j + 1));`,
  ],
  { rss: true },
);

// --- 4. scaling: the whole job, and the prices reader alone ----------------------------------
log('scaling');
const readOnly = (file) => {
  const r = timed(node, ['--import', maxrss, readPrices, file, symbolNames(20).join(',')], {
    rss: true,
  });
  const out = JSON.parse(r.stdout);
  return { ms: r.ms, readMs: out.ms, rss: r.mb, path: out.path };
};
/** The whole job on `file`: medians of BIG_RUNS runs (time without the probe, as above). */
const wholeJob = (file) => {
  const runs = Array.from({ length: BIG_RUNS }, () => timed(node, bigJob(file)));
  const rss = Array.from({ length: BIG_RUNS }, () => timed(node, bigJobRss(file), { rss: true }));
  return { ms: median(runs.map((r) => r.ms)), mb: median(rss.map((r) => r.mb)) };
};
const scaling = SCALE_ROWS.map((rows) => {
  const file = minuteFile(rows);
  const r = rows === BIG_ROWS ? { ms: hedgeMs, mb: hedgeMb } : wholeJob(file);
  return { rows, mb: sizeMb(file), ms: r.ms, rss: r.mb, read: readOnly(file) };
});
// time = fixed + rows × marginal, fitted on the smallest and largest sizes
const lo = scaling[0];
const hi = scaling[scaling.length - 1];
const perRowUs = ((hi.ms - lo.ms) * 1000) / (hi.rows - lo.rows);
const fixedMs = lo.ms - (perRowUs * lo.rows) / 1000;
const fixedRows = SCALE_ROWS[1];
const unused0 = scaling[1];
const wideFile = minuteFile(fixedRows, 40);
const unused40 = { ...wholeJob(wideFile), read: readOnly(wideFile) };

// --- 5. a wide book: 2,000 columns, 10 to 1,998 positions -------------------------------------
log(`wide book: ${BOOK_RUNS} interleaved run(s) per size`);
const bookRuns = BOOK_SIZES.map(() => []);
for (let i = 0; i < BOOK_RUNS; i++) {
  BOOK_SIZES.forEach((n, k) => {
    const args = ['-p', bookPositions(n), '-r', book, '-H', 'BTC,ETH', '--format', 'json', '-q'];
    bookRuns[k].push(timed(node, ['--import', maxrss, bin, ...args], { rss: true }));
  });
}
const bookMs = bookRuns.map((runs) => median(runs.map((r) => r.ms)));
const bookMb = bookRuns.map((runs) => median(runs.map((r) => r.mb)));

// --- report -----------------------------------------------------------------------------------
const f0 = (x) => (x === null ? '–' : x.toFixed(0));
const f2 = (x) => (x === null ? '–' : x.toFixed(2));
const lines = [];
lines.push(
  `Machine: ${machine()}${python ? `; pandas ${python.versions.replace(' ', ', statsmodels ')}` : ''}${quick ? ' (BENCH_QUICK)' : ''}`,
);
lines.push('');
lines.push('| measure | hedge | baseline | ratio | target |');
lines.push('|---|---:|---:|---:|---:|');
lines.push(
  `| typical job: 5 y daily × 22 columns, 3 positions, table (median of ${COLD_RUNS}) | ${f0(jobMs)} ms | \`node -e 0\` ${f0(bareMs)} ms | ${f2(jobMs / bareMs)}× | ≤ 2× |`,
);
lines.push(
  `| the same program loading only (\`hedge --version\`, median of ${COLD_RUNS}) | ${f0(loadMs)} ms | \`node -e 0\` ${f0(bareMs)} ms | ${f2(loadMs / bareMs)}× | |`,
);
lines.push(
  `| real-shaped: ${f2(sizeMb(realShaped))} MB, 2,883 days × 22 columns of pandas-written floats, 3 positions, table (median of ${COLD_RUNS}) | ${f0(realMs)} ms | \`node -e 0\` ${f0(bareMs)} ms | ${f2(realMs / bareMs)}× | ≤ 2× |`,
);
lines.push(
  `| ${BIG_ROWS.toLocaleString('en-US')} rows × 20 minute closes (${f0(sizeMb(big))} MB), 18 positions, JSON: time (median of ${BIG_RUNS}) | ${f2(hedgeMs / 1000)} s | pandas+statsmodels ${python ? `${f2(pandasMs / 1000)} s` : 'not run'} | ${python ? `${f2(hedgeMs / pandasMs)}×` : '–'} | ≤ 0.5× |`,
);
lines.push(
  `| same job: peak memory | ${f0(hedgeMb)} MB | pandas+statsmodels ${python ? `${f0(pandasMb)} MB` : 'not run'} | ${python ? `${f2(hedgeMb / pandasMb)}×` : '–'} | ≤ 0.3× |`,
);
lines.push(
  `| floor: Node holding only the job's 21 columns as doubles (${BIG_ROWS.toLocaleString('en-US')} each) | ${f0(floor.mb)} MB | pandas+statsmodels ${python ? `${f0(pandasMb)} MB` : 'not run'} | ${python ? `${f2(floor.mb / pandasMb)}×` : '–'} | |`,
  `| floor: the same with the prices in 4-byte decimal codes, as the reader holds these | ${f0(floorCodes.mb)} MB | pandas+statsmodels ${python ? `${f0(pandasMb)} MB` : 'not run'} | ${python ? `${f2(floorCodes.mb / pandasMb)}×` : '–'} | |`,
);
const bigRead = scaling[scaling.length - 1].read;
lines.push(
  `| prices reader alone on that file (${bigRead.path}): read rate | ${f0(sizeMb(big) / (bigRead.readMs / 1000))} MB/s | csv-parse alone, one core, records only ${f0(csvParseMBs)} MB/s | ${f2(sizeMb(big) / (bigRead.readMs / 1000) / csvParseMBs)}× | |`,
);
lines.push(
  `| prices reader alone: process time, peak memory | ${f2(bigRead.ms / 1000)} s, ${f0(bigRead.rss)} MB | 21 Float64Arrays of ${BIG_ROWS.toLocaleString('en-US')}: ${f0((21 * 8 * BIG_ROWS) / 2 ** 20)} MB | | |`,
);
lines.push('');
lines.push(
  `| rows (20 columns) | file | whole job: time (median of ${BIG_RUNS}) | peak memory | reader alone: time | peak memory |`,
);
lines.push('|---:|---:|---:|---:|---:|---:|');
for (const s of scaling) {
  lines.push(
    `| ${s.rows.toLocaleString('en-US')} | ${f0(s.mb)} MB | ${f2(s.ms / 1000)} s | ${f0(s.rss)} MB | ${f2(s.read.ms / 1000)} s | ${f0(s.read.rss)} MB |`,
  );
}
lines.push('');
lines.push(
  `Whole job ≈ ${f0(fixedMs)} ms + ${f2(perRowUs)} µs per row (fitted on ${lo.rows.toLocaleString('en-US')} and ${hi.rows.toLocaleString('en-US')} rows); ` +
    scaling
      .map(
        (x) =>
          `${x.rows.toLocaleString('en-US')} rows: ${f2(x.ms / 1000)} s measured, ${f2((fixedMs + (perRowUs * x.rows) / 1000) / 1000)} s fitted`,
      )
      .join('; ') +
    '.',
);
lines.push('');
lines.push(
  `| ${fixedRows.toLocaleString('en-US')} rows, 20 used columns | file | whole job: time | peak memory | reader alone: time | peak memory |`,
);
lines.push('|---|---:|---:|---:|---:|---:|');
lines.push(
  `| + 0 unused columns | ${f0(unused0.mb)} MB | ${f2(unused0.ms / 1000)} s | ${f0(unused0.rss)} MB | ${f2(unused0.read.ms / 1000)} s | ${f0(unused0.read.rss)} MB |`,
);
lines.push(
  `| + 40 unused columns | ${f0(sizeMb(wideFile))} MB | ${f2(unused40.ms / 1000)} s | ${f0(unused40.mb)} MB | ${f2(unused40.read.ms / 1000)} s | ${f0(unused40.read.rss)} MB |`,
);
lines.push('');
lines.push(
  `| ${f0(sizeMb(book))} MB book: 1,826 days × 2,000 columns, hedged with BTC, ETH, JSON | time (median of ${BOOK_RUNS}) | peak memory | per position since the previous size |`,
);
lines.push('|---:|---:|---:|---:|');
BOOK_SIZES.forEach((n, k) => {
  const per = k === 0 ? '' : `${f2((bookMs[k] - bookMs[k - 1]) / (n - BOOK_SIZES[k - 1]))} ms`;
  lines.push(`| ${n} positions | ${f2(bookMs[k] / 1000)} s | ${f0(bookMb[k])} MB | ${per} |`);
});
process.stdout.write(lines.join('\n') + '\n');
