/**
 * `/v2/usercollection/*` (and the `/v2/sandbox/usercollection/*` aliases): Bearer auth, a
 * per-minute budget, date-window filtering (see `query.ts` for the `end_date` convention),
 * `{ data, next_token }` paging and single-document routes.
 */
import { Hono } from 'hono';
import { localDay } from '../time.js';
import { rateLimitHeaders } from '../rate-limit.js';
import { renderHeartRate, renderPersonalInfo } from './render-other.js';
import { afterCursor, decodeCursor, encodeCursor, type Cursor } from './paging.js';
import { inWindow, parseDateWindow, parseHeartRateWindow, QueryError } from './query.js';
import { OURA_COLLECTIONS, type OuraCollection } from './types.js';
import type { OuraContext } from './context.js';

const UNAUTHORIZED: Record<string, string> = {
  missing: 'Missing access token.',
  unknown: 'Invalid access token.',
  expired: 'Access token expired.',
  revoked: 'Access token revoked.',
};

function isCollection(name: string): name is OuraCollection {
  return (OURA_COLLECTIONS as readonly string[]).includes(name);
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function pick(params: URLSearchParams, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = params.get(name);
    if (value !== null && value !== '') out[name] = value;
  }
  return out;
}

function selectFields(doc: Record<string, unknown>, fields: string | null): Record<string, unknown> {
  if (!fields) return doc;
  const wanted = new Set(['id', ...fields.split(',').map((f) => f.trim()).filter(Boolean)]);
  return Object.fromEntries(Object.entries(doc).filter(([key]) => wanted.has(key)));
}

/** The data routes for one Oura context. */
export function createOuraDataRoutes(ctx: OuraContext): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    ctx.counters.dataRequests += 1;
    const limit = ctx.rateLimiter.hit(ctx.clock.nowMs());
    const headers = rateLimitHeaders(limit);
    if (!limit.allowed) {
      return c.json({ detail: 'Rate limit exceeded.' }, 429, { ...headers, 'Retry-After': String(limit.resetSeconds) });
    }
    const check = ctx.tokens.checkAccess(bearer(c.req.header('authorization')));
    if (!check.ok) {
      ctx.counters.unauthorized += 1;
      return c.json({ detail: UNAUTHORIZED[check.reason] ?? 'Unauthorized' }, 401, {
        ...headers,
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });

  app.onError((error, c) => {
    if (error instanceof QueryError) return c.json(error.body, error.status);
    throw error;
  });

  app.get('/personal_info', (c) => c.json(renderPersonalInfo(ctx.person.profile)));

  app.get('/heartrate', (c) => {
    const now = ctx.clock.nowMs();
    const params = new URL(c.req.url).searchParams;
    const cursor = cursorFrom(params, 'heartrate');
    if (cursor === false) return c.json({ detail: 'Invalid next_token.' }, 400);
    const q = cursor?.q ?? pick(params, ['start_datetime', 'end_datetime', 'latest']);
    const { fromMs, toMs } = parseHeartRateWindow(new URLSearchParams(q), now);
    let samples = ctx.store.heartRate(fromMs, toMs, now).filter((s) => afterCursor(cursor, s.ms, ''));
    if (q.latest === 'true') samples = samples.slice(-1);
    const page = samples.slice(0, ctx.config.heartRatePageSize);
    const last = page[page.length - 1];
    const nextToken = samples.length > page.length && last ? encodeCursor({ c: 'heartrate', q, t: last.ms, i: '' }) : null;
    const fields = params.get('fields');
    return c.json({ data: page.map((s) => selectFields(renderHeartRate(s, ctx.config.shape), fields)), next_token: nextToken });
  });

  app.get('/:collection', (c) => {
    const collection = c.req.param('collection');
    if (!isCollection(collection)) return c.json({ detail: 'Not Found' }, 404);
    const now = ctx.clock.nowMs();
    const params = new URL(c.req.url).searchParams;
    const cursor = cursorFrom(params, collection);
    if (cursor === false) return c.json({ detail: 'Invalid next_token.' }, 400);
    let docs = ctx.store.visible(collection, now);
    const q = cursor?.q ?? pick(params, ['start_date', 'end_date']);
    if (collection !== 'ring_configuration') {
      const today = localDay(now, ctx.person.offsetAt(now));
      const window = parseDateWindow(new URLSearchParams(q), today);
      docs = docs.filter((d) => inWindow(window, d.filterWall, d.sortMs));
    }
    docs = docs.filter((d) => afterCursor(cursor, d.sortMs, d.id));
    const page = docs.slice(0, ctx.config.pageSize);
    const last = page[page.length - 1];
    const nextToken = docs.length > page.length && last ? encodeCursor({ c: collection, q, t: last.sortMs, i: last.id }) : null;
    const fields = params.get('fields');
    return c.json({ data: page.map((d) => selectFields(ctx.store.render(d, now), fields)), next_token: nextToken });
  });

  app.get('/:collection/:id', (c) => {
    const collection = c.req.param('collection');
    if (!isCollection(collection)) return c.json({ detail: 'Not Found' }, 404);
    const now = ctx.clock.nowMs();
    const doc = ctx.store.find(collection, c.req.param('id'));
    if (!doc || !ctx.store.isVisible(doc, now)) return c.json({ detail: 'Document not found.' }, 404);
    return c.json(ctx.store.render(doc, now));
  });

  return app;
}

/** The decoded `next_token` (null when absent, false when invalid). */
function cursorFrom(params: URLSearchParams, collection: string): Cursor | null | false {
  const token = params.get('next_token');
  if (token === null || token === '') return null;
  return decodeCursor(token, collection) ?? false;
}
