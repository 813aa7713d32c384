/**
 * What each range's scan is told (a ScanJob): the header's columns, the symbols asked for, and for
 * a large wide input the layout of each converted column's decimal codes, chosen from samples of
 * the input.
 */
import { layoutFor, statsOf, type CodeLayout } from './codes';
import type { HeaderInfo } from './header';
import { scanRange, type ScanJob } from './scan';
import type { PriceParseOptions } from './simple';
import { WideColumns, allocateColumns } from './sink';
import { countLines, memorySource, type ByteSource } from './source';

/**
 * Pieces of a large input sampled to choose the decimal codes' layouts, and their least size; a
 * piece is at least 4 times the header's length, to hold a row or two of a very wide file (its
 * lines are about as long as its header, or twice; a layout the samples got wrong is widened
 * where a value needs it, see WideColumns).
 */
const SAMPLES = 8;
const SAMPLE_BYTES = 1 << 13;

/**
 * The jobs of the ranges between consecutive `splits` (byte offsets) of `head`'s input: `file`
 * is what worker threads open ('' in this thread); see ScanJob.findByText.
 * @returns one job per range, in order.
 */
export function plannedJobs(
  head: HeaderInfo,
  opts: PriceParseOptions,
  splits: readonly number[],
  file: string,
  findByText: boolean,
): ScanJob[] {
  const base = jobFor(head, opts, findByText);
  return splits.slice(1).map((end, i) => ({ ...base, file, start: splits[i]!, end }));
}

/** A job for the whole data of `head`'s input. */
function jobFor(head: HeaderInfo, opts: PriceParseOptions, findByText: boolean): ScanJob {
  const h = head.header;
  const base = {
    file: '',
    start: head.dataStart,
    end: head.dataStart,
    fieldCount: h.fieldCount,
    timeColumn: h.timeColumn,
    crlf: head.crlf,
    positive: opts.positive,
    findByText,
  };
  if (h.layout === 'wide') {
    const columns: number[] = [];
    h.symbols.forEach((s, k) => {
      if (opts.symbols === null || opts.symbols.has(s)) columns.push(h.symbolColumns[k]!);
    });
    return {
      ...base,
      layout: 'wide',
      columns,
      symbolColumn: -1,
      priceColumn: -1,
      wanted: null,
    };
  }
  return {
    ...base,
    layout: 'long',
    columns: [],
    symbolColumn: h.symbolColumn,
    priceColumn: h.priceColumn,
    wanted: opts.symbols === null ? null : [...opts.symbols],
  };
}

/**
 * The layout of each converted column of a wide job's input (whose data starts at byte
 * `dataStart`) in decimal codes (null: doubles), from SAMPLES pieces of
 * the input spread over it (see SAMPLE_BYTES), scanned into doubles (layoutFor, with headroom).
 * A piece the scanner stops on still gives the rows before the stop; the real scan finds the
 * anomaly.
 */
export function sampledLayouts(
  source: ByteSource,
  dataStart: number,
  job: ScanJob,
): (CodeLayout | null)[] {
  const values: Float64Array[][] = job.columns.map(() => []);
  const doubles = job.columns.map(() => null);
  const body = source.size - dataStart;
  const size = Math.max(SAMPLE_BYTES, 4 * dataStart);
  for (let i = 0; i < SAMPLES; i++) {
    const at = dataStart + Math.floor((body * i) / SAMPLES);
    const piece = Buffer.from(source.read(at, size)); // a copy: the source reuses its buffer
    // whole lines only: after the first line end (but at the data's start), to the last
    const from = i === 0 ? 0 : piece.indexOf(10) + 1;
    const to = at + piece.length >= source.size ? piece.length : piece.lastIndexOf(10) + 1;
    if ((from <= 0 && i > 0) || to <= from) continue;
    const bytes = memorySource(piece.subarray(from, to));
    const lines = countLines(bytes, 0, bytes.size) + 1;
    const sink = new WideColumns(allocateColumns(doubles, lines, false), 0, lines);
    scanRange({ ...job, start: 0, end: to - from }, sink, bytes);
    sink.doubles.forEach((d, k) => values[k]!.push(d.slice(0, sink.length)));
  }
  return values.map((parts) => {
    const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return layoutFor(statsOf(all));
  });
}
