/**
 * A small chart renderer (no dependency, no script): lines or bars of one or more series over a
 * day axis, an optional baseline band, and markers for anomalies.
 *
 * The drawing is an SVG in a 0..100 × 0..100 box stretched to the plot area
 * (`preserveAspectRatio="none"`, strokes that do not scale), and every text (legend, axis labels)
 * is HTML placed over it in percent: the chart fills any width, from a 390 px phone to a desktop,
 * while the text keeps its size in CSS pixels.
 */
import { daysBetween } from '../core/time/days.js';
import { clockTime, dayTicks, shortDay, valueTicks, type ValueTicks } from './chart-ticks.js';
import { renderLegend } from './chart-legend.js';
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
  kind: 'line' | 'bar';
  startDay: string;
  endDay: string;
  series: readonly ChartSeries[];
  /** Values are hours from midnight, labelled as clock times (23:30). */
  clock?: boolean;
  /** Shaded band (the baseline's middle half); `label` explains it in the legend. */
  band?: { low: number; high: number; label: string };
  markers?: readonly ChartMarker[];
  /** Longest distance in days between two points joined by the line (default 1: a missing day breaks it). */
  maxGapDays?: number;
}

interface Scale {
  x: (day: string) => number;
  y: (value: number) => number;
  ticks: ValueTicks;
  slot: number;
  label: (value: number) => string;
}

const NON_SCALING = 'vector-effect="non-scaling-stroke"';

function coordinate(value: number): string {
  return value.toFixed(2);
}

function plainNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function scaleOf(spec: ChartSpec): Scale {
  const values = spec.series.flatMap((series) => series.points.map((point) => point.value));
  if (spec.band) values.push(spec.band.low, spec.band.high);
  for (const marker of spec.markers ?? []) values.push(marker.value);
  const ticks = valueTicks(Math.min(...values), Math.max(...values), { clock: spec.clock === true, includeZero: spec.kind === 'bar' });
  const days = Math.max(0, daysBetween(spec.startDay, spec.endDay)) + 1;
  const slot = 100 / days;
  return {
    // Each day is a slot; a point sits in its middle, so the first and last are never clipped.
    x: (day) => (daysBetween(spec.startDay, day) + 0.5) * slot,
    y: (value) => (1 - (value - ticks.min) / (ticks.max - ticks.min)) * 100,
    ticks,
    slot,
    label: spec.clock ? clockTime : plainNumber,
  };
}

function axes(spec: ChartSpec, scale: Scale): { grid: string; labels: string } {
  const grid = scale.ticks.ticks.map((value) => `<path class="grid" d="M0,${coordinate(scale.y(value))} H100" ${NON_SCALING}/>`).join('');
  const yLabels = scale.ticks.ticks.map((value) => `<span class="tick tick-y" style="top:${coordinate(scale.y(value))}%">${scale.label(value)}</span>`);
  const xLabels = dayTicks(spec.startDay, spec.endDay).map((day) => `<span class="tick tick-x" data-day="${day}" style="left:${coordinate(scale.x(day))}%">${shortDay(day)}</span>`);
  return { grid, labels: yLabels.join('') + xLabels.join('') };
}

function tooltip(point: ChartPoint, series: ChartSeries, scale: Scale): string {
  return `<title>${escapeHtml(series.label)}, ${shortDay(point.day)}: ${scale.label(point.value)}</title>`;
}

function linePath(series: ChartSeries, scale: Scale, maxGapDays: number): string {
  // A gap of more than one day breaks the line, so missing nights are visible.
  let path = '';
  let previous: string | undefined;
  for (const point of series.points) {
    const command = previous && daysBetween(previous, point.day) <= maxGapDays ? 'L' : 'M';
    path += `${command}${coordinate(scale.x(point.day))},${coordinate(scale.y(point.value))} `;
    previous = point.day;
  }
  // A zero-length segment with a round cap and a non-scaling stroke draws a round dot at any stretch.
  const dots = series.points
    .map((point) => `<path class="dot" d="M${coordinate(scale.x(point.day))},${coordinate(scale.y(point.value))} h0" stroke="${series.color}" ${NON_SCALING}>${tooltip(point, series, scale)}</path>`)
    .join('');
  return `<path class="series" data-label="${escapeHtml(series.label)}" data-points="${series.points.length}" d="${path.trim()}" fill="none" stroke="${series.color}" ${NON_SCALING}/>${dots}`;
}

function bars(series: ChartSeries, index: number, count: number, scale: Scale): string {
  const width = (scale.slot * 0.8) / count;
  const rects = series.points
    .map((point) => {
      const top = scale.y(Math.max(point.value, 0));
      const height = Math.abs(scale.y(0) - scale.y(point.value));
      const left = scale.x(point.day) - scale.slot * 0.4 + index * width;
      return `<rect class="bar" x="${coordinate(left)}" y="${coordinate(top)}" width="${coordinate(width)}" height="${coordinate(height)}" fill="${series.color}">${tooltip(point, series, scale)}</rect>`;
    })
    .join('');
  return `<g class="series" data-label="${escapeHtml(series.label)}" data-points="${series.points.length}">${rects}</g>`;
}

function bandAndMarkers(spec: ChartSpec, scale: Scale): string {
  const band = spec.band
    ? `<rect class="band" x="0" width="100" y="${coordinate(scale.y(spec.band.high))}" height="${coordinate(Math.max(0.5, scale.y(spec.band.low) - scale.y(spec.band.high)))}"><title>${escapeHtml(spec.band.label)}</title></rect>`
    : '';
  const markers = (spec.markers ?? [])
    .map((marker) => `<path class="marker" d="M${coordinate(scale.x(marker.day))},${coordinate(scale.y(marker.value))} h0" ${NON_SCALING}><title>${escapeHtml(marker.label)}</title></path>`)
    .join('');
  return band + markers;
}

/** Renders `spec` as a legend and a chart (or a note when no series has a point). */
export function renderChart(spec: ChartSpec): string {
  const points = spec.series.reduce((sum, series) => sum + series.points.length, 0);
  if (points === 0) return `<p class="empty">${escapeHtml(spec.title)}: no data in this period.</p>`;
  const scale = scaleOf(spec);
  const { grid, labels } = axes(spec, scale);
  const body = spec.series.map((series, index) => (spec.kind === 'line' ? linePath(series, scale, spec.maxGapDays ?? 1) : bars(series, index, spec.series.length, scale))).join('');
  const legend = renderLegend({
    kind: spec.kind,
    series: spec.series.map((series) => ({ label: series.label, color: series.color, points: series.points.length })),
    ...(spec.band ? { band: spec.band.label } : {}),
    markers: spec.markers?.length ?? 0,
  });
  const summary = `${spec.title}, ${shortDay(spec.startDay)} to ${shortDay(spec.endDay)}: ${points} values`;
  return (
    legend +
    `<div class="chart" role="img" aria-label="${escapeHtml(summary)}"><div class="plot">` +
    `<svg class="plot-svg" viewBox="0 0 100 100" preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">${grid}${bandAndMarkers(spec, scale)}${body}</svg>` +
    `${labels}</div></div>`
  );
}
