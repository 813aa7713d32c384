/**
 * CSV structure shared by the input files: records with their physical line, CSV syntax errors
 * as located problems, header column mapping with "did you mean", and zod row schemas whose
 * issues become located problems.
 */
import { parse } from 'csv-parse/sync';
import * as z from 'zod/mini';
import type { Problem, ProblemList } from '../errors';
import { cleanText, parseNumberCell, showValue } from './cells';
import type { TextSource } from './read';
import { suggest } from './suggest';

export interface CsvReadOptions {
  /** Lines starting with `#` are comments (a `#` later in a line is text). */
  readonly comments: boolean;
}

/** Thrown inside csv-parse callbacks to stop at a syntax error it cannot recover from. */
class StopParsing extends Error {}

/**
 * Parses `src.text` as comma-separated values and calls `onRecord` for each record with its
 * fields and the 1-based physical line where the record starts; `index` 0 is the header.
 * Fields are trimmed; `""` escapes a quote inside a quoted field; quoted fields may span lines;
 * a quote inside an unquoted field is text; blank lines are skipped; LF, CRLF and CR line ends
 * are accepted, even mixed (a line end inside a quoted field becomes LF). Records after the
 * header whose fields are all empty (`,,,`) are skipped like blank lines.
 *
 * Every record must have as many fields as the header: a ragged record is reported
 * (`found 4 fields, but the header has 5`) and skipped. A quote error stops the parse after
 * reporting it (the rest of the file cannot be split reliably). Problems go to `problems`.
 * Cost: one pass; records are handed over one at a time, never held.
 * @returns the number of records passed to `onRecord` (the header included).
 */
export function forEachCsvRecord(
  src: TextSource,
  options: CsvReadOptions,
  problems: ProblemList,
  onRecord: (fields: string[], line: number, index: number) => void,
): number {
  let lastEnd = 0; // physical line where the previous record (emitted or skipped) ended
  let count = 0;
  let headerLength = 0;
  const startLine = (fields: readonly string[], endLine: number): number =>
    endLine - lastEnd === 1 ? endLine : endLine - lineBreaksIn(fields);
  const problem = (line: number | null, message: string): Problem => ({
    file: src.name,
    line,
    message,
  });
  // csv-parse keeps the first line end it sees as the only record delimiter and counts a CRLF
  // inside a quoted field as two lines: normalising line ends makes mixed files and line numbers right.
  const text = src.text.includes('\r') ? src.text.replace(/\r\n?/g, '\n') : src.text;
  try {
    parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_quotes: true, // a quote inside an unquoted field is text: 5" pipe
      relax_column_count: false,
      skip_records_with_error: true,
      ...(options.comments ? { comment: '#', comment_no_infix: true } : {}),
      on_record: (fields: string[], ctx) => {
        const line = startLine(fields, ctx.lines);
        lastEnd = ctx.lines;
        if (count === 0) headerLength = fields.length;
        else if (allEmpty(fields)) return null;
        onRecord(fields, line, count++);
        return null;
      },
      on_skip: (err) => {
        if (err === undefined) return undefined;
        const end = typeof err.lines === 'number' ? err.lines : lastEnd + 1;
        if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
          const fields = Array.isArray(err.record) ? (err.record as string[]) : [];
          problems.add(
            problem(
              startLine(fields, end),
              `found ${plural(fields.length, 'field')}, but the header has ${headerLength}`,
            ),
          );
          lastEnd = end;
          return undefined;
        }
        problems.add(syntaxProblem(src.name, text, err.code, end, lastEnd, options));
        throw new StopParsing();
      },
    });
  } catch (e) {
    if (e instanceof StopParsing) return count;
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !(code.startsWith('CSV_') || code.startsWith('INVALID_')))
      throw e;
    const lines = (e as { lines?: unknown }).lines;
    problems.add(
      syntaxProblem(
        src.name,
        text,
        code,
        typeof lines === 'number' ? lines : lastEnd + 1,
        lastEnd,
        options,
      ),
    );
  }
  return count;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function allEmpty(fields: readonly string[]): boolean {
  for (const f of fields) if (f.length > 0) return false;
  return true;
}

