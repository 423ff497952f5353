/**
 * The Withings data services as pure functions of (context, params) → envelope status and body.
 * Paging: `offset`/`more` (an integer in `getmeas`, a boolean elsewhere); intraday activity and
 * the sleep series answer at most 24 hours from `startdate` (as the spec says).
 */
import type { WithingsContext } from './context.js';
import type { DocumentFilter, ListKind } from './documents.js';
import { zoneForOffset } from './common.js';
import { legacySleepSummary } from './legacy-sleep.js';

export type ServiceResult = { status: number; body?: unknown; error?: string };
type Service = (ctx: WithingsContext, params: URLSearchParams) => ServiceResult;

const INVALID = (error: string): ServiceResult => ({ status: 503, error: `Invalid Params: ${error}` });
const DAY_SECONDS = 86_400;

function int(params: URLSearchParams, key: string): number | undefined {
  const value = params.get(key);
  if (value === null || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? Math.floor(number) : Number.NaN;
}

function page<T>(items: readonly T[], params: URLSearchParams, pageSize: number, integerMore: boolean) {
  const offset = Math.max(0, int(params, 'offset') ?? 0);
  const slice = items.slice(offset, offset + pageSize);
  const more = offset + pageSize < items.length;
  return { slice, more: integerMore ? (more ? 1 : 0) : more, offset: more ? offset + pageSize : 0 };
}

/** `lastupdate` or a date range (epoch seconds or ymd); an error when neither is valid. */
function filterFrom(params: URLSearchParams, ymd: boolean): DocumentFilter | ServiceResult {
  const lastupdate = int(params, 'lastupdate');
  if (lastupdate !== undefined) return Number.isNaN(lastupdate) ? INVALID('lastupdate') : { lastupdate };
  if (ymd) {
    const from = params.get('startdateymd');
    const to = params.get('enddateymd');
    if (!from || !to || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) return INVALID('startdateymd/enddateymd');
    return { from, to };
  }
  const from = int(params, 'startdate');
  const to = int(params, 'enddate');
  if (Number.isNaN(from) || Number.isNaN(to) || (from !== undefined && to !== undefined && from > to)) return INVALID('startdate/enddate');
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

function isError(value: DocumentFilter | ServiceResult): value is ServiceResult {
  return 'status' in value;
}

function fields(params: URLSearchParams): Set<string> | null {
  const value = params.get('data_fields');
  return value ? new Set(value.split(',').map((field) => field.trim())) : null;
}

/** Keeps only requested `data_fields` of an object (all when none were requested). */
function pick(object: Record<string, unknown>, wanted: Set<string> | null, always: readonly string[]): Record<string, unknown> {
  if (!wanted) return object;
  return Object.fromEntries(Object.entries(object).filter(([key]) => always.includes(key) || wanted.has(key)));
}

function list(
  kind: ListKind,
  ymd: boolean,
  integerMore: boolean,
  key: string,
  shape?: (item: Record<string, unknown>, params: URLSearchParams, ctx: WithingsContext) => Record<string, unknown>,
): Service {
  return (ctx, params) => {
    const filter = filterFrom(params, ymd);
    if (isError(filter)) return filter;
    const items = ctx.documents.list(kind, ctx.clock.nowMs(), filter).map((item) => (shape ? shape(item, params, ctx) : item));
    const { slice, more, offset } = page(items, params, ctx.config.pageSize, integerMore);
    return { status: 0, body: { [key]: slice, more, offset } };
  };
}

const ACTIVITY_BASE = ['date', 'timezone', 'deviceid', 'hash_deviceid', 'brand', 'is_tracker', 'modified', 'model', 'modelid'];

const getmeas: Service = (ctx, params) => {
  const filter = filterFrom(params, false);
  if (isError(filter)) return filter;
  const category = int(params, 'category') ?? 1;
  const types = new Set([params.get('meastype'), ...(params.get('meastypes') ?? '').split(',')].filter(Boolean).map(Number));
  const groups = ctx.documents
    .list('measures', ctx.clock.nowMs(), filter)
    .filter((group) => group.category === category)
    .map((group) => (types.size === 0 ? group : { ...group, measures: (group.measures as Array<{ type: number }>).filter((m) => types.has(m.type)) }))
    .filter((group) => (group.measures as unknown[]).length > 0);
  const { slice, more, offset } = page(groups, params, ctx.config.pageSize, true);
  const timezone = zoneForOffset(ctx.person.offsetAt(ctx.clock.nowMs()));
  return { status: 0, body: { updatetime: String(Math.floor(ctx.clock.nowMs() / 1000)), timezone, measuregrps: slice, more, offset } };
};

function window24h(params: URLSearchParams, nowSeconds: number): { start: number; end: number } | ServiceResult {
  const start = int(params, 'startdate') ?? nowSeconds - DAY_SECONDS;
  const end = int(params, 'enddate') ?? nowSeconds;
  if (Number.isNaN(start) || Number.isNaN(end) || start > end) return INVALID('startdate/enddate');
  return { start, end: Math.min(end, start + DAY_SECONDS) };
}

const getintradayactivity: Service = (ctx, params) => {
  const range = window24h(params, Math.floor(ctx.clock.nowMs() / 1000));
  if ('status' in range) return range;
  const wanted = fields(params);
  const entries = ctx.documents.intraday(ctx.clock.nowMs(), range.start * 1000, range.end * 1000);
  const series: Record<string, unknown> = {};
  for (const [epoch, entry] of [...entries].sort((a, b) => a[0] - b[0])) {
    const kept = pick(entry, wanted, ['deviceid', 'model', 'model_id']);
    if (Object.keys(kept).some((key) => !['deviceid', 'model', 'model_id'].includes(key))) series[String(epoch)] = kept;
  }
  return { status: 0, body: { series } };
};

const sleepGet: Service = (ctx, params) => {
  const range = window24h(params, Math.floor(ctx.clock.nowMs() / 1000));
  if ('status' in range) return range;
  const wanted = fields(params);
  const segments = ctx.documents
    .sleepSegments(ctx.clock.nowMs(), range.start * 1000, range.end * 1000)
    .map((segment) => pick(segment, wanted, ['startdate', 'enddate', 'state', 'model', 'model_id']));
  return { status: 0, body: { series: segments, model: 32 } };
};

function signalGet(ctx: WithingsContext, params: URLSearchParams): ServiceResult {
  const id = int(params, 'signalid');
  if (id === undefined || Number.isNaN(id)) return INVALID('signalid');
  const signal = ctx.documents.signal(id, ctx.clock.nowMs());
  return signal ? { status: 0, body: signal } : INVALID('unknown signalid');
}

const sleepSummaryShape = (item: Record<string, unknown>, params: URLSearchParams, ctx: WithingsContext) => {
  if (ctx.config.sleepSummaryShape === 'legacy-2020') return legacySleepSummary(item);
  const wanted = fields(params);
  return wanted ? { ...item, data: pick(item.data as Record<string, unknown>, wanted, []) } : item;
};

/** Services by path and action. */
export const SERVICES: Record<string, Record<string, Service>> = {
  '/measure': { getmeas },
  '/v2/measure': {
    getactivity: list('activity', true, false, 'activities', (item, params) => pick(item, fields(params), ACTIVITY_BASE)),
    getworkouts: list('workouts', true, false, 'series'),
    getintradayactivity,
  },
  '/v2/sleep': { get: sleepGet, getsummary: list('sleep_summary', true, false, 'series', sleepSummaryShape) },
  '/v2/heart': { list: list('heart', false, false, 'series'), get: signalGet },
  '/v2/stetho': { list: list('stetho', false, false, 'series'), get: signalGet },
  '/v2/user': {
    getdevice: (ctx) => ({ status: 0, body: { devices: ctx.documents.devices(ctx.clock.nowMs()) } }),
    getgoals: (ctx) => ({ status: 0, body: { goals: ctx.documents.goals() } }),
  },
};
