/** Running the built program (bin/hedge.js) in a directory, as the bin tests do. */
import { spawnSync } from 'node:child_process';
import { BIN } from './build';

/** A JSON report without the settings echo of the prices file name (`-` for stdin). */
export function withoutPricesName(json: string): unknown {
  const report = JSON.parse(json) as { settings: Record<string, unknown> };
  delete report.settings.prices;
  return report;
}

/** `hedge(args, input)` runs bin/hedge.js, `sh(script)` a bash pipeline, both with cwd `dir`. */
export function binRunner(dir: string) {
  return {
    hedge(args: readonly string[], input?: string | Buffer) {
      const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: dir,
        input,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        env: { PATH: process.env.PATH ?? '' },
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    sh(script: string) {
      const r = spawnSync('bash', ['-c', `set -o pipefail; ${script}`], {
        cwd: dir,
        encoding: 'utf8',
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    withoutPricesName,
  };
}
