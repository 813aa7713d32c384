/**
 * Typed errors. They are thrown low (core, input) and turned into text and exit codes only in
 * `src/cli`. Messages have no trailing period and never contain raw zod output, `undefined` or
 * `NaN`.
 */

/** Base class: every error the program reports on purpose. */
export abstract class HedgeError extends Error {
  abstract readonly exitCode: 1 | 2;
}

/** Where in an input file a problem is: 1-based line, optional column name. */
export interface Location {
  /** Name of the file as the user gave it (`-` is shown as `<stdin>`). */
  readonly file: string;
  /** 1-based physical line number in the file, or null when the problem is the whole file. */
  readonly line: number | null;
  /** Column name (header text) or null. */
  readonly column?: string | null;
}

/** One located problem in untrusted input. */
export interface Problem extends Location {
  readonly message: string;
}

/** Bad input data (exit 1). Carries every problem found, in file order (the CLI prints 20). */
export class InputError extends HedgeError {
  readonly exitCode = 1 as const;
  readonly problems: readonly Problem[];
  constructor(problems: Problem | readonly Problem[]) {
    const list = Array.isArray(problems) ? (problems as readonly Problem[]) : [problems as Problem];
    super(list.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = list;
  }
}

/** Bad command line (exit 2): unknown flag, bad flag value, inconsistent flags. */
export class UsageError extends HedgeError {
  readonly exitCode = 2 as const;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A result that is mathematically undefined for the data given (exit 1): a singular design,
 * a hedge with zero variance, too few observations to fit at all.
 */
export class MathError extends HedgeError {
  readonly exitCode = 1 as const;
  constructor(message: string) {
    super(message);
    this.name = 'MathError';
  }
}

/** `prices.csv:14: column "SOL": expected a number, got "n/a"` (without the `hedge: ` prefix). */
export function formatProblem(p: Problem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}`;
  const col = p.column ? ` column "${p.column}":` : '';
  return `${where}:${col} ${p.message}`;
}

/**
 * Collects problems up to a limit so that a bad file reports all its bad rows (the CLI prints the
 * first 20 and a count of the rest) without holding millions of messages.
 */
export class ProblemList {
  private readonly items: Problem[] = [];
  private extra = 0;
  constructor(private readonly limit = 20) {}
  add(p: Problem): void {
    if (this.items.length < this.limit) this.items.push(p);
    else this.extra++;
  }
  get count(): number {
    return this.items.length + this.extra;
  }
  /** Throws an InputError if anything was collected. */
  throwIfAny(): void {
    if (this.count === 0) return;
    const list = [...this.items];
    if (this.extra > 0) {
      const last = list[list.length - 1]!;
      list.push({ file: last.file, line: null, message: `and ${this.extra} more problems` });
    }
    throw new InputError(list);
  }
}
