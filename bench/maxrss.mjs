// Preloaded into a benchmarked node process (`node --import ./bench/maxrss.mjs …`): at exit,
// writes the process's peak resident set size (all threads, KiB) to stderr on a line of its own.
process.on('exit', () => {
  process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
});
