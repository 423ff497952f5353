/**
 * The report's insights section in words a person reads: episodes, unusual days, correlations,
 * gaps, and a table of usual values (the same baselines the charts shade), every value printed in
 * its unit (bedtime as 23:06, sleep as 7 h 12 min).
 */
import type { HealthInsights } from '../analysis/insights.js';
import { escapeHtml } from './html.js';
import { formatMetricValue, metricLabel, metricName, sourceName } from './metric-format.js';
import { shortDay } from './chart-ticks.js';

function item(text: string): string {
  return `<li>${escapeHtml(text)}</li>`;
}

function list(title: string, items: readonly string[]): string {
  return items.length ? `<h3>${title}</h3><ul>${items.join('')}</ul>` : '';
}

function dayRange(start: string, end: string): string {
  return start === end ? shortDay(start) : `${shortDay(start)} – ${shortDay(end)}`;
}

function baselineTable(insights: HealthInsights): string {
  if (insights.baselines.length === 0) return '';
  const cell = (metric: string, value: number): string => `<span class="value">${escapeHtml(formatMetricValue(metric, value))}</span>`;
  const rows = insights.baselines.map(
    (baseline) =>
      `<tr><td>${escapeHtml(metricLabel(baseline.metric))}</td><td>${cell(baseline.metric, baseline.median)}</td>` +
      `<td>${cell(baseline.metric, baseline.p25)} – ${cell(baseline.metric, baseline.p75)}</td></tr>`,
  );
  return (
    '<h3>Your usual values</h3><p class="muted">Median of the period, and the middle half of your days (25th to 75th percentile): the shaded band on the charts.</p>' +
    `<table class="baselines"><thead><tr><th>Measure</th><th>Usual</th><th>Middle half</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** Renders the insights section of the report. */
export function insightsHtml(insights: HealthInsights): string {
  const value = formatMetricValue;
  const episodes = insights.episodes.map((episode) =>
    item(
      `${dayRange(episode.start, episode.end)}: ` +
        episode.metrics
          .map((metric) => `${metricName(metric.metric)} ${metric.direction} on ${metric.days} day(s), furthest ${value(metric.metric, metric.peak_value)} on ${shortDay(metric.peak_day)} (usual ${value(metric.metric, metric.baseline)})`)
          .join('; '),
    ),
  );
  const anomalies = insights.anomalies.map((anomaly) =>
    item(`${shortDay(anomaly.day)}: ${metricName(anomaly.metric)} ${value(anomaly.metric, anomaly.value)}, usual ${value(anomaly.metric, anomaly.baseline)} (${anomaly.direction}, ${Math.abs(anomaly.z)} spreads away, ${sourceName(anomaly.source)})`),
  );
  const correlations = insights.correlations.map((correlation) =>
    item(`${correlation.label}: ${correlation.r === null ? 'too few pairs' : `r = ${correlation.r} (${correlation.strength})`}, n = ${correlation.n}${correlation.days ? `, ${correlation.days}` : ''}`),
  );
  const gaps = [...insights.gaps.no_data.map((range) => item(`no data: ${range}`)), ...insights.gaps.no_sleep.map((range) => item(`no night recorded: ${range}`))];
  return (
    `<section class="insights"><h2>Insights</h2><p class="status ${insights.status}">${escapeHtml(insights.message)}</p>` +
    list('Episodes', episodes) +
    list('Most unusual days', anomalies) +
    list('Correlations', correlations) +
    list('Data gaps', gaps) +
    baselineTable(insights) +
    '</section>'
  );
}
