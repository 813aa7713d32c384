/**
 * The previous report (`--previous`): a JSON report written earlier by hedge, read back to say
 * what changed since. Loaded only when the flag is given.
 */
import * as z from 'zod/mini';
import { InputError, ProblemList, type Problem } from '../errors';
import { showValue } from './cells';
import { jsonLineOf, jsonSyntaxError, pathText, type JsonPath } from './json-text';
import type { TextSource } from './read';
import type { PreviousReport } from './types';

/** The schemaVersion this version of hedge writes and reads. */
const SCHEMA_VERSION = 1;

const text = z.string({ error: 'expected a string' });
const nullableText = z.nullable(z.string({ error: 'expected a string or null' }));
const nullableNumber = z.nullable(z.number({ error: 'expected a number or null' }));
const list = <T extends z.ZodMiniType>(item: T) => z.array(item, { error: 'expected an array' });
const object = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.object(shape, { error: 'expected an object' });

const warning = object({
  code: text,
  severity: z.enum(['info', 'warning', 'critical'], {
    error: 'expected "info", "warning" or "critical"',
  }),
  message: text,
});

/** The fields --previous uses; a key the schema does not name is ignored. */
const reportSchema = object({
  asOf: nullableText,
  settings: z.record(z.string(), z.unknown(), { error: 'expected an object' }),
  positions: list(object({ symbol: text, label: nullableText, warnings: list(warning) })),
  totals: list(
    object({
      symbol: text,
      hedgeQuantity: nullableNumber,
      rebalance: z.optional(z.nullable(z.boolean({ error: 'expected true, false or null' }))),
    }),
  ),
  warnings: list(warning),
});

/** A JSON value described for a message: `"abc"`, `5`, `null`, `an array`, `an object`. */
function describe(v: unknown): string {
  if (typeof v === 'string') return showValue(v);
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}

/** The value at `path` of a parsed JSON document, or undefined when there is none. */
function valueAt(doc: unknown, path: JsonPath): unknown {
  let v = doc;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/**
 * Parses a previous JSON report of hedge: schemaVersion 1 and the fields that say what changed
 * (`asOf`, `settings`, each position's `symbol`, `label` and `warnings`, each total's `symbol`,
 * `hedgeQuantity` and, when present, `rebalance`, and `warnings`); other fields are not read.
 * Cost: O(size of the file).
 * @returns the report's fields that `changes` compares.
 * @throws InputError located at a line of the file: invalid JSON (`not a hedge JSON report:
 *   invalid JSON: expected a value, got "s"`), not an object, no or another `schemaVersion`,
 *   then every missing or mistyped field (up to 20 and a count):
 *   `totals[0].hedgeQuantity: expected a number or null, got "abc"`, `totals[1]: missing "symbol"`.
 */
export function parsePreviousReport(src: TextSource): PreviousReport {
  const at = (path: JsonPath, message: string): Problem => ({
    file: src.name,
    line: jsonLineOf(src.text, path),
    message,
  });
  let doc: unknown;
  try {
    doc = JSON.parse(src.text);
  } catch {
    const e = jsonSyntaxError(src.text) ?? { line: null, message: 'not valid JSON' };
    throw new InputError({
      file: src.name,
      line: e.line,
      message: `not a hedge JSON report: invalid JSON: ${e.message}`,
    });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(
      at([], `not a hedge JSON report: expected a JSON object, got ${describe(doc)}`),
    );
  }
  if (!Object.hasOwn(doc, 'schemaVersion')) {
    throw new InputError(at([], 'not a hedge JSON report: missing "schemaVersion"'));
  }
  const version = (doc as { schemaVersion: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new InputError(
      at(
        ['schemaVersion'],
        `"schemaVersion" is ${describe(version)}: this version of hedge reads reports of schemaVersion ${SCHEMA_VERSION}`,
      ),
    );
  }
  const checked = reportSchema.safeParse(doc);
  if (checked.success) {
    return {
      ...checked.data,
      totals: checked.data.totals.map((t) => ({ ...t, rebalance: t.rebalance ?? null })),
    };
  }
  const problems = new ProblemList();
  for (const issue of checked.error.issues) {
    const path = issue.path as (string | number)[];
    const parent = path.slice(0, -1);
    const key = path[path.length - 1];
    const value = valueAt(doc, path);
    if (value === undefined && typeof key === 'string') {
      const where = parent.length === 0 ? '' : `${pathText(parent)}: `;
      problems.add(at(parent, `${where}missing "${key}"`));
    } else {
      problems.add(at(path, `${pathText(path)}: ${issue.message}, got ${describe(value)}`));
    }
  }
  problems.throwIfAny();
  throw new InputError(at([], 'not a hedge JSON report')); // not reached: zod reported an issue
}
