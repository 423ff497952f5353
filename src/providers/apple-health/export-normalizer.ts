/**
 * Turns the stream of export elements into provider pages (pure: no I/O, the clock injected).
 * Heart-rate and HRV readings become samples and workouts records as they arrive, in pages;
 * day totals, sleep sessions and measures need every sample of their day, so they are emitted
 * by `finish()` from compact accumulators (see `day-totals.ts`, `sleep-sessions.ts`, `measures.ts`).
 */
import { EARLIEST_DAY, latestDay } from '../../core/bounds.js';
import type { NormalizedRecord, Sample } from '../../core/types.js';
import type { ProviderPage } from '../provider.js';
import { APPLE_HEALTH } from './apple-record.js';
import { parseAppleDate, type AppleInstant } from './apple-time.js';
import { dayRecords } from './day-records.js';
import { ACTIVITY_METRICS, DayTotalsAccumulator, VITAL_METRICS } from './day-totals.js';
import type { CorrelationItem, ExportItem, RecordItem } from './export-parser.js';
import { BLOOD_PRESSURE_TYPE, QUANTITY_TYPES, SLEEP_ANALYSIS_TYPE, SLEEP_STAGES, type QuantityMetric } from './health-types.js';
import { MEASURE_FIELDS, MeasureCollector } from './measures.js';
import { groupSessions, sessionRecord, type SleepSegment } from './sleep-sessions.js';
import { copiedProvider, createOriginCache, deviceName, originClass } from './source-origin.js';
import { workoutRecord } from './workouts.js';

/** Series written to the samples table. */
export const SAMPLE_SERIES: Partial<Record<QuantityMetric, string>> = { heart_rate: 'heart_rate', hrv_sdnn: 'hrv_sdnn' };

/** What one import read, for the CLI and the tool's answer. */
export interface ImportSummary {
  /** `Record`, `Correlation` and `Workout` elements read. */
  elements: number;
  /** Elements of a type this provider does not read (nutrition, audio exposure ...). */
  otherTypes: number;
  /** Elements of a read type whose date, value or unit could not be read, or outside the allowed days. */
  unreadable: number;
  /** Elements written by a copying app, per copied provider (kept apart, never in Apple's values). */
  copies: Record<string, number>;
  /** The export's own date (`ExportDate`), ISO-8601. */
  exportedAt: string | null;
}

export interface NormalizerOptions {
  /** The app clock: days after tomorrow are refused like every other input. */
  now: Date;
  /** Samples per page (default 5,000). */
  pageSize?: number;
}

const ACTIVITY_INDEX = new Map<string, number>(ACTIVITY_METRICS.map((metric, index) => [metric, index]));
const VITAL_INDEX = new Map<string, number>(VITAL_METRICS.map((metric, index) => [metric, index]));

/** Streaming normalizer of one export (see the module comment). */
export class ExportNormalizer {
  private readonly origins = createOriginCache();
  private readonly days = new DayTotalsAccumulator();
  private readonly measures = new MeasureCollector();
  private readonly sleep: SleepSegment[] = [];
  private records: NormalizedRecord[] = [];
  private samples: Sample[] = [];
  private readonly pageSize: number;
  readonly summary: ImportSummary = { elements: 0, otherTypes: 0, unreadable: 0, copies: {}, exportedAt: null };

  /** The latest day a sample may fall on (tomorrow, east of every zone). */
  private readonly lastDay: string;

  constructor(options: NormalizerOptions) {
    this.pageSize = options.pageSize ?? 5000;
    this.lastDay = latestDay(options.now);
  }

  /** Takes one parsed element. */
  add(item: ExportItem): void {
    if (item.kind === 'export_date') {
      this.summary.exportedAt = parseAppleDate(item.value)?.iso ?? null;
      return;
    }
    this.summary.elements++;
    if (item.kind === 'record') this.addRecord(item);
    else if (item.kind === 'correlation') this.addCorrelation(item);
    else {
      const origin = this.origins(item.attributes['sourceName'], item.attributes['device']);
      const record = workoutRecord(item, origin);
      if (!record || !this.inRange(record.day ?? '')) this.summary.unreadable++;
      else this.keep(record, copiedProvider(origin));
    }
  }

  /** A full page when one is ready (call after each batch of `add`), else null. */
  takePage(): ProviderPage | null {
    if (this.samples.length < this.pageSize && this.records.length < this.pageSize / 10) return null;
    return this.flush();
  }

