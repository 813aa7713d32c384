import type { Report } from './types';

/**
 * The report as JSON: full precision (shortest round-trip decimal of each double), keys in the
 * order of the report types, two-space indentation, one trailing newline. Non-finite numbers
 * cannot reach here (the builder maps them to null); the replacer is a last line of defence.
 */
export function renderJson(report: Report): string {
  return (
    JSON.stringify(
      report,
      (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
      2,
    ) + '\n'
  );
}
