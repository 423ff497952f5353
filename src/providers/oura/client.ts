/**
 * Fetching Oura collections: builds list URLs with the spec's parameter names, follows
 * `next_token` to the end, validates the envelope and normalizes each page.
 *
 * Windows are half-open `[start, end)`. Oura's `end_date` is not a clean bound: day collections
 * are filtered on each document's `timestamp`, which is local midnight for some (readiness,
 * sleep) and 04:00 for daily_activity, while a date-only `end_date` means midnight — so the last
 * day is included for some collections and not for others. We therefore send
 * `end_date = window.end` (one day past the last wanted day, which covers either reading) and
 * keep only documents whose local `day` lies in `[start, end)`, so every document belongs to
 * exactly one window (the sync engine reconciles deletions per window). Heart rate uses
 * `start_datetime`/`end_datetime` and the same half-open filter on sample timestamps.
 */
import { WearablesError } from '../../core/errors.js';
import type { NormalizedRecord, Sample, TimeWindow } from '../../core/types.js';
import type { FetchContext, ProviderPage, ResourceSpec } from '../provider.js';
import type { ReportedZone } from '../reported-zone.js';
import { inPersonZone, lacksOffsets, learnOffsets, noteOffsets } from './person-zone.js';
import { ouraResource, type OuraResourceSpec } from './resources.js';
import { ouraPageSchema } from './schema.js';
import { normalizeOuraDocument, normalizeOuraHeartRate } from './normalize.js';
import { splitWindow } from '../windows.js';

/** Safety stop against a server that keeps sending next tokens. */
const MAX_PAGES = 10_000;

/** Fetches every page of `resource` in `window` (chunked to the resource's `maxWindowDays`). */
export async function* fetchOuraWindow(
  apiBaseUrl: string,
  resource: ResourceSpec,
  window: TimeWindow,
  context: FetchContext,
  zone?: ReportedZone<string>,
): AsyncGenerator<ProviderPage> {
  const spec = ouraResource(resource.name);
  if (!spec) {
    throw new WearablesError('VALIDATION_ERROR', `Oura has no resource "${resource.name}".`, { hint: 'Use one of the Oura resource names.' });
  }
  if (spec.path.endsWith('/personal_info')) {
    yield await fetchPersonalInfo(apiBaseUrl, spec, context);
    return;
  }
  const chunks = spec.windowing === 'none' ? [null] : splitWindow(window, spec.windowing, spec.maxWindowDays);
  const activity = ouraResource('daily_activity');
  let learned = false;
  for (const chunk of chunks) {
    for await (const page of fetchPages(apiBaseUrl, spec, chunk, context)) {
      if (!zone) {
        yield page;
        continue;
      }
      noteOffsets(page, zone);
      // At most one extra request per call, and only while the person's offset is unknown.
      if (!learned && zone.latest() === null && chunk && activity && spec !== activity && spec.windowing === 'day' && lacksOffsets(page)) {
        learned = true;
        await learnOffsets(fetchPages(apiBaseUrl, activity, chunk, context), zone);
      }
      yield inPersonZone(page, zone);
    }
  }
}

/** The cheapest authenticated call: `personal_info` (one small object, no paging). */
export async function probeOura(apiBaseUrl: string, context: FetchContext): Promise<void> {
  await context.http.getJson(joinUrl(apiBaseUrl, '/v2/usercollection/personal_info'), withSignal(context));
}

/** `personal_info` is a single object, not a list envelope. */
async function fetchPersonalInfo(apiBaseUrl: string, spec: OuraResourceSpec, context: FetchContext): Promise<ProviderPage> {
  const { body } = await context.http.getJson(joinUrl(apiBaseUrl, spec.path), withSignal(context));
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformed(spec.name);
  const outcome = normalizeOuraDocument(spec.name, body);
  return { records: [outcome.record], samples: [], ...(outcome.valid ? {} : { invalid: 1 }) };
}

async function* fetchPages(
  apiBaseUrl: string,
  spec: OuraResourceSpec,
  window: TimeWindow | null,
  context: FetchContext,
): AsyncGenerator<ProviderPage> {
  const seenTokens = new Set<string>();
  let nextToken: string | null = null;
  for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
    const url = listUrl(apiBaseUrl, spec, window, nextToken);
    const { body } = await context.http.getJson(url, withSignal(context));
    const page = ouraPageSchema.safeParse(body);
    if (!page.success) throw malformed(spec.name);
    yield toProviderPage(spec, window, page.data.data);
    nextToken = page.data.next_token ?? null;
    if (!nextToken) return;
    if (seenTokens.has(nextToken)) {
      throw new WearablesError('UPSTREAM_ERROR', `Oura repeated a page token while listing ${spec.name}.`, {
        hint: 'Retry later; if it persists, report it.',
        isRetryable: true,
      });
    }
    seenTokens.add(nextToken);
  }
  throw new WearablesError('UPSTREAM_ERROR', `Oura kept paging ${spec.name} past ${MAX_PAGES} pages.`, { isRetryable: true });
}

/** The list URL for one request: window parameters by windowing kind, plus the page token. */
export function listUrl(apiBaseUrl: string, spec: OuraResourceSpec, window: TimeWindow | null, nextToken: string | null): URL {
  const url = joinUrl(apiBaseUrl, spec.path);
  if (window && spec.windowing === 'day') {
    url.searchParams.set('start_date', window.start);
    url.searchParams.set('end_date', window.end);
  } else if (window && spec.windowing === 'datetime') {
    url.searchParams.set('start_datetime', window.start);
    url.searchParams.set('end_datetime', window.end);
  }
  if (nextToken) url.searchParams.set('next_token', nextToken);
  return url;
}

function toProviderPage(spec: OuraResourceSpec, window: TimeWindow | null, items: readonly unknown[]): ProviderPage {
  if (spec.kind === 'series') {
    const { samples, invalid } = normalizeOuraHeartRate(items);
    const kept = window ? samples.filter(inInstantWindow(window)) : samples;
    return { records: [], samples: kept, ...(invalid > 0 ? { invalid } : {}) };
  }
  const records: NormalizedRecord[] = [];
  let invalid = 0;
  for (const item of items) {
    const { record, valid } = normalizeOuraDocument(spec.name, item);
    if (!valid) invalid++;
    if (window && spec.windowing === 'day' && record.day !== null && !(record.day >= window.start && record.day < window.end)) continue;
    records.push(record);
  }
  return { records, samples: [], ...(invalid > 0 ? { invalid } : {}) };
}

function inInstantWindow(window: TimeWindow): (sample: Sample) => boolean {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  return (sample) => sample.ts >= start && sample.ts < end;
}

function joinUrl(baseUrl: string, path: string): URL {
  return new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
}

function withSignal(context: FetchContext): { signal?: AbortSignal } {
  return context.signal ? { signal: context.signal } : {};
}

function malformed(resource: string): WearablesError {
  return new WearablesError('UPSTREAM_ERROR', `Oura answered ${resource} with an unexpected shape.`, {
    hint: 'Retry later; if it persists the Oura API changed — please report it.',
    isRetryable: true,
  });
}