/** Line breaks inside quoted fields (line ends are normalised to LF before parsing). */
function lineBreaksIn(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** One clear located problem for a csv-parse error code (never csv-parse's own wording). */
function syntaxProblem(
  file: string,
  text: string,
  code: string,
  line: number,
  lastEnd: number,
  options: CsvReadOptions,
): Problem {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return {
        file,
        line: unclosedQuoteLine(text, lastEnd + 1, options.comments),
        message: 'a quoted field is never closed (missing closing quote)',
      };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return {
        file,
        line,
        message:
          'unexpected text after a closing quote (inside a quoted field, write a quote as "")',
      };
    case 'INVALID_OPENING_QUOTE':
      return { file, line, message: 'unexpected quote inside a field' };
    default:
      return { file, line, message: `malformed CSV (${code})` };
  }
}

/**
 * Line of the quote that is never closed, scanning from line `from` (the first line after the
 * last complete record) with the same rules as the parser. Only runs on that error.
 */
function unclosedQuoteLine(text: string, from: number, comments: boolean): number {
  let i = 0;
  let line = 1;
  const n = text.length;
  const newlineAt = (k: number): number => {
    const c = text.charCodeAt(k);
    if (c === 13) return text.charCodeAt(k + 1) === 10 ? 2 : 1;
    return c === 10 ? 1 : 0;
  };
  while (i < n && line < from) {
    const nl = newlineAt(i);
    if (nl > 0) {
      line++;
      i += nl;
    } else i++;
  }
  let inQuote = false;
  let fieldStart = true;
  let lineStart = true;
  let quoteLine = from;
  while (i < n) {
    const nl = newlineAt(i);
    const c = text.charCodeAt(i);
    if (nl > 0) {
      line++;
      i += nl;
      if (!inQuote) fieldStart = lineStart = true;
      continue;
    }
    if (inQuote) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuote = false;
      }
    } else if (lineStart && comments && c === 35 /* # */) {
      while (i < n && newlineAt(i) === 0) i++;
      continue;
    } else if (c === 44 /* , */) fieldStart = true;
    else if (c === 34 && fieldStart) {
      inQuote = true;
      quoteLine = line;
    } else if (c !== 32 && c !== 9) fieldStart = false;
    lineStart = false;
    i++;
  }
  return quoteLine;
}

/**
 * When a header is a single field holding `;` or a tab, the file is most likely not
 * comma-separated: a problem saying so, else null.
 */
export function delimiterProblem(
  file: string,
  header: readonly string[],
  line: number,
): Problem | null {
  if (header.length !== 1) return null;
  const h = header[0]!;
  const sep = h.includes(';') ? '";"' : h.includes('\t') ? 'tabs' : null;
  if (sep === null) return null;
  return {
    file,
    line,
    message: `the header is a single column ${showValue(h)}: columns look separated by ${sep}, but must be separated by commas`,
  };
}

/**
 * Names other tools give a known column, too far from it for {@link suggest} (`qty` is 5 edits
 * from `quantity`): when the known column is missing, an unknown column with one of these names
 * is named in the hint. Never an error by itself (a `value` column beside `quantity` is fine).
 */
const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  qty: 'quantity',
  quant: 'quantity',
  units: 'quantity',
  amount: 'quantity',
  size: 'quantity',
  position: 'quantity',
  value: 'notional',
  usd: 'notional',
  ticker: 'symbol',
  sym: 'symbol',
  asset: 'symbol',
  coin: 'symbol',
  instrument: 'symbol',
};

/** The unknown column meant as `known`: a near miss of its name, or a common alias of it. */
function meantAs(known: string, unknown: readonly string[]): string | null {
  return (
    suggest(known, unknown) ??
    unknown.find((u) => COLUMN_ALIASES[u.toLowerCase()] === known) ??
    null
  );
}

