/**
 * The legend above a chart, in HTML so its text never shrinks with the drawing: one key per series
 * (drawn in the series colour), and a key for the baseline band and the anomaly markers when the
 * chart has them.
 */
import { escapeHtml } from './html.js';

/** What the legend explains. */
export interface LegendSpec {
  kind: 'line' | 'bar';
  series: ReadonlyArray<{ label: string; color: string; points: number }>;
  band?: string;
  markers: number;
}

function key(mark: string): string {
  return `<svg class="key" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true">${mark}</svg>`;
}

/** Renders the legend of one chart as a `<ul class="legend">`. */
export function renderLegend(spec: LegendSpec): string {
  const items = spec.series.map((series) => {
    const color = escapeHtml(series.color);
    const mark = spec.kind === 'line' ? `<rect class="key-mark" x="0" y="4.5" width="24" height="3" rx="1.5" fill="${color}"/>` : `<rect class="key-mark" x="6" y="0" width="12" height="12" fill="${color}"/>`;
    const note = series.points === 0 ? ' <span class="muted">(no data)</span>' : '';
    return `<li class="legend-series" data-color="${color}">${key(mark)}${escapeHtml(series.label)}${note}</li>`;
  });
  if (spec.band) {
    items.push(`<li class="legend-band">${key('<rect class="band" x="0" y="0" width="24" height="12"/>')}Your usual range (personal baseline): ${escapeHtml(spec.band)}</li>`);
  }
  if (spec.markers > 0) {
    items.push(`<li class="legend-marker">${key('<circle class="marker-key" cx="12" cy="6" r="5.5"/>')}Unusual day: far outside your usual range (${spec.markers})</li>`);
  }
  return `<ul class="legend">${items.join('')}</ul>`;
}
