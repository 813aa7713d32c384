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

/** Pieces of a large input sampled to choose the decimal codes' layouts, and their size. */
const SAMPLES = 8;
const SAMPLE_BYTES = 1 << 13;

/** How the ranges of one read are scanned. */
export interface PlanOptions {
  /** The file worker threads open, '' when the ranges are scanned in this thread. */
  readonly file: string;
  /** Wide columns in decimal codes where samples allow (large inputs), else doubles. */
  readonly codes: boolean;
  /** See ScanJob.findByText. */
  readonly findByText: boolean;
}

/**
 * The jobs of the ranges between consecutive `splits` (byte offsets) of `source`.
 * @returns one job per range, in order.
 */
export function plannedJobs(
  source: ByteSource,
  head: HeaderInfo,
  opts: PriceParseOptions,
  splits: readonly number[],
  plan: PlanOptions,
): ScanJob[] {
  const base = jobFor(head, opts, plan.findByText);
  const layouts =
    plan.codes && base.layout === 'wide' ? sampledLayouts(source, head, base) : base.layouts;
  return splits.slice(1).map((end, i) => ({
    ...base,
    file: plan.file,
    start: splits[i]!,
    end,
    layouts,
  }));
}

/** A job for the whole data of `head`'s input (every wide column in doubles). */
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
      layouts: columns.map(() => null),
      symbolColumn: -1,
      priceColumn: -1,
      wanted: null,
    };
  }
  return {
    ...base,
    layout: 'long',
    columns: [],
    layouts: [],
    symbolColumn: h.symbolColumn,
    priceColumn: h.priceColumn,
    wanted: opts.symbols === null ? null : [...opts.symbols],
  };
}

/**
 * The layout of each converted column's decimal codes (null: doubles), from SAMPLES pieces of
 * SAMPLE_BYTES spread over the input, scanned into doubles (layoutFor, with headroom: a later
 * value without a code makes its range's column doubles, see WideColumns). A piece the scanner
 * stops on still gives the rows before the stop; the real scan finds the anomaly.
 */
function sampledLayouts(source: ByteSource, head: HeaderInfo, job: ScanJob): (CodeLayout | null)[] {
  const values: Float64Array[][] = job.columns.map(() => []);
  const body = source.size - head.dataStart;
  for (let i = 0; i < SAMPLES; i++) {
    const at = head.dataStart + Math.floor((body * i) / SAMPLES);
    const piece = Buffer.from(source.read(at, SAMPLE_BYTES)); // a copy: the source reuses its buffer
    // whole lines only: after the first line end (but at the data's start), to the last
    const from = i === 0 ? 0 : piece.indexOf(10) + 1;
    const to = at + piece.length >= source.size ? piece.length : piece.lastIndexOf(10) + 1;
    if ((from <= 0 && i > 0) || to <= from) continue;
    const bytes = memorySource(piece.subarray(from, to));
    const lines = countLines(bytes, 0, bytes.size) + 1;
    const sink = new WideColumns(allocateColumns(job.layouts, lines, false), job.layouts, 0, lines);
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
