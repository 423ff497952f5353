/**
 * A small SVG chart renderer (no dependency, no script): lines or bars of one or more series over
 * a day axis, an optional baseline band, and markers for anomalies. The output is inline SVG.
 */
import { addDays, daysBetween } from '../core/time/days.js';
import { escapeHtml } from './html.js';

export interface ChartPoint {
  day: string;
  value: number;
}

export interface ChartSeries {
  label: string;
  color: string;
  points: readonly ChartPoint[];
}

export interface ChartMarker {
  day: string;
  value: number;
  label: string;
}

export interface ChartSpec {
  title: string;
  unit: string;
  kind: 'line' | 'bar';
  startDay: string;
  endDay: string;
  series: readonly ChartSeries[];
  /** Shaded band (baseline p25..p75). */
  band?: { low: number; high: number; label: string };
  markers?: readonly ChartMarker[];
}

const WIDTH = 1080;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 28, bottom: 28 };

function format(value: number): string {
  return Math.abs(value) >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

function scales(spec: ChartSpec) {
  const values = spec.series.flatMap((series) => series.points.map((point) => point.value));
  if (spec.band) values.push(spec.band.low, spec.band.high);
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (spec.kind === 'bar') min = Math.min(0, min);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const span = Math.max(1, daysBetween(spec.startDay, spec.endDay));
  const x = (day: string): number => PAD.left + (daysBetween(spec.startDay, day) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number): number => PAD.top + (1 - (value - min) / (max - min)) * (HEIGHT - PAD.top - PAD.bottom);
  return { x, y, min, max, span };
}

function axes(spec: ChartSpec, scale: ReturnType<typeof scales>): string {
  const ticks = [scale.min, (scale.min + scale.max) / 2, scale.max]
    .map((value) => `<text x="${PAD.left - 6}" y="${scale.y(value) + 4}" text-anchor="end">${format(value)}</text><line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${scale.y(value)}" y2="${scale.y(value)}"/>`)
    .join('');
  const step = Math.max(1, Math.ceil(scale.span / 8));
  const labels: string[] = [];
  for (let offset = 0; offset <= scale.span; offset += step) {
    const day = addDays(spec.startDay, offset);
    labels.push(`<text x="${scale.x(day)}" y="${HEIGHT - 8}" text-anchor="middle">${day.slice(5)}</text>`);
  }
  return `<g class="axis">${ticks}${labels.join('')}</g>`;
}

function linePath(series: ChartSeries, scale: ReturnType<typeof scales>): string {
  // A gap of more than one day breaks the line, so missing nights are visible.
  let path = '';
  let previous: string | undefined;
  for (const point of series.points) {
    const command = previous && daysBetween(previous, point.day) <= 1 ? 'L' : 'M';
    path += `${command}${scale.x(point.day).toFixed(1)},${scale.y(point.value).toFixed(1)} `;
    previous = point.day;
  }
  const dots = series.points
    .map((point) => `<circle class="point" cx="${scale.x(point.day).toFixed(1)}" cy="${scale.y(point.value).toFixed(1)}" r="2.2" fill="${series.color}"><title>${point.day}: ${format(point.value)}</title></circle>`)
    .join('');
  return `<path class="series" data-label="${escapeHtml(series.label)}" data-points="${series.points.length}" d="${path.trim()}" fill="none" stroke="${series.color}" stroke-width="2"/>${dots}`;
}

function bars(series: ChartSeries, index: number, count: number, scale: ReturnType<typeof scales>): string {
  const slot = (WIDTH - PAD.left - PAD.right) / (scale.span + 1);
  const width = Math.max(1, (slot * 0.8) / count);
  const rects = series.points
    .map((point) => {
      const top = scale.y(Math.max(point.value, 0));
      const height = Math.abs(scale.y(0) - scale.y(point.value));
      return `<rect x="${(scale.x(point.day) - slot * 0.4 + index * width).toFixed(1)}" y="${top.toFixed(1)}" width="${width.toFixed(1)}" height="${height.toFixed(1)}" fill="${series.color}"><title>${point.day}: ${format(point.value)}</title></rect>`;
    })
    .join('');
  return `<g class="series" data-label="${escapeHtml(series.label)}" data-points="${series.points.length}">${rects}</g>`;
}

/** Renders `spec` as an inline `<svg>` (or a note when no series has a point). */
export function renderChart(spec: ChartSpec): string {
  const hasData = spec.series.some((series) => series.points.length > 0);
  if (!hasData) return `<p class="empty">${escapeHtml(spec.title)}: no data in this period.</p>`;
  const scale = scales(spec);
  const band = spec.band
    ? `<rect class="band" x="${PAD.left}" width="${WIDTH - PAD.left - PAD.right}" y="${scale.y(spec.band.high)}" height="${Math.max(1, scale.y(spec.band.low) - scale.y(spec.band.high))}"><title>${escapeHtml(spec.band.label)}</title></rect>`
    : '';
  const body = spec.series
    .map((series, index) => (spec.kind === 'line' ? linePath(series, scale) : bars(series, index, spec.series.length, scale)))
    .join('');
  const markers = (spec.markers ?? [])
    .map((marker) => `<circle class="marker" cx="${scale.x(marker.day).toFixed(1)}" cy="${scale.y(marker.value).toFixed(1)}" r="6"><title>${escapeHtml(marker.label)}</title></circle>`)
    .join('');
  const legend = spec.series
    .map((series, index) => `<text x="${PAD.left + 8 + index * 150}" y="16" fill="${series.color}">■ ${escapeHtml(series.label)}</text>`)
    .join('');
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(spec.title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(spec.title)} (${escapeHtml(spec.unit)})</title>${band}${axes(spec, scale)}${body}${markers}${legend}</svg>`
  );
}
