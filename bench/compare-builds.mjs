// Before/after in one run: two builds of hedge (each made with `node scripts/build.mjs --out DIR`,
// e.g. one from a checkout of the base commit) measured on the benchmark's jobs, every run
// interleaved with the others and with bare `node -e 0`, so that the shared machine's drift hits
// both builds alike. Prints medians, each build's ratio to bare Node (cold start) or to pandas
// (the large job), and new/old. Asserts nothing.
//   node bench/compare-builds.mjs OLD_DIR NEW_DIR [cold|big|real|wide ...]
// `npm run bench` must have generated bench/data/ first (the files are not made here).
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { symbolNames } from './gen-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.join(root, 'bench/data');
const [oldDir, newDir, ...which] = process.argv.slice(2);
if (!oldDir || !newDir) {
  console.error('usage: node bench/compare-builds.mjs OLD_DIR NEW_DIR [cold|big|real|wide ...]');
  process.exit(2);
}
const parts = which.length > 0 ? which : ['cold', 'big'];
const COLD_RUNS = Number(process.env.COLD_RUNS ?? 31);
const BIG_RUNS = Number(process.env.BIG_RUNS ?? 3);
const WIDE_RUNS = Number(process.env.WIDE_RUNS ?? 5);
const node = process.execPath;
const maxrss = pathToFileURL(path.join(root, 'bench/maxrss.mjs')).href;
const builds = [
  ['old', path.join(path.resolve(oldDir), 'bin/hedge.js')],
  ['new', path.join(path.resolve(newDir), 'bin/hedge.js')],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Wall time in ms (and peak RSS in MB with `rss`) of one run; throws on a non-zero exit. */
function timed(cmd, args, rss = false) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, rss ? ['--import', maxrss, ...args] : args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const all = [...r.stderr.matchAll(/@@maxrss (\d+)/g)];
  return { ms, mb: all.length > 0 ? Number(all[all.length - 1][1]) / 1024 : null, out: r.stdout };
}

function need(file) {
  if (!existsSync(file)) {
    console.error(`missing ${path.relative(root, file)}: run npm run bench first`);
    process.exit(1);
  }
  return file;
}

/** Cold start: `runs` rounds of bare node, then each build on `args`, in turn. */
function cold(label, args, runs = COLD_RUNS) {
  const bare = [];
  const times = { old: [], new: [] };
  const outputs = new Set();
  for (let i = 0; i < runs; i++) {
    bare.push(timed(node, ['-e', '0']).ms);
    for (const [name, bin] of i % 2 ? [...builds].reverse() : builds) {
      const r = timed(node, [bin, ...args]);
      times[name].push(r.ms);
      outputs.add(r.out);
    }
  }
  const b = median(bare);
  const o = median(times.old);
  const n = median(times.new);
  console.log(
    `| ${label} (median of ${runs}) | ${b.toFixed(0)} ms | ${o.toFixed(0)} ms, ${(o / b).toFixed(2)}× | ${n.toFixed(0)} ms, ${(n / b).toFixed(2)}× | ${(n / o).toFixed(3)} | ${outputs.size === 1 ? 'same' : 'DIFFERENT'} |`,
  );
}

const header = () => {
  console.log('| job | `node -e 0` | old | new | new/old | output |');
  console.log('|---|---:|---:|---:|---:|---|');
};

if (parts.includes('cold')) {
  header();
  const positions = path.join(data, 'typical-positions.csv');
  writeFileSync(positions, 'symbol,quantity\nSOL,1500\nLINK,8000\nDOGE,250000\n');
  const typical = need(path.join(data, 'typical.csv'));
  cold('typical job: 5 y daily × 22 columns, 3 positions, table', [
    '-p',
    positions,
    '-r',
    typical,
    '-H',
    'BTC,ETH',
  ]);
  cold('the program loading only (`--version`)', ['--version']);
}

