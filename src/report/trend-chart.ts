/**
 * The chart of a `get_trends` answer, drawn by the report's renderer: the bucket means as a line
 * (with each week's or month's lowest and highest day beside it), labelled in words and units, for
 * the MCP Apps view of the tool.
 */
import { metricInfo } from '../analysis/metric-catalog.js';
import { SERIES_COLORS } from './report-sections.js';
import { metricLabel } from './metric-format.js';
import { renderChart, type ChartSeries } from './svg-chart.js';

/** The parts of a `get_trends` answer the chart reads. */
export interface TrendAnswer {
  metric: string;
  resolution: 'day' | 'week' | 'month';
  window: { start_date: string; end_date: string };
  buckets: ReadonlyArray<{ start: string; n: number; mean: number | null; min: number | null; max: number | null }>;
}

/** A chart ready for the view: its title and the HTML (legend and drawing, no script). */
export interface TrendChart {
  title: string;
  html: string;
}

const GAP_DAYS = { day: 1, week: 7, month: 31 } as const;
const PER = { day: 'daily', week: 'weekly', month: 'monthly' } as const;

/** Renders `answer` as the report draws its charts. */
export function renderTrendChart(answer: TrendAnswer): TrendChart {
  const scale = metricInfo(answer.metric)?.unit === 's' ? 1 / 3600 : 1;
  const points = (pick: 'mean' | 'min' | 'max') =>
    answer.buckets.flatMap((bucket) => {
      const value = bucket[pick];
      return bucket.n > 0 && value !== null ? [{ day: bucket.start, value: value * scale }] : [];
    });
  const series: ChartSeries[] = [{ label: `${PER[answer.resolution]} mean`.replace(/^./, (first) => first.toUpperCase()), color: SERIES_COLORS[0] ?? '#2f6fdf', points: points('mean') }];
  if (answer.resolution !== 'day') {
    series.push({ label: 'Lowest day', color: '#868e96', points: points('min') }, { label: 'Highest day', color: '#495057', points: points('max') });
  }
  const title = metricLabel(answer.metric);
  const first = answer.buckets[0]?.start ?? answer.window.start_date;
  const html = renderChart({
    title,
    kind: 'line',
    startDay: first < answer.window.start_date ? first : answer.window.start_date,
    endDay: answer.window.end_date,
    series,
    maxGapDays: GAP_DAYS[answer.resolution],
    ...(answer.metric === 'bedtime_hours' ? { clock: true } : {}),
  });
  return { title, html };
}
