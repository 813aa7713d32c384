/**
 * The output formats: what each renderer needs computed (ReportNeeds: the report's stages never
 * look at the format's name) and how to load it. Renderers are loaded on demand: a JSON run
 * never loads chalk or cli-table3 (start-up time is most of a typical run).
 */
import type { OutputFormat } from '../settings';
import type { BuiltReport } from './build-report';
import type { ReportNeeds } from './context';
import { HTML_CHART_POINTS } from './position/charts';
import { SPARKLINE_WIDTH } from './text';

/** How a report is shown: in colour, and for how many columns (null: not fitted to a width). */
export interface RenderOptions {
  readonly color: boolean;
  readonly width: number | null;
}

export interface FormatSpec {
  readonly needs: ReportNeeds;
  /** The report as text. */
  render(built: BuiltReport, options: RenderOptions): string;
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const FORMATS: Readonly<Record<OutputFormat, FormatSpec>> = {
  // The table draws a sparkline of the rolling correlation and shows no downside/upside betas
  // (no warning depends on them), so a table run skips the split.
  table: {
    needs: { sparklinePoints: SPARKLINE_WIDTH, upDownBetas: false, chartPoints: 0 },
    render: (built, { color, width }) =>
      (require('./render-table') as typeof import('./render-table')).renderTable(
        built.report,
        built.extras,
        color,
        width,
      ),
  },
  json: {
    needs: { sparklinePoints: 0, upDownBetas: true, chartPoints: 0 },
    render: (built) =>
      (require('./render-json') as typeof import('./render-json')).renderJson(built.report),
  },
  csv: {
    needs: { sparklinePoints: 0, upDownBetas: true, chartPoints: 0 },
    render: (built) =>
      (require('./render-csv') as typeof import('./render-csv')).renderCsv(built.report),
  },
  markdown: {
    needs: { sparklinePoints: 0, upDownBetas: true, chartPoints: 0 },
    render: (built) =>
      (require('./render-markdown') as typeof import('./render-markdown')).renderMarkdown(
        built.report,
      ),
  },
  // Loaded apart (dist/render-html.cjs with d3, scripts/build.mjs): no other format reads it.
  html: {
    needs: { sparklinePoints: 0, upDownBetas: true, chartPoints: HTML_CHART_POINTS },
    render: (built) =>
      (require('./render-html') as typeof import('./render-html')).renderHtml(built),
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */
