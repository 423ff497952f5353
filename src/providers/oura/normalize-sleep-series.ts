/**
 * The 5-minute heart rate and HRV series of an Oura sleep period. They stay out of the stored
 * `data` (answers and day views read only the summary numbers) and are normalized from the
 * document on demand, through their schema, by the one tool that shows them.
 */
import { z } from 'zod';

const series = z.looseObject({ interval: z.number().nullish(), items: z.array(z.unknown()).nullish(), timestamp: z.string().nullish() }).nullish();
const sleepSeriesSchema = z.looseObject({ heart_rate: series, hrv: series });

/** A sleep period's series: one value per `interval_seconds` from `start` (null where not measured). */
export interface SleepSeries {
  interval_seconds: number;
  start: string | null;
  heart_rate_bpm: Array<number | null>;
  hrv_ms: Array<number | null>;
}

/** The 5-minute series of a stored Oura sleep document (its `raw`); empty series when it has none. */
export function normalizeSleepSeries(document: unknown): SleepSeries {
  const parsed = sleepSeriesSchema.safeParse(document);
  const { heart_rate: heartRate, hrv } = parsed.success ? parsed.data : { heart_rate: null, hrv: null };
  const items = (values: readonly unknown[] | null | undefined): Array<number | null> =>
    (values ?? []).map((item) => (typeof item === 'number' && Number.isFinite(item) ? item : null));
  return {
    interval_seconds: heartRate?.interval ?? hrv?.interval ?? 300,
    start: heartRate?.timestamp ?? hrv?.timestamp ?? null,
    heart_rate_bpm: items(heartRate?.items),
    hrv_ms: items(hrv?.items),
  };
}
