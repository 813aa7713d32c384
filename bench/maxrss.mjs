// Preloaded into a benchmarked node process (`node --import ./bench/maxrss.mjs …`): at exit,
// writes the process's peak resident set size (all threads, KiB) to stderr on a line of its own.
// `--import` preloads into worker threads too: only the main thread reports (a worker's exit
// comes earlier, and its figure is the process's peak at that moment, not at the end).
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
  });
}
