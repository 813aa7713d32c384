/** "Did you mean" suggestions for misspelt column and symbol names. */

/**
 * The candidate nearest to `name` by case-insensitive Damerau-Levenshtein distance (optimal
 * string alignment: insertions, deletions, substitutions, adjacent transpositions), if it is
 * close enough: a distance of at most 0 for names of 1–2 characters (case differences only), 1 for
 * 3–5, 2 for 6–8, 3 beyond. Ties go to the earlier candidate.
 * Cost: O(candidates × |name| × |candidate|) time, O(|candidate|) memory.
 * @returns the candidate as written, or null when none is close enough.
 */
export function suggest(name: string, candidates: readonly string[]): string | null {
  const a = name.toLowerCase();
  const limit = a.length <= 2 ? 0 : a.length <= 5 ? 1 : a.length <= 8 ? 2 : 3;
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const b = candidate.toLowerCase();
    if (Math.abs(a.length - b.length) >= bestDistance) continue;
    const d = osaDistance(a, b, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance, or any value ≥ `cap` once it is known to reach `cap`. */
function osaDistance(a: string, b: string, cap: number): number {
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= cap) return cap;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}
