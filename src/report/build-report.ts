/**
 * The self-contained HTML dashboard: the cross-device day view of the last N days as inline SVG
 * charts (no script, no CDN, works offline), annotated with the health insights (baseline bands,
 * anomaly markers, episodes, correlations, gaps).
 */
import type { LocalDay } from '../core/types.js';
import { loadDailyView, metricSeries, type CanonicalDay } from '../analysis/daily-view.js';
import { computeInsights, type HealthInsights } from '../analysis/insights.js';
import type { Store } from '../store/store.js';
import { addDays } from '../core/time/days.js';
import { escapeHtml } from './html.js';
import { REPORT_SECTIONS, SERIES_COLORS, SOURCE_COLORS, type ChartDeclaration } from './report-sections.js';
import { shortDay } from './chart-ticks.js';
import { formatMetricValue, metricName, sourceName } from './metric-format.js';
import { insightsHtml } from './report-insights.js';
import { REPORT_STYLE } from './report-style.js';
import { renderChart, type ChartSeries } from './svg-chart.js';

export interface ReportOptions {
  store: Store;
  endDay: LocalDay;
  days: number;
  generatedAt: Date;
}

export interface BuiltReport {
  html: string;
  insights: HealthInsights;
  /** Charts drawn with data (title → points). */
  charts: Record<string, number>;
}

function seriesOf(chart: ChartDeclaration, days: readonly CanonicalDay[]): ChartSeries[] {
  const scale = chart.scale ?? 1;
  const points = (metric: string, source?: Parameters<typeof metricSeries>[2]) =>
    metricSeries(days, metric, source).map((point) => ({ day: point.day, value: point.value * scale }));
  if (chart.perSource) {
    const metric = chart.metrics[0] ?? '';
    const providers = [...new Set(days.flatMap((day) => day.metrics[metric]?.values.map((value) => value.provider) ?? []))];
    return providers.map((provider) => ({ label: sourceName(provider), color: SOURCE_COLORS[provider] ?? '#555', points: points(metric, provider) }));
  }
  return chart.metrics.map((metric, index) => ({ label: metricName(metric), color: SERIES_COLORS[index % SERIES_COLORS.length] ?? '#555', points: points(metric) }));
}

function chartHtml(chart: ChartDeclaration, days: readonly CanonicalDay[], insights: HealthInsights, range: { startDay: string; endDay: string }): { html: string; points: number } {
  const series = seriesOf(chart, days);
  const scale = chart.scale ?? 1;
  const metric = chart.metrics.length === 1 ? chart.metrics[0] : undefined;
  const baseline = metric ? insights.baselines.find((item) => item.metric === metric) : undefined;
  const value = formatMetricValue;
  const markers = insights.anomalies
    .filter((anomaly) => chart.metrics.includes(anomaly.metric))
    .map((anomaly) => ({
      day: anomaly.day,
      value: anomaly.value * scale,
      label: `${shortDay(anomaly.day)}: ${metricName(anomaly.metric)} ${value(anomaly.metric, anomaly.value)}, usual ${value(anomaly.metric, anomaly.baseline)} (${anomaly.direction}, ${sourceName(anomaly.source)})`,
    }));
  const band = baseline
    ? { low: baseline.p25 * scale, high: baseline.p75 * scale, label: `${value(baseline.metric, baseline.p25)} – ${value(baseline.metric, baseline.p75)}, the middle half of your days (median ${value(baseline.metric, baseline.median)})` }
    : undefined;
  const html = renderChart({
    title: chart.title,
    kind: chart.kind,
    startDay: range.startDay,
    endDay: range.endDay,
    series,
    markers,
    ...(chart.clock ? { clock: true } : {}),
    ...(band ? { band } : {}),
  });
  const points = series.reduce((sum, item) => sum + item.points.length, 0);
  return { html: `<figure><figcaption>${escapeHtml(chart.title)} <span class="unit">(${escapeHtml(chart.unit)})</span></figcaption>${html}</figure>`, points };
}

/** Builds the dashboard for the `days` days ending on `endDay` from the local store. */
export async function buildReport(options: ReportOptions): Promise<BuiltReport> {
  const range = { startDay: addDays(options.endDay, -(options.days - 1)), endDay: options.endDay };
  const days = await loadDailyView(options.store, range);
  const insights = computeInsights(days, range, { maxAnomalies: 12, maxEpisodeMetrics: 6 });
  const charts: Record<string, number> = {};
  const sections = REPORT_SECTIONS.map((section) => {
    const figures = section.charts.map((chart) => {
      const built = chartHtml(chart, days, insights, range);
      if (built.points > 0) charts[chart.title] = built.points;
      return built.html;
    });
    return `<section><h2>${escapeHtml(section.title)}</h2>${figures.join('')}</section>`;
  });
  const sources = Object.entries(insights.sources).map(([provider, count]) => `${sourceName(provider)} ${count} days`).join(', ') || 'none';
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Wearables report ${range.startDay}..${range.endDay}</title><style>${REPORT_STYLE}</style></head><body>` +
    `<header><h1>Wearables report</h1><p>${shortDay(range.startDay)} ${range.startDay.slice(0, 4)} – ${shortDay(range.endDay)} ${range.endDay.slice(0, 4)} (${options.days} days) · sources: ${escapeHtml(sources)} · generated ${escapeHtml(options.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC</p></header>` +
    insightsHtml(insights) + sections.join('') + '</body></html>';
  return { html, insights, charts };
}
