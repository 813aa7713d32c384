/** Process entry point (bundled to dist/hedge.cjs; bin/hedge.js loads it). */
import { run } from './run';
import { processTiering } from './tiering';

// `hedge … | head -1`: the reader went away; stop quietly, as a Unix filter does.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

void run(process.argv.slice(2), {
  // a getter: process.stdin opens a stream over fd 0 (a pipe, a TTY or a file) when first read,
  // which costs start-up time in the runs that never read standard input
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  tiering: processTiering(),
}).then((code) => {
  process.exitCode = code;
});
