// Interleaved medians of arbitrary commands: each round runs every command once (in reverse
// order every other round), so that a shared machine's drift hits them alike. Prints the median
// wall time of each, its ratio to the first, and the median of `ms` when a command prints JSON
// with one (bench/read-prices.ts does). Asserts nothing.
//   node bench/interleave.mjs RUNS 'label=command' ...
import { spawnSync } from 'node:child_process';

const [runsArg, ...specs] = process.argv.slice(2);
const runs = Number(runsArg);
if (!(runs > 0) || specs.length === 0) {
  console.error("usage: node bench/interleave.mjs RUNS 'label=command' ...");
  process.exit(2);
}
const jobs = specs.map((s) => {
  const at = s.indexOf('=');
  return { label: s.slice(0, at), command: s.slice(at + 1), wall: [], inner: [] };
});
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (let i = 0; i < runs; i++) {
  for (const job of i % 2 ? [...jobs].reverse() : jobs) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('bash', ['-c', job.command], { encoding: 'utf8', maxBuffer: 1 << 30 });
    job.wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${job.label}: exit ${r.status}\n${r.stderr}`);
    try {
      const ms = JSON.parse(r.stdout).ms;
      if (typeof ms === 'number') job.inner.push(ms);
    } catch {
      // not JSON: wall time only
    }
  }
}
const first = median(jobs[0].wall);
for (const job of jobs) {
  const w = median(job.wall);
  const inner = job.inner.length > 0 ? `, inner ${median(job.inner).toFixed(1)} ms` : '';
  console.log(`${job.label}: ${w.toFixed(1)} ms (${(w / first).toFixed(3)}× the first)${inner}`);
}
