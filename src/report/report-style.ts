/**
 * The report's inline stylesheet (no external fonts or files). Sizes are CSS pixels: the text sits
 * in HTML beside and over the drawings, so nothing shrinks on a phone; charts are full width.
 */
export const REPORT_STYLE = `
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; padding: 0 16px; max-width: 1120px; color: #1d1d1f; background: #fafafa; overflow-wrap: break-word; }
h1 { margin: 0 0 4px; font-size: 26px; } h2 { margin: 28px 0 8px; border-bottom: 1px solid #ddd; font-size: 20px; } h3 { margin: 12px 0 4px; font-size: 16px; }
header p { color: #555; margin: 0; }
figure { margin: 8px 0 16px; background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: 10px 12px 8px; }
figcaption { font-weight: 600; font-size: 16px; } .unit, .muted { color: #666; font-weight: 400; }
.legend { list-style: none; margin: 4px 0 6px; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 16px; font-size: 13px; color: #333; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend .key { flex: none; overflow: visible; }
.chart { position: relative; height: 220px; }
.plot { position: absolute; left: 52px; right: 10px; top: 8px; bottom: 26px; }
.plot-svg { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; }
.tick { position: absolute; font-size: 12px; line-height: 1; color: #555; white-space: nowrap; font-variant-numeric: tabular-nums; }
.tick-y { right: 100%; margin-right: 6px; transform: translateY(-50%); }
.tick-x { top: 100%; margin-top: 8px; transform: translateX(-50%); }
.grid { stroke: #e6e6e6; stroke-width: 1; fill: none; }
.series { stroke-width: 2; stroke-linejoin: round; }
.dot { stroke-width: 5; stroke-linecap: round; fill: none; }
.band { fill: #7d8a99; fill-opacity: 0.18; }
.marker { stroke: #e03131; stroke-opacity: 0.45; stroke-width: 15; stroke-linecap: round; fill: none; }
.marker-key { fill: #e03131; fill-opacity: 0.45; }
.insights { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: 4px 16px 12px; }
.insights ul { padding-left: 20px; }
.status.too_little_data { color: #c92a2a; } .empty { color: #666; font-style: italic; }
table.baselines { border-collapse: collapse; width: 100%; font-size: 14px; }
table.baselines th, table.baselines td { text-align: left; padding: 4px 8px 4px 0; border-bottom: 1px solid #eee; vertical-align: top; }
table.baselines .value { white-space: nowrap; font-variant-numeric: tabular-nums; }
@media (max-width: 600px) {
  body { margin: 12px auto; padding: 0 10px; font-size: 15px; }
  h1 { font-size: 22px; }
  figure { padding: 8px 8px 6px; }
  .chart { height: 200px; }
  .plot { left: 46px; right: 14px; }
  .insights { padding: 4px 10px 10px; }
  table.baselines thead { display: none; }
  table.baselines tr { display: block; padding: 6px 0; border-bottom: 1px solid #eee; }
  table.baselines td { display: inline; border: 0; padding: 0; }
  table.baselines td:first-child { display: block; font-weight: 600; }
  table.baselines td:nth-child(2)::before { content: "usual "; color: #666; }
  table.baselines td:nth-child(3)::before { content: " · middle half "; color: #666; }
}
`;
