/**
 * Fetching WHOOP resources: list URLs with `start`/`end`/`limit`/`nextToken`, paging to the end,
 * envelope validation and the pure normalize step; single records by id for the get tools.
 *
 * WHOOP filters lists by when a record started. The sync engine reconciles deletions per local
 * day and assumes a record of day D starts no earlier than D−1 00:00Z; a cycle (its day is 12 h
 * after its start) or a long sleep can start up to ~2 h before that for a user at UTC+13/+14. So
 * each request reaches 12 h before the window start: records from that margin are stored again
 * as unchanged (no event), and no stored record is mistaken for deleted.
 */
import { WearablesError } from '../../core/errors.js';
import type { NormalizedRecord, TimeWindow } from '../../core/types.js';
import type { FetchContext, ProviderPage, ResourceSpec } from '../provider.js';
import type { RecoveryCycleContext } from './normalize-cycle.js';
import { normalizeWhoopDocument, type WhoopNormalizeContext } from './normalize.js';
import { WHOOP_PAGE_LIMIT, whoopResource, type WhoopResourceSpec } from './resources.js';
import { whoopPageSchema } from './schema.js';

const LOOKBACK_MS = 12 * 3_600_000;
/** Safety stop against a server that keeps sending next tokens. */
const MAX_PAGES = 10_000;

/** Fetches every page of `resource` in `window` (start-filtered, with the look-back margin). */
export async function* fetchWhoopWindow(
  apiBaseUrl: string,
  resource: ResourceSpec,
  window: TimeWindow,
  context: FetchContext,
): AsyncGenerator<ProviderPage> {
  const spec = specOf(resource.name);
  if (spec.windowing === 'none') {
    const { body } = await context.http.getJson(joinUrl(apiBaseUrl, spec.path), withSignal(context));
    if (!isObject(body)) throw malformed(spec.name);
    yield toPage(spec.name, [body], {});
    return;
  }
  const request = requestWindow(window);
  if (spec.name !== 'recovery') {
    for await (const records of listPages(apiBaseUrl, spec, request, context)) yield toPage(spec.name, records, {});
    return;
  }
  // A recovery has no time of its own: its day and offset come from its cycle.
  const cycles = new Map<number, RecoveryCycleContext>();
  for await (const records of listPages(apiBaseUrl, specOf('cycle'), request, context)) addCycles(cycles, records);
  for await (const records of listPages(apiBaseUrl, spec, request, context)) {
    for (const id of missingCycleIds(records, cycles)) {
      const { body } = await context.http.getJson(joinUrl(apiBaseUrl, `/v2/cycle/${id}`), withSignal(context));
      addCycles(cycles, [body]);
    }
    yield toPage(spec.name, records, { cycles });
  }
}

/** The cheapest authenticated call: the body measurement (one small object). */
export async function probeWhoop(apiBaseUrl: string, context: FetchContext): Promise<void> {
  await context.http.getJson(joinUrl(apiBaseUrl, '/v2/user/measurement/body'), withSignal(context));
}

/** Single records the get tools read: a cycle, sleep, workout, a cycle's recovery or a cycle's sleep. */
export type WhoopRecordKind = 'cycle' | 'sleep' | 'workout' | 'recovery' | 'cycle_sleep';

/** Fetches and normalizes one record by id (cycle ids are integers, sleep and workout ids UUIDs). */
export async function fetchWhoopRecord(apiBaseUrl: string, kind: WhoopRecordKind, id: string, context: FetchContext): Promise<NormalizedRecord> {
  const cycleKind = kind === 'cycle' || kind === 'recovery' || kind === 'cycle_sleep';
  checkId(cycleKind ? 'cycle' : kind, id);
  const get = async (path: string): Promise<Record<string, unknown>> => {
    const { body } = await context.http.getJson(joinUrl(apiBaseUrl, path), withSignal(context));
    if (!isObject(body)) throw malformed(kind);
    return body;
  };
  const path = { cycle: `/v2/cycle/${id}`, recovery: `/v2/cycle/${id}/recovery`, cycle_sleep: `/v2/cycle/${id}/sleep`, sleep: `/v2/activity/sleep/${id}`, workout: `/v2/activity/workout/${id}` }[kind];
  const body = await get(path);
  const resource = kind === 'cycle_sleep' ? 'sleep' : kind;
  const normalizeContext: WhoopNormalizeContext = {};
  if (kind === 'recovery') {
    const cycles = new Map<number, RecoveryCycleContext>();
    addCycles(cycles, [await get(`/v2/cycle/${id}`)]);
    normalizeContext.cycles = cycles;
  }
  return normalizeWhoopDocument(resource, body, normalizeContext).record;
}

