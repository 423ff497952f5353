/** The report's inline stylesheet (no external fonts or files). */
export const REPORT_STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1120px; color: #1d1d1f; background: #fafafa; }
h1 { margin: 0 0 4px; } h2 { margin: 28px 0 8px; border-bottom: 1px solid #ddd; } h3 { margin: 12px 0 4px; font-size: 15px; }
header p { color: #555; margin: 0; }
figure { margin: 8px 0 16px; background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: 8px; }
figcaption { font-weight: 600; } .unit { color: #777; font-weight: 400; }
svg.chart { width: 100%; height: auto; display: block; }
svg .axis text, svg text { font-size: 11px; fill: #666; } svg .grid { stroke: #eee; }
svg .band { fill: #2f6fdf; opacity: 0.08; } svg .marker { fill: none; stroke: #c92a2a; stroke-width: 2; }
.insights { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: 4px 16px 12px; }
.status.too_little_data { color: #c92a2a; } .empty { color: #777; font-style: italic; }
`;
