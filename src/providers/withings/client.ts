/**
 * Fetching Withings resources: builds each service's parameters for a half-open window
 * `[start, end)` (epoch seconds for instant services; `startdateymd`/`enddateymd` with an
 * inclusive end for day services), follows `offset`/`more` to the end, and keeps only documents
 * inside the window so each belongs to exactly one window. With `modifiedSince` in the context a
 * service that supports it is asked by `lastupdate` instead (every change since then, any date).
 */
import { WearablesError } from '../../core/errors.js';
import type { NormalizedRecord, Sample, TimeWindow } from '../../core/types.js';
import type { FetchContext, ProviderPage, ResourceSpec } from '../provider.js';
import { splitWindow } from '../windows.js';
import type { WithingsApi } from './api.js';
import { callWithings } from './api.js';
import { normalizeActivity, normalizeIntraday, normalizeWorkout } from './normalize-activity.js';
import type { Normalized } from './normalize-common.js';
import { normalizeMeasureGroup } from './normalize-measures.js';
import { normalizeSleepSegment, normalizeSleepSummary, SLEEP_SERIES_FIELDS, SLEEP_SUMMARY_FIELDS } from './normalize-sleep.js';
import { normalizeDevice, normalizeGoals, normalizeHeartRecord, normalizeStethoRecord } from './normalize-user.js';
import { malformed, pagedBodies } from './paging.js';
import { noteZones, personZone } from './person-zone.js';
import { withingsResource, type WithingsResourceSpec } from './resources.js';
import { addDays } from '../../core/time/days.js';
import { epochSeconds } from './time-params.js';

const ACTIVITY_FIELDS = 'steps,distance,elevation,soft,moderate,intense,active,calories,totalcalories,hr_average,hr_min,hr_max,hr_zone_0,hr_zone_1,hr_zone_2,hr_zone_3';
const WORKOUT_FIELDS = 'calories,intensity,manual_distance,manual_calories,hr_average,hr_min,hr_max,hr_zone_0,hr_zone_1,hr_zone_2,hr_zone_3,pause_duration,steps,distance,elevation,spo2_average';
/** Measure categories: real measures, then user objectives (goals). */
const MEASURE_CATEGORIES = [1, 2] as const;

/** Per-request context: the fetch context plus the change instant of a `lastupdate` pass. */
export interface WithingsFetchContext extends FetchContext {
  modifiedSince?: string;
}

/** Fetches every page of `resource` in `window` (cut to the resource's `maxWindowDays`). */
export async function* fetchWithingsWindow(
  api: WithingsApi,
  resource: ResourceSpec,
  window: TimeWindow,
  context: WithingsFetchContext,
): AsyncGenerator<ProviderPage> {
  const spec = withingsResource(resource.name);
  if (!spec) {
    throw new WearablesError('VALIDATION_ERROR', `Withings has no resource "${resource.name}".`, { hint: 'Use one of the Withings resource names.' });
  }
  if (spec.windowing === 'none') {
    yield await fetchSnapshot(api, spec, context);
    return;
  }
  if (context.modifiedSince && spec.modifiedSince) {
    yield* fetchPages(api, spec, { lastupdate: epochSeconds(context.modifiedSince) }, null, context);
    return;
  }
  for (const chunk of splitWindow(window, spec.windowing, spec.maxWindowDays)) {
    yield* fetchPages(api, spec, windowParams(spec, chunk), chunk, context);
  }
}

/** The window parameters of one request. */
function windowParams(spec: WithingsResourceSpec, window: TimeWindow): Record<string, string | number> {
  if (spec.windowing === 'day') return { startdateymd: window.start, enddateymd: addDays(window.end, -1) };
  return { startdate: epochSeconds(window.start), enddate: epochSeconds(window.end) };
}

