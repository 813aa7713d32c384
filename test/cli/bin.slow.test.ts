/**
 * The built program on the paths that take seconds: three hedges (mathjs, bundled apart in
 * dist/linalg-mathjs.cjs) and a file large enough for the worker-thread reader of dist/.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, buildForThisFile } from '../support/build';
import { runCli } from '../support/cli';
import { runProgram, shell, withoutPricesName } from '../support/spawn';
import { tempDirForThisFile } from '../support/temp-dir';

const dir = tempDirForThisFile('hedge-bin-slow-');
const build = buildForThisFile();
const PRICES = path.join(ROOT, 'fixtures/prices.csv');

const hedge = (args: readonly string[]) => runProgram(build.bin, args, { cwd: dir });
const sh = (script: string) => shell(script, dir);

/** A wide prices file above the worker threshold (about 9 MB): 40,000 minutes × 20 symbols. */
function largePrices(file: string): string[] {
  const symbols = Array.from({ length: 20 }, (_, j) => `S${j}`);
  const price = symbols.map((_, j) => 10 + j);
  let seed = 1;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const lines = [`time,${symbols.join(',')}`];
  for (let i = 0; i < 40_000; i++) {
    const f = next() * 0.002;
    for (let j = 0; j < 20; j++) price[j]! *= Math.exp(f * (1 + j / 20) + next() * 0.002);
    lines.push(`${1704067200 + i * 60},${price.map((p) => p.toFixed(6)).join(',')}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return symbols;
}

describe('bin/hedge.js', () => {
  test('three hedges: mathjs, bundled apart (dist/linalg-mathjs.cjs), gives the in-process report', async () => {
    const positions = path.join(dir, 'zed.csv');
    writeFileSync(positions, 'symbol,quantity\nZED,1000\n');
    const args = ['-p', positions, '-r', PRICES, '-H', 'BTC,ETH,SOL', '--format', 'json'];
    const r = hedge(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const inProcess = await runCli(args);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(inProcess.stdout));
    expect(
      (JSON.parse(r.stdout) as { positions: { hedges: unknown[] }[] }).positions[0]!.hedges,
    ).toHaveLength(3);
  });

  test('a large file read by the worker threads gives the report standard input gives', () => {
    const file = path.join(dir, 'large.csv');
    const symbols = largePrices(file);
    const positions = path.join(dir, 'large-positions.csv');
    writeFileSync(
      positions,
      `symbol,quantity\n${symbols
        .slice(2)
        .map((s) => `${s},1`)
        .join('\n')}\n`,
    );
    const args = ['--positions', positions, '--hedge', 'S0,S1', '--format', 'json'];
    const viaWorkers = hedge([...args, '--prices', file]);
    expect(viaWorkers.code).toBe(0);
    expect(viaWorkers.stderr).toBe(''); // no progress line: stderr is not a terminal
    const viaStdin = sh(
      `'${process.execPath}' '${build.bin}' ${args.join(' ')} --prices - < '${file}'`,
    );
    expect(viaStdin.code).toBe(0);
    expect(withoutPricesName(viaStdin.stdout)).toEqual(withoutPricesName(viaWorkers.stdout));
    expect(JSON.parse(viaWorkers.stdout).positions).toHaveLength(18);
  });
});