/**
 * Finds the known columns of a header (names compared case-insensitively, any order).
 * `required` lists what must be present: a name, or alternatives of which at least one must be;
 * `exclusive` lists alternatives of which at most one may be (aliases of one value).
 * Reports: `missing column "symbol" (did you mean "symbl"?)`, `missing column "quantity",
 * "notional" or "liquidity"`, `duplicate column "label" (columns 2 and 5)`, `columns "time" and
 * "timestamp" both give one value (columns 1 and 3): keep one`, and an unknown column that is a
 * near miss of an absent known one, `unknown column "hedge" (did you mean "hedges"?)`. A
 * missing column's hint also names an unknown column with a common alias of its name (`qty` for
 * `quantity`, COLUMN_ALIASES). Other unknown columns are ignored.
 * @returns known name (as `known` writes it) → 0-based field index.
 */
export function mapColumns(
  src: TextSource,
  header: readonly string[],
  line: number,
  known: readonly string[],
  required: readonly (string | readonly string[])[],
  problems: ProblemList,
  exclusive: readonly (readonly string[])[] = [],
): Map<string, number> {
  const found = new Map<string, number>();
  const unknown: string[] = [];
  const report = (message: string) => problems.add({ file: src.name, line, message });
  const delimiter = delimiterProblem(src.name, header, line);
  if (delimiter) {
    problems.add(delimiter);
    return found;
  }
  header.forEach((name, i) => {
    const lower = name.toLowerCase();
    const key = known.find((k) => k.toLowerCase() === lower);
    if (key === undefined) {
      if (name !== '') unknown.push(name);
      return;
    }
    const first = found.get(key);
    if (first === undefined) found.set(key, i);
    else report(`duplicate column ${showValue(name)} (columns ${first + 1} and ${i + 1})`);
  });
  for (const group of exclusive) {
    const present = group.filter((n) => found.has(n));
    if (present.length < 2) continue;
    const [a, b] = [found.get(present[0]!)!, found.get(present[1]!)!].sort((x, y) => x - y);
    report(
      `columns ${showValue(header[a!]!)} and ${showValue(header[b!]!)} both give one value (columns ${a! + 1} and ${b! + 1}): keep one`,
    );
  }
  const used = new Set<string>();
  for (const group of required) {
    const names = typeof group === 'string' ? [group] : group;
    if (names.some((n) => found.has(n))) continue;
    let hint = '';
    for (const n of names) {
      const near = meantAs(n, unknown);
      if (near !== null) {
        used.add(near);
        hint =
          suggest(n, [near]) === null
            ? ` (column ${showValue(near)}: did you mean "${n}"?)`
            : ` (did you mean ${showValue(near)}?)`;
        break;
      }
    }
    const quoted = names.map((n) => `"${n}"`);
    const list =
      quoted.length <= 2
        ? quoted.join(' or ')
        : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
    report(`missing column ${list}${hint}`);
  }
  const absent = known.filter((k) => !found.has(k));
  for (const name of unknown) {
    if (used.has(name)) continue;
    const near = suggest(name, absent);
    if (near !== null) report(`unknown column ${showValue(name)} (did you mean "${near}"?)`);
  }
  return found;
}

/** The cells of one record keyed by known column name ('' when the column is absent). */
function rowObject(
  fields: readonly string[],
  columns: ReadonlyMap<string, number>,
  keys: readonly string[],
) {
  const row: Record<string, string> = {};
  for (const k of keys) {
    const i = columns.get(k);
    row[k] = i === undefined ? '' : (fields[i] ?? '');
  }
  return row;
}

type TransformContext = z.core.ParsePayload;

function issue(ctx: TransformContext, input: string, message: string): typeof z.NEVER {
  ctx.issues.push({ code: 'custom', message, input });
  return z.NEVER;
}

/** Cell schema: '' → null; a finite number; else `expected a number, got "…"`. */
export const optionalNumberCell = z.pipe(
  z.string(),
  z.transform((s: string, ctx): number | null => {
    const v = parseNumberCell(s);
    if (v === undefined) return issue(ctx, s, `expected a number, got ${showValue(s)}`);
    return Number.isNaN(v) ? null : v;
  }),
);