async function* fetchPages(
  api: WithingsApi,
  spec: WithingsResourceSpec,
  params: Record<string, string | number>,
  window: TimeWindow | null,
  context: FetchContext,
): AsyncGenerator<ProviderPage> {
  const keep = window ? inWindow(spec, window) : () => true;
  if (spec.name === 'measures') {
    for (const category of MEASURE_CATEGORIES) {
      for await (const body of pagedBodies(api, spec.service, { ...params, category }, context)) {
        const groups = Array.isArray(body.measuregrps) ? body.measuregrps : null;
        if (!groups) throw malformed(spec.service);
        const timezone = typeof body.timezone === 'string' ? body.timezone : null;
        yield recordsPage(groups.map((group) => normalizeMeasureGroup(group, timezone)), keep, api, timezone);
      }
    }
    return;
  }
  if (spec.kind === 'series') {
    const field = spec.series === 'heart_rate' ? 'heart_rate' : 'steps';
    const body = await callWithings(api, spec.service, { ...params, data_fields: field }, context);
    const { samples, invalid } = normalizeIntraday((body as Record<string, unknown> | null)?.series ?? {}, field);
    const kept = window ? samples.filter(inInstantWindow(window)) : samples;
    yield { records: [], samples: kept, ...(invalid > 0 ? { invalid } : {}) };
    return;
  }
  if (spec.name === 'sleep_series') {
    const body = await callWithings(api, spec.service, { ...params, data_fields: SLEEP_SERIES_FIELDS.join(',') }, context);
    const series = (body as Record<string, unknown> | null)?.series;
    // The spec types `series` as one object; the service answers a list of segments. Take both.
    const segments = Array.isArray(series) ? series : series && typeof series === 'object' ? [series] : [];
    const zone = await personZone(api, context);
    yield recordsPage(segments.map((segment) => normalizeSleepSegment(segment, zone)), keep);
    return;
  }
  const extra = SERVICE_FIELDS[spec.name];
  for await (const body of pagedBodies(api, spec.service, { ...params, ...(extra ? { data_fields: extra } : {}) }, context)) {
    const list = body[LIST_KEY[spec.name] ?? 'series'];
    if (!Array.isArray(list)) throw malformed(spec.service);
    const normalize = NORMALIZERS[spec.name];
    if (!normalize) throw malformed(spec.service);
    const zone = api.zone.latest();
    yield recordsPage(list.map((document) => normalize(document, zone)), keep, api, null);
  }
}

const SERVICE_FIELDS: Record<string, string> = {
  activity: ACTIVITY_FIELDS,
  workouts: WORKOUT_FIELDS,
  sleep_summary: SLEEP_SUMMARY_FIELDS.join(','),
};
const LIST_KEY: Record<string, string> = { activity: 'activities' };
/** Normalizers; `zone` is the user's reported zone, for documents that carry none. */
const NORMALIZERS: Record<string, (document: unknown, zone: string | null) => Normalized> = {
  activity: normalizeActivity,
  workouts: normalizeWorkout,
  sleep_summary: normalizeSleepSummary,
  heart_records: normalizeHeartRecord,
  stetho_records: normalizeStethoRecord,
};

async function fetchSnapshot(api: WithingsApi, spec: WithingsResourceSpec, context: FetchContext): Promise<ProviderPage> {
  const body = (await callWithings(api, spec.service, {}, context)) as Record<string, unknown> | null;
  if (spec.name === 'goals') return recordsPage([normalizeGoals(body?.goals)], () => true);
  const devices = body?.devices;
  if (!Array.isArray(devices)) throw malformed(spec.service);
  return recordsPage(devices.map(normalizeDevice), () => true, api, null);
}

function recordsPage(normalized: readonly Normalized[], keep: (record: NormalizedRecord) => boolean, api?: WithingsApi, responseZone?: string | null): ProviderPage {
  const all = normalized.filter((record): record is NonNullable<Normalized> => record !== null);
  if (api) noteZones(api, all, responseZone ?? null);
  const records = all.filter(keep);
  const invalid = normalized.filter((record) => record === null).length;
  return { records, samples: [], ...(invalid > 0 ? { invalid } : {}) };
}

/** Day resources keep records of local days in `[start, end)`; instant resources records starting in it. */
function inWindow(spec: WithingsResourceSpec, window: TimeWindow): (record: NormalizedRecord) => boolean {
  if (spec.windowing === 'day') return (record) => record.day !== null && record.day >= window.start && record.day < window.end;
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  return (record) => {
    const at = record.start ? Date.parse(record.start) : Number.NaN;
    return !Number.isFinite(at) || (at >= start && at < end);
  };
}

function inInstantWindow(window: TimeWindow): (sample: Sample) => boolean {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  return (sample) => sample.ts >= start && sample.ts < end;
}
