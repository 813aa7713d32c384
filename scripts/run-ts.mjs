// Runs a TypeScript entry point (bench, fixture generator) without a TS runtime: bundle it with
// esbuild into a temporary CJS file next to it, run it with the remaining arguments, remove it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
const out = path.join(
  path.dirname(entry),
  `.run-${path.basename(entry, '.ts')}-${process.pid}.cjs`,
);
await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['esbuild'],
});
try {
  const r = spawnSync(process.execPath, ['--enable-source-maps', out, ...args], {
    stdio: 'inherit',
  });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(out, { force: true });
}