/** Cell schema: a finite number of any sign; `missing value` when empty. */
export const requiredNumberCell = z.pipe(
  z.string(),
  z.transform((s: string, ctx): number => {
    const v = parseNumberCell(s);
    if (v === undefined) return issue(ctx, s, `expected a number, got ${showValue(s)}`);
    return Number.isNaN(v) ? issue(ctx, s, 'missing value') : v;
  }),
);

/** Cell schema: a finite number greater than zero; `missing value` when empty. */
export const positiveNumberCell = z.pipe(
  z.string(),
  z.transform((s: string, ctx): number => {
    const v = parseNumberCell(s);
    if (v === undefined) return issue(ctx, s, `expected a number, got ${showValue(s)}`);
    if (Number.isNaN(v)) return issue(ctx, s, 'missing value');
    if (!(v > 0)) return issue(ctx, s, `must be greater than zero, got ${cleanText(s)}`);
    return v;
  }),
);

/** Cell schema: non-empty text. */
export const requiredTextCell = z.pipe(
  z.string(),
  z.transform((s: string, ctx): string => (s === '' ? issue(ctx, s, 'missing value') : s)),
);

/** Cell schema: '' → null, else the text. */
export const optionalTextCell = z.pipe(
  z.string(),
  z.transform((s: string): string | null => (s === '' ? null : s)),
);

/** Issue of a row-level check, attached to `column` (a known column name) or to no column. */
export function rowIssue(
  ctx: TransformContext,
  message: string,
  column: string | null,
): typeof z.NEVER {
  ctx.issues.push({ code: 'custom', message, input: '', path: column === null ? [] : [column] });
  return z.NEVER;
}

/**
 * Validates one row with a zod schema over `rowObject` cells. Issues become located problems:
 * the column is the header name as written in the file (`column "Quantity": …`).
 * @returns the parsed value, or undefined when the row had problems (added to `problems`).
 */
function parseRow<T>(
  schema: z.ZodMiniType<T, Record<string, string>>,
  row: Record<string, string>,
  src: TextSource,
  line: number,
  header: readonly string[],
  columns: ReadonlyMap<string, number>,
  problems: ProblemList,
): T | undefined {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  for (const iss of result.error.issues) {
    const key = iss.path[0];
    const index = typeof key === 'string' ? columns.get(key) : undefined;
    const column =
      typeof key !== 'string'
        ? null
        : cleanText(index === undefined ? key : (header[index] ?? key));
    problems.add({
      file: src.name,
      line,
      column,
      message: iss.code === 'custom' ? iss.message : 'invalid value',
    });
  }
  return undefined;
}

/** The columns of a small table file (positions, instruments); see mapColumns. */
export interface TableColumns {
  readonly known: readonly string[];
  readonly required: readonly (string | readonly string[])[];
}

/**
 * Reads a small table file: `#` comment lines, a header mapped with mapColumns, then every row
 * validated by `schema` over its cells keyed by known column name ('' for an absent column).
 * When the header has problems, rows are not checked (the header's problems come first).
 * `onRow` receives the parsed value (undefined when the row had problems), the cells and the line.
 */
export function forEachSchemaRow<T>(
  src: TextSource,
  problems: ProblemList,
  table: TableColumns,
  schema: z.ZodMiniType<T, Record<string, string>>,
  onRow: (value: T | undefined, cells: Readonly<Record<string, string>>, line: number) => void,
): void {
  let header: string[] = [];
  let columns = new Map<string, number>();
  let headerOk = false;
  forEachCsvRecord(src, { comments: true }, problems, (fields, line, index) => {
    if (index === 0) {
      header = fields;
      columns = mapColumns(src, fields, line, table.known, table.required, problems);
      headerOk = problems.count === 0;
      return;
    }
    if (!headerOk) return;
    const cells = rowObject(fields, columns, table.known);
    onRow(parseRow(schema, cells, src, line, header, columns, problems), cells, line);
  });
}