async function* listPages(apiBaseUrl: string, spec: WhoopResourceSpec, window: TimeWindow, context: FetchContext): AsyncGenerator<unknown[]> {
  const seenTokens = new Set<string>();
  let nextToken: string | null = null;
  for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
    const { body } = await context.http.getJson(listUrl(apiBaseUrl, spec, window, nextToken), withSignal(context));
    const page = whoopPageSchema.safeParse(body);
    if (!page.success) throw malformed(spec.name);
    yield page.data.records;
    nextToken = page.data.next_token ?? null;
    if (!nextToken) return;
    if (seenTokens.has(nextToken)) {
      throw new WearablesError('UPSTREAM_ERROR', `WHOOP repeated a page token while listing ${spec.name}.`, {
        hint: 'Retry later; if it persists, report it.',
        isRetryable: true,
      });
    }
    seenTokens.add(nextToken);
  }
  throw new WearablesError('UPSTREAM_ERROR', `WHOOP kept paging ${spec.name} past ${MAX_PAGES} pages.`, { isRetryable: true });
}

/** The list URL of one request: `start`, `end`, `limit=25` and the page token. */
export function listUrl(apiBaseUrl: string, spec: WhoopResourceSpec, window: TimeWindow, nextToken: string | null): URL {
  const url = joinUrl(apiBaseUrl, spec.path);
  url.searchParams.set('start', window.start);
  url.searchParams.set('end', window.end);
  url.searchParams.set('limit', String(WHOOP_PAGE_LIMIT));
  if (nextToken) url.searchParams.set('nextToken', nextToken);
  return url;
}

function requestWindow(window: TimeWindow): TimeWindow {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  if (Number.isNaN(start) || Number.isNaN(end) || !window.start.includes('T') || !window.end.includes('T')) {
    throw new WearablesError('VALIDATION_ERROR', `WHOOP windows are ISO-8601 date-times, got ${window.start}..${window.end}.`, {
      hint: 'Use instants like 2025-06-01T00:00:00Z.',
    });
  }
  if (end < start) throw new WearablesError('VALIDATION_ERROR', `Window start ${window.start} is after its end ${window.end}.`, { hint: 'Pass a start before the end.' });
  return { start: new Date(start - LOOKBACK_MS).toISOString(), end: new Date(end).toISOString() };
}

function toPage(resource: string, items: readonly unknown[], context: WhoopNormalizeContext): ProviderPage {
  const records: NormalizedRecord[] = [];
  let invalid = 0;
  for (const item of items) {
    const { record, valid } = normalizeWhoopDocument(resource, item, context);
    if (!valid) invalid++;
    records.push(record);
  }
  return { records, samples: [], ...(invalid > 0 ? { invalid } : {}) };
}

function addCycles(cycles: Map<number, RecoveryCycleContext>, records: readonly unknown[]): void {
  for (const record of records) {
    if (!isObject(record)) continue;
    const { id, start, timezone_offset: offset } = record;
    if (typeof id === 'number' && typeof start === 'string' && typeof offset === 'string') cycles.set(id, { start, timezone_offset: offset });
  }
}

function missingCycleIds(records: readonly unknown[], cycles: ReadonlyMap<number, RecoveryCycleContext>): number[] {
  const ids = records.map((record) => (isObject(record) ? record.cycle_id : undefined));
  return [...new Set(ids.filter((id): id is number => typeof id === 'number' && Number.isInteger(id) && !cycles.has(id)))];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkId(kind: 'cycle' | 'sleep' | 'workout', id: string): void {
  const ok = kind === 'cycle' ? /^\d{1,19}$/.test(id) : UUID.test(id);
  if (ok) return;
  throw new WearablesError('VALIDATION_ERROR', `"${id.slice(0, 60)}" is not a WHOOP ${kind} id.`, {
    hint: kind === 'cycle' ? 'Cycle ids are integers (see list_whoop_cycles).' : `WHOOP ${kind} ids are UUIDs (see list_whoop_${kind}s).`,
  });
}

function specOf(name: string): WhoopResourceSpec {
  const spec = whoopResource(name);
  if (spec) return spec;
  throw new WearablesError('VALIDATION_ERROR', `WHOOP has no resource "${name}".`, { hint: 'Use one of the WHOOP resource names.' });
}

function joinUrl(baseUrl: string, path: string): URL {
  return new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
}

function withSignal(context: FetchContext): { signal?: AbortSignal } {
  return context.signal ? { signal: context.signal } : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(resource: string): WearablesError {
  return new WearablesError('UPSTREAM_ERROR', `WHOOP answered ${resource} with an unexpected shape.`, {
    hint: 'Retry later; if it persists the WHOOP API changed — please report it.',
    isRetryable: true,
  });
}