  /** Everything left: pending samples, then day totals, sleep sessions and measures. */
  finish(): ProviderPage[] {
    const pages: ProviderPage[] = [];
    const pending = this.flush();
    if (pending.records.length || pending.samples.length) pages.push(pending);
    const sessions = groupSessions(this.sleep).map(sessionRecord);
    const records = [...dayRecords(this.days.totals()), ...sessions, ...this.measures.records()];
    for (let index = 0; index < records.length; index += this.pageSize) pages.push({ records: records.slice(index, index + this.pageSize), samples: [] });
    return pages;
  }

  private flush(): ProviderPage {
    const page = { records: this.records, samples: this.samples };
    this.records = [];
    this.samples = [];
    return page;
  }

  private inRange(day: string): boolean {
    return day >= EARLIEST_DAY && day <= this.lastDay;
  }

  private keep(record: NormalizedRecord, copy: string | null): void {
    if (copy) this.summary.copies[copy] = (this.summary.copies[copy] ?? 0) + 1;
    this.records.push(record);
  }

  private addRecord(item: RecordItem): void {
    const attributes = item.attributes;
    const type = attributes['type'] ?? '';
    const quantity = QUANTITY_TYPES.get(type);
    if (!quantity && type !== SLEEP_ANALYSIS_TYPE) {
      this.summary.otherTypes++;
      return;
    }
    const start = parseAppleDate(attributes['startDate']);
    if (!start || !this.inRange(start.day)) {
      this.summary.unreadable++;
      return;
    }
    const origin = this.origins(attributes['sourceName'], attributes['device']);
    const copy = copiedProvider(origin);
    if (copy) this.summary.copies[copy] = (this.summary.copies[copy] ?? 0) + 1;
    if (!quantity) return this.addSleep(attributes['sourceName'] ?? '', origin, start, attributes);
    const amount = Number(attributes['value']);
    const value = Number.isFinite(amount) ? quantity.convert(amount, attributes['unit'] ?? '') : null;
    if (value === null || !Number.isFinite(value)) {
      this.summary.unreadable++;
      return;
    }
    const metric = quantity.metric;
    if (MEASURE_FIELDS.has(metric)) {
      const manual = item.metadata?.['HKWasUserEntered'] === '1';
      this.measures.add(metric, value, { sourceName: attributes['sourceName'] ?? '', origin, device: deviceName(attributes['device']) || null, at: start, manual });
      return;
    }
    const series = SAMPLE_SERIES[metric];
    if (series && !copy) this.samples.push({ provider: APPLE_HEALTH, series, ts: start.ms, value, source: origin });
    const activity = ACTIVITY_INDEX.get(metric);
    const vital = VITAL_INDEX.get(metric);
    if (copy) {
      if (activity !== undefined) this.days.addCopy(copy, metric, start.day, start.offset, value);
    } else if (activity !== undefined) this.days.addActivity(activity, start.day, start.offset, start.hour, originClass(origin), value);
    else if (vital !== undefined) this.days.addVital(vital, start.day, start.offset, originClass(origin), value);
  }

  private addSleep(sourceName: string, origin: ReturnType<typeof this.origins>, start: AppleInstant, attributes: Record<string, string>): void {
    const end = parseAppleDate(attributes['endDate']);
    const stage = SLEEP_STAGES.get(attributes['value'] ?? '');
    if (!end || !stage || end.ms < start.ms) {
      this.summary.unreadable++;
      return;
    }
    this.sleep.push({ sourceName, origin, start, end, stage });
  }

  private addCorrelation(item: CorrelationItem): void {
    const attributes = item.attributes;
    const at = parseAppleDate(attributes['startDate']);
    if (attributes['type'] !== BLOOD_PRESSURE_TYPE) {
      this.summary.otherTypes++;
      return;
    }
    if (!at || !this.inRange(at.day)) {
      this.summary.unreadable++;
      return;
    }
    const origin = this.origins(attributes['sourceName'], attributes['device']);
    const copy = copiedProvider(origin);
    if (copy) this.summary.copies[copy] = (this.summary.copies[copy] ?? 0) + 1;
    const manual = item.metadata?.['HKWasUserEntered'] === '1';
    for (const record of item.records) {
      const quantity = QUANTITY_TYPES.get(record['type'] ?? '');
      const amount = Number(record['value']);
      const value = quantity && Number.isFinite(amount) ? quantity.convert(amount, record['unit'] ?? '') : null;
      if (!quantity || value === null || !MEASURE_FIELDS.has(quantity.metric)) continue;
      this.measures.add(quantity.metric, value, { sourceName: attributes['sourceName'] ?? '', origin, device: deviceName(attributes['device']) || null, at, manual });
    }
  }
}
