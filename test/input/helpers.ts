/** Shared by the input tests: a named text source and the located messages of an InputError. */
import { InputError, formatProblem } from '../../src/errors';
import type { TextSource } from '../../src/input/read';

export function source(text: string, name = 'prices.csv'): TextSource {
  return { name, text };
}

/** The formatted problems thrown by `fn` (fails the test when it does not throw an InputError). */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected an InputError');
}
