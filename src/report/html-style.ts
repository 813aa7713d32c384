/**
 * The HTML report's one stylesheet, inline: colours as custom properties with a dark set under
 * `prefers-color-scheme: dark` and a print set (black on white, no shadows, a position's charts
 * kept on one page). Line colours are the Okabe–Ito palette, told apart with colour-blindness.
 */
export const HTML_STYLE = `
:root {
  --bg: #ffffff; --fg: #1b1f24; --muted: #59636e; --grid: #e4e7eb; --border: #d0d7de;
  --panel: #f6f8fa; --c0: #0072b2; --c1: #d55e00; --c2: #009e73; --c3: #cc79a7;
  --warn: #9a6700; --crit: #cf222e; --info: #0969da; --rule: #8c959f; --mark: #8250df;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --grid: #262c36; --border: #3d444d;
    --panel: #151b23; --c0: #56b4e9; --c1: #e69f00; --c2: #2fcf9a; --c3: #e28fc4;
    --warn: #d29922; --crit: #f85149; --info: #4493f8; --rule: #7d8590; --mark: #b395f5;
  }
}
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 1.5rem; max-width: 1400px; background: var(--bg);
  color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .25rem; }
p.lead, .muted { color: var(--muted); }
table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; }
th, td { padding: .2rem .5rem; border-bottom: 1px solid var(--border); text-align: left;
  vertical-align: top; white-space: nowrap; }
table { font-size: 13px; }
th { background: var(--panel); font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; }
.scroll { overflow-x: auto; }
ul.warnings { padding-left: 1.2rem; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .8em; }
.sev-critical { color: var(--crit); } .sev-warning { color: var(--warn); } .sev-info { color: var(--info); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
section.position { border: 1px solid var(--border); border-radius: 6px; padding: 0 1rem 1rem;
  margin: 1rem 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: .5rem 1.5rem; }
figure.chart { margin: 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 12px; color: var(--muted); }
figcaption .item { margin-right: .8rem; white-space: nowrap; }
.key { display: inline-block; width: 16px; height: 0; vertical-align: middle; margin-right: 4px;
  border-top: 2px solid var(--rule); }
.key.rule { border-top-style: dashed; }
svg text { fill: var(--muted); font-size: 11px; }
svg text.ctitle { fill: var(--fg); font-size: 13px; font-weight: 600; }
svg text.mlabel { fill: var(--mark); font-size: 10px; }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .line { fill: none; stroke-width: 1.5; stroke-linejoin: round; }
svg .rule { stroke-width: 1.2; stroke-dasharray: 5 4; }
svg .band { fill: var(--c2); fill-opacity: .1; stroke: none; }
svg .marker { stroke: var(--mark); stroke-width: 1.2; stroke-dasharray: 2 3; }
.s0 { stroke: var(--c0); border-color: var(--c0); } .s1 { stroke: var(--c1); border-color: var(--c1); }
.s2 { stroke: var(--c2); border-color: var(--c2); } .s3 { stroke: var(--c3); border-color: var(--c3); }
.r-warn { stroke: var(--crit); border-color: var(--crit); }
.r-full { stroke: var(--rule); border-color: var(--rule); }
.r-zero { stroke: var(--muted); border-color: var(--muted); stroke-dasharray: none; }
svg .marker.m-range { stroke: var(--c2); } svg .marker.m-now { stroke: var(--mark); }
dl.settings { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
dl.settings dt { color: var(--muted); } dl.settings dd { margin: 0; }
p.nochart { color: var(--muted); font-style: italic; }
a { color: var(--info); }
footer { margin-top: 2rem; color: var(--muted); font-size: 12px; }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #333; --grid: #ddd; --border: #999; --panel: #eee;
    --c0: #0072b2; --c1: #d55e00; --c2: #009e73; --c3: #cc79a7; --crit: #cf222e;
    --warn: #9a6700; --info: #0969da; --rule: #555; --mark: #8250df; color-scheme: light; }
  body { padding: 0; max-width: none; font-size: 11px; }
  section.position { break-inside: avoid; border-color: #999; }
  .scroll { overflow: visible; }
  .charts { grid-template-columns: 1fr 1fr; }
}
`;
