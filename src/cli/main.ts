/** Process entry point (bundled to dist/hedge.cjs; bin/hedge.js loads it). */
import { fdOutput, type FdOutput } from './fd-output';
import { run } from './run';

/**
 * Messages nobody can read any more (stderr closed, full, or failing) are dropped: a failure to
 * tell about a failure must not turn into another one.
 */
function quietOnFailure(out: FdOutput): FdOutput {
  return {
    write(text) {
      try {
        out.write(text);
      } catch {
        // dropped
      }
    },
    get isTTY() {
      return out.isTTY;
    },
    get columns() {
      return out.columns;
    },
  };
}

void run(process.argv.slice(2), {
  // a getter: process.stdin opens a stream over fd 0 (a pipe, a TTY or a file) when first read,
  // which costs start-up time in the runs that never read standard input
  get stdin() {
    return process.stdin;
  },
  // `hedge … | head -1`: the reader went away; stop quietly, as a Unix filter does.
  stdout: fdOutput(
    1,
    () => process.stdout,
    () => process.exit(0),
  ),
  stderr: quietOnFailure(
    fdOutput(
      2,
      () => process.stderr,
      () => undefined,
    ),
  ),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