if (parts.includes('real')) {
  header();
  const real = need(path.join(data, 'real-shaped.csv'));
  const positions = path.join(data, 'real-shaped-positions.csv');
  writeFileSync(positions, 'symbol,quantity\nSOL,1500\nLINK,8000\nDOGE,250000\n');
  cold('real-shaped daily file, 3 positions, table', [
    '-p',
    positions,
    '-r',
    real,
    '-H',
    'BTC,ETH',
  ]);
}

if (parts.includes('wide')) {
  header();
  const book = need(path.join(data, 'book-2000.csv'));
  for (const n of [10, 100, 1000, 1998]) {
    const positions = path.join(data, `book-positions-${n}.csv`);
    const rows = symbolNames(2000).slice(2, 2 + n);
    writeFileSync(positions, `symbol,quantity\n${rows.map((s) => `${s},1\n`).join('')}`);
    const args = ['-p', positions, '-r', book, '-H', 'BTC,ETH', '--format', 'json', '-q'];
    cold(`2,000-column book, ${n} positions, JSON`, args, WIDE_RUNS);
  }
}

if (parts.includes('big')) {
  const big = need(path.join(data, 'minutes-1000000.csv'));
  const positions = path.join(data, 'big-positions.csv');
  const assets = symbolNames(20).slice(2);
  writeFileSync(positions, `symbol,quantity\n${assets.map((s) => `${s},1\n`).join('')}`);
  const args = ['-p', positions, '-r', big, '-H', 'BTC,ETH', '--format', 'json', '-q'];
  const py = ['python3', '/usr/bin/python3'].find(
    (p) => spawnSync(p, ['-c', 'import pandas, statsmodels']).status === 0,
  );
  const runs = { old: [], new: [], pandas: [] };
  const outputs = new Set();
  for (let i = 0; i < BIG_RUNS; i++) {
    for (const [name, bin] of i % 2 ? [...builds].reverse() : builds) {
      const r = timed(node, [bin, ...args], true);
      runs[name].push(r);
      outputs.add(r.out);
    }
    if (py) {
      const script =
        'import resource, runpy, sys\nsys.argv = sys.argv[1:]\nrunpy.run_path(sys.argv[0], run_name="__main__")\n' +
        'print(f"\\n@@maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)\n';
      const t0 = process.hrtime.bigint();
      const r = spawnSync(
        py,
        ['-c', script, path.join(root, 'bench/pandas_baseline.py'), big, 'BTC,ETH'],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        },
      );
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const m = [...r.stderr.matchAll(/@@maxrss (\d+)/g)];
      runs.pandas.push({ ms, mb: Number(m[m.length - 1][1]) / 1024 });
    }
  }
  const t = (k) => median(runs[k].map((r) => r.ms));
  const mb = (k) => median(runs[k].map((r) => r.mb));
  console.log('');
  console.log(
    `| 1,000,000 × 20, 18 positions, JSON (median of ${BIG_RUNS}) | time | / pandas | peak memory | / pandas |`,
  );
  console.log('|---|---:|---:|---:|---:|');
  for (const k of ['old', 'new']) {
    console.log(
      `| ${k} | ${(t(k) / 1000).toFixed(2)} s | ${py ? (t(k) / t('pandas')).toFixed(2) : '–'}× | ${mb(k).toFixed(0)} MB | ${py ? (mb(k) / mb('pandas')).toFixed(2) : '–'}× |`,
    );
  }
  if (py)
    console.log(
      `| pandas + statsmodels | ${(t('pandas') / 1000).toFixed(2)} s | | ${mb('pandas').toFixed(0)} MB | |`,
    );
  console.log(
    `| new/old | ${(t('new') / t('old')).toFixed(3)} | | ${(mb('new') / mb('old')).toFixed(3)} | |`,
  );
  console.log(`outputs: ${outputs.size === 1 ? 'same' : 'DIFFERENT'}`);
}
