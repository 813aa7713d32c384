/**
 * Line charts as SVG text for the HTML report, drawn with d3's scales (domains, "nice" bounds,
 * ticks and their labels) and d3-shape's line generator (the paths): nothing hand-scaled. Colours
 * come from CSS classes (./html-style.ts), so one chart reads on light, dark and printed pages.
 * Every text is escaped ({@link escapeHtml}); the lines are already downsampled
 * (src/report/position/charts.ts).
 */
import { extent } from 'd3-array';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import { showText } from './text';

/** Text made inert in HTML and SVG: `& < > " '` as character references, control characters shown. */
export function escapeHtml(text: string): string {
  return showText(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** One line: its points (x: epoch ms or a price; y) and its CSS class (`s0`, `s1`, …). */
export interface ChartSeries {
  readonly name: string;
  readonly cls: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

/** A horizontal rule at y = value (a threshold, a full-sample value). */
export interface ChartRule {
  readonly value: number;
  readonly label: string;
  readonly cls: string;
}

/** A vertical marker at x = at (a break date, today's price, a range bound). */
export interface ChartMarker {
  readonly at: number;
  readonly label: string;
  readonly cls: string;
}

/** A shaded span of x from `from` to `to` (a pool's range). */
export interface ChartBand {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

export interface ChartSpec {
  readonly title: string;
  /** `time`: x is epoch ms (UTC axis); `linear`: x is a number (a price). */
  readonly x: 'time' | 'linear';
  readonly series: readonly ChartSeries[];
  readonly rules?: readonly ChartRule[];
  readonly markers?: readonly ChartMarker[];
  readonly bands?: readonly ChartBand[];
  /** y values the domain must include besides the series' (e.g. 0, a threshold). */
  readonly yInclude?: readonly number[];
  /** Formats y tick labels (default: the scale's tick format). */
  readonly yTickFormat?: (v: number) => string;
}

const WIDTH = 640;
const HEIGHT = 220;
const M = { top: 26, right: 12, bottom: 24, left: 56 };

/** The finite min and max of several arrays (and extra values), or null when there are none. */
function domainOf(
  arrays: readonly ArrayLike<number>[],
  extra: readonly number[],
): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of [...arrays, extra]) {
    const [l, h] = extent(Array.from(a).filter(Number.isFinite));
    if (l !== undefined && h !== undefined) {
      lo = Math.min(lo, l);
      hi = Math.max(hi, h);
    }
  }
  if (!(lo <= hi)) return null;
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/**
 * The chart as a `<figure>`: an `<svg>` and a legend (a note instead when no series has a point).
 */
export function chartSvg(spec: ChartSpec): string {
  const markers = spec.markers ?? [];
  const rules = spec.rules ?? [];
  const xDomain = domainOf(
    spec.series.map((s) => s.x),
    markers.map((m) => m.at),
  );
  const yDomain = domainOf(
    spec.series.map((s) => s.y),
    [...(spec.yInclude ?? []), ...rules.map((r) => r.value)],
  );
  const title = escapeHtml(spec.title);
  if (xDomain === null || yDomain === null) {
    return `<p class="nochart">${title}: no data to plot.</p>`;
  }
  const x =
    spec.x === 'time'
      ? scaleUtc()
          .domain(xDomain)
          .range([M.left, WIDTH - M.right])
      : scaleLinear()
          .domain(xDomain)
          .range([M.left, WIDTH - M.right]);
  const y = scaleLinear()
    .domain(yDomain)
    .nice(5)
    .range([HEIGHT - M.bottom, M.top]);
  const xTicks = x.ticks(6);
  const xFormat = x.tickFormat(6) as (v: number | Date) => string;
  const yTicks = y.ticks(5);
  const yFormat = spec.yTickFormat ?? y.tickFormat(5);
  const out: string[] = [
    '<figure class="chart">',
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<text class="ctitle" x="${M.left}" y="14">${title}</text>`,
  ];
  for (const t of yTicks) {
    const py = y(t).toFixed(1);
    out.push(
      `<line class="grid" x1="${M.left}" x2="${WIDTH - M.right}" y1="${py}" y2="${py}"/>`,
      `<text class="tick" x="${M.left - 4}" y="${py}" dy="0.32em" text-anchor="end">${escapeHtml(yFormat(t))}</text>`,
    );
  }
  for (const t of xTicks) {
    const px = x(t as number & Date).toFixed(1);
    out.push(
      `<line class="axis" x1="${px}" x2="${px}" y1="${HEIGHT - M.bottom}" y2="${HEIGHT - M.bottom + 4}"/>`,
      `<text class="tick" x="${px}" y="${HEIGHT - M.bottom + 15}" text-anchor="middle">${escapeHtml(xFormat(spec.x === 'time' ? new Date(t) : t))}</text>`,
    );
  }
  out.push(
    `<line class="axis" x1="${M.left}" x2="${WIDTH - M.right}" y1="${HEIGHT - M.bottom}" y2="${HEIGHT - M.bottom}"/>`,
  );
  for (const b of spec.bands ?? []) {
    const [x0, x1] = [x(b.from), x(b.to)].sort((u, v) => u - v) as [number, number];
    out.push(
      `<rect class="band" x="${x0.toFixed(1)}" y="${M.top}" width="${(x1 - x0).toFixed(1)}" height="${HEIGHT - M.bottom - M.top}"><title>${escapeHtml(b.label)}</title></rect>`,
    );
  }
  for (const r of rules) {
    const py = y(r.value).toFixed(1);
    out.push(
      `<line class="rule ${r.cls}" x1="${M.left}" x2="${WIDTH - M.right}" y1="${py}" y2="${py}"><title>${escapeHtml(r.label)}</title></line>`,
    );
  }
  for (const m of markers) {
    const px = x(m.at).toFixed(1);
    out.push(
      `<line class="marker ${m.cls}" x1="${px}" x2="${px}" y1="${M.top}" y2="${HEIGHT - M.bottom}"><title>${escapeHtml(m.label)}</title></line>`,
      `<text class="mlabel" x="${px}" y="${M.top - 2}" text-anchor="middle">${escapeHtml(m.label)}</text>`,
    );
  }
  for (const s of spec.series) {
    const path = line<number>()
      .defined((i) => Number.isFinite(s.y[i]!) && Number.isFinite(s.x[i]!))
      .x((i) => x(s.x[i]!))
      .y((i) => y(s.y[i]!))
      .digits(1);
    const d = path(Array.from({ length: s.y.length }, (_, i) => i));
    if (d !== null) {
      out.push(`<path class="line ${s.cls}" d="${d}"><title>${escapeHtml(s.name)}</title></path>`);
    }
  }
  out.push('</svg>', legend(spec), '</figure>');
  return out.join('');
}

/** The legend under the chart: each series' and rule's name beside a key in its colour. */
function legend(spec: ChartSpec): string {
  const items = [
    ...spec.series.map((s) => `<span class="key line ${s.cls}"></span>${escapeHtml(s.name)}`),
    ...(spec.rules ?? [])
      .filter((r) => r.label !== '')
      .map((r) => `<span class="key rule ${r.cls}"></span>${escapeHtml(r.label)}`),
  ];
  return `<figcaption>${items.map((it) => `<span class="item">${it}</span>`).join(' ')}</figcaption>`;
}
