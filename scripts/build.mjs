// Builds dist/ for a fast cold start:
// - dist/hedge.cjs: the CLI in one minified CommonJS file (one file to read instead of hundreds of
//   modules). CJS because esbuild's ESM output breaks on dynamic requires. `module` before `main`
//   so packages with an ESM build (mathjs) are tree-shaken to the factories actually imported.
// - dist/price-worker.cjs: the worker thread of the large-file prices reader (its own entry).
// - dist/report-worker.cjs: the second thread of a large report (src/report/parallel.ts).
// - dist/linalg-mathjs.cjs: mathjs, for systems of 3 or more coefficients (see mathjsApart).
// - dist/render-html.cjs: the HTML renderer with d3, only for --format html (see htmlApart).
// - dist/hedge.cjs.cache: V8 code cache of hedge.cjs, made by running a typical job on the
//   sample fixtures once, so the functions that job compiled are in it. bin/hedge.js hands it to
//   vm.Script; V8 checks the source hash and its own version and ignores a stale cache.
//   `--no-cache` skips it (bin/hedge.js works without it, only slower).
// Usage: node scripts/build.mjs [--no-cache] [--no-minify] [--entry src/x.ts] [--out DIR]
//   --no-minify: readable names in CPU profiles (a probe, for measuring);
//   --entry: another entry than src/cli/main.ts (a probe, for measuring);
//   --out: build DIR/dist with DIR/bin/hedge.js beside it instead of ./dist (the benchmark builds
//   its own copy, so that a concurrent `npm run build` cannot change what it measures).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const entryAt = args.indexOf('--entry');
const entry = entryAt >= 0 ? args[entryAt + 1] : 'src/cli/main.ts';
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? path.resolve(args[outAt + 1]) : root;
if (out !== root) {
  mkdirSync(path.join(out, 'bin'), { recursive: true });
  copyFileSync(path.join(root, 'bin/hedge.js'), path.join(out, 'bin/hedge.js'));
}

/**
 * Builtins that packages require at load time but a run rarely uses become lazy: the module is
 * loaded on first property access. commander requires `node:child_process` (~2 ms of start-up) for
 * executable subcommands, which hedge does not have.
 */
const LAZY_BUILTINS = /^(node:)?child_process$/;
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: LAZY_BUILTINS }, (args) =>
      args.importer.includes('node_modules')
        ? { path: args.path, namespace: 'lazy-builtin' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require(${JSON.stringify(args.path)}))[k] });`,
      loader: 'js',
    }));
  },
};

/**
 * chalk's default instance detects colour support at load time (node:tty, node:os, the
 * environment: ~3 ms of start-up). hedge never uses that instance: the table makes its own
 * `new Chalk({ level })` from --color/--no-color, NO_COLOR, FORCE_COLOR and isTTY
 * (src/cli/options.ts). So chalk's `#supports-color` import gets its browser build, which
 * detects nothing on Node.
 */
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      args.importer.includes(`${path.sep}chalk${path.sep}`)
        ? {
            path: path.join(path.dirname(args.importer), 'vendor/supports-color/browser.js'),
          }
        : undefined,
    );
  },
};

/**
 * mathjs (with decimal.js, typed-function, complex.js: ~700 KB of the 1 MB bundle) is used only
 * for systems of 3 or more coefficients, which src/core/linalg.ts requires lazily from
 * ./linalg-mathjs. That module is its own file, dist/linalg-mathjs.cjs, required at run time
 * from the bundles beside it: the CLI and the report worker read and compile a third of the
 * code at start-up.
 */
const mathjsApart = {
  name: 'mathjs-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/linalg-mathjs$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'core', 'linalg.ts'))
        ? { path: './linalg-mathjs.cjs', external: true }
        : undefined,
    );
  },
};

/**
 * The HTML renderer and the d3 modules it draws with (d3-scale, d3-shape, d3-array and theirs:
 * ESM packages, bundled to CommonJS here) are their own file, dist/render-html.cjs, which
 * src/report/formats.ts requires only for --format html: the other formats' start-up reads and
 * compiles none of it.
 */
const htmlApart = {
  name: 'html-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/render-html$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'report', 'formats.ts'))
        ? { path: './render-html.cjs', external: true }
        : undefined,
    );
  },
};

/**
 * cli-table3 measures every cell, and every piece it truncates or pads, with string-width, which
 * builds ansi-regex's RegExp on each call and runs emoji-regex's very large pattern over the text:
 * on a cold start a third of the table's time. Its `string-width` is src/report/text-width.ts,
 * which gives the same widths without string-width for the characters hedge's tables use.
 */
const tableTextWidth = {
  name: 'table-text-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.includes(`${path.sep}cli-table3${path.sep}`)
        ? { path: path.join(root, 'src/report/text-width.ts'), namespace: 'table-text-width' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'table-text-width' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)}).textWidth;`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

const common = {
  plugins: [lazyBuiltins, chalkWithoutDetection, mathjsApart, htmlApart, tableTextWidth],
  absWorkingDir: root,
  outdir: path.join(out, 'dist'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  minify: !args.includes('--no-minify'),
  keepNames: false,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: { hedge: entry } }),
  build({ ...common, entryPoints: { 'price-worker': 'src/input/prices/worker.ts' } }),
  build({ ...common, entryPoints: { 'report-worker': 'src/report/report-worker.ts' } }),
  build({ ...common, entryPoints: { 'linalg-mathjs': 'src/core/linalg-mathjs.ts' } }),
  build({ ...common, entryPoints: { 'render-html': 'src/report/render-html.ts' } }),
]);

const cache = path.join(out, 'dist/hedge.cjs.cache');
rmSync(cache, { force: true });
if (!args.includes('--no-cache') && existsSync(path.join(root, 'fixtures/positions.csv'))) {
  // The typical job, so that what it compiles lazily is cached too. Its output is not wanted.
  const r = spawnSync(
    process.execPath,
    [
      path.join(out, 'bin/hedge.js'),
      '--positions',
      path.join(root, 'fixtures/positions.csv'),
      '--prices',
      path.join(root, 'fixtures/prices.csv'),
      '--hedge',
      'BTC,ETH',
      '--no-color',
    ],
    { env: { ...process.env, HEDGE_WRITE_CODE_CACHE: cache }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (!existsSync(cache)) {
    process.stderr.write(
      `build: no code cache written (exit ${r.status}): ${String(r.stderr).slice(0, 500)}\n`,
    );
  }
}
