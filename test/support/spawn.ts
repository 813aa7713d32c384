import { spawnSync } from 'node:child_process';

export interface SpawnResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built bin/hedge.js in `cwd` with only PATH in its environment. */
export function runProgram(
  bin: string,
  args: readonly string[],
  opts: { cwd: string; input?: string | Buffer },
): SpawnResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd,
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a bash script with `pipefail` in `cwd`. */
export function shell(script: string, cwd: string): SpawnResult {
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${script}`], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A JSON report without the settings echo of the prices file name (`-` for stdin). */
export function withoutPricesName(json: string): unknown {
  const report = JSON.parse(json) as { settings: Record<string, unknown> };
  delete report.settings.prices;
  return report;
}
