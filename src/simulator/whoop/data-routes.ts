/**
 * WHOOP's v2 API under `/developer`: Bearer auth, the two request budgets with `X-RateLimit-*`
 * headers, start-filtered lists (`start` inclusive, `end` exclusive, default now) sorted by start
 * descending with `limit` (default 10, at most 25) and an opaque `nextToken`, single records, the
 * sleep and recovery of a cycle, and `DELETE /v2/user/access` (revokes the grant).
 */
import { Hono, type Context } from 'hono';
import { rngFor } from '../prng.js';
import type { WhoopContext } from './context.js';
import type { WhoopEntry } from './records.js';
import type { WhoopCollection, WhoopCycleEntry } from './types.js';

const UNAUTHORIZED: Record<string, string> = { missing: 'Missing access token.', unknown: 'Invalid access token.', expired: 'Access token expired.', revoked: 'Access token revoked.' };
const FIRST_NAMES = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie'];
const LAST_NAMES = ['Rivera', 'Chen', 'Okafor', 'Novak', 'Larsen', 'Haddad', 'Moreau', 'Silva'];

interface Cursor {
  c: string;
  q: Record<string, string>;
  t: number;
  i: string;
}

class BadRequest extends Error {}

function bearer(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? null;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(token: string, collection: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (value.c === collection && typeof value.t === 'number' && typeof value.i === 'string' && value.q && typeof value.q === 'object') {
      return value as Cursor;
    }
  } catch {
    // fall through
  }
  throw new BadRequest('Invalid nextToken.');
}

function instant(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !value.includes('T')) throw new BadRequest(`Invalid date-time: ${value}`);
  return ms;
}

/** The time a list filters and sorts on: the record's start (a recovery's: its cycle's = its sleep's start). */
function startOf(entry: WhoopEntry): number {
  return entry.startMs;
}

/** The data routes (mounted at `/whoop/developer`). */
export function createWhoopDataRoutes(ctx: WhoopContext): Hono {
  const app = new Hono();
  const { records } = ctx;

  app.use('*', async (c, next) => {
    ctx.counters.dataRequests += 1;
    const limit = ctx.limiter.hit(ctx.clock.nowMs());
    if (!limit.allowed) return c.json({ message: 'Request rejected due to rate limiting' }, 429, limit.headers);
    const check = ctx.tokens.checkAccess(bearer(c.req.header('authorization')));
    if (!check.ok) {
      ctx.counters.unauthorized += 1;
      return c.json({ message: UNAUTHORIZED[check.reason] ?? 'Invalid authorization' }, 401, { ...limit.headers, 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    await next();
    for (const [name, value] of Object.entries(limit.headers)) c.res.headers.set(name, value);
  });
  app.onError((error, c) => {
    if (error instanceof BadRequest) return c.json({ message: error.message }, 400);
    throw error;
  });

  app.get('/v2/user/profile/basic', (c) => {
    const rng = rngFor(ctx.person.seed, 'whoop-profile');
    return c.json({ user_id: records.userId, email: ctx.person.profile.email, first_name: rng.pick(FIRST_NAMES), last_name: rng.pick(LAST_NAMES) });
  });
  app.get('/v2/user/measurement/body', (c) => {
    const { heightM, weightKg, age } = ctx.person.profile;
    return c.json({ height_meter: heightM, weight_kilogram: weightKg, max_heart_rate: Math.round(208 - 0.7 * age) });
  });
  app.delete('/v2/user/access', (c) => {
    const token = bearer(c.req.header('authorization'));
    if (token) ctx.tokens.revoke(token);
    return c.body(null, 204);
  });

  app.get('/v2/cycle', listRoute(ctx, 'cycle'));
  app.get('/v2/recovery', listRoute(ctx, 'recovery'));
  app.get('/v2/activity/sleep', listRoute(ctx, 'sleep'));
  app.get('/v2/activity/workout', listRoute(ctx, 'workout'));
  app.get('/v2/cycle/:cycleId', oneRoute(ctx, 'cycle', 'cycleId'));
  app.get('/v2/cycle/:cycleId/sleep', oneRoute(ctx, 'sleep', 'cycleId', (cycle) => cycle.sleep));
  app.get('/v2/cycle/:cycleId/recovery', oneRoute(ctx, 'recovery', 'cycleId', (cycle) => cycle));
  app.get('/v2/activity/sleep/:sleepId', oneRoute(ctx, 'sleep', 'sleepId'));
  app.get('/v2/activity/workout/:workoutId', oneRoute(ctx, 'workout', 'workoutId'));
  return app;
}

/** A list route: start-filtered, newest first, `limit` and `nextToken` paging. */
function listRoute(ctx: WhoopContext, collection: WhoopCollection) {
  const { records } = ctx;
  return (c: Context): Response => {
    const now = ctx.clock.nowMs();
    const params = new URL(c.req.url).searchParams;
    const limitText = params.get('limit');
    const limit = limitText === null ? ctx.config.defaultLimit : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 25) throw new BadRequest('limit must be an integer from 1 to 25.');
    const token = params.get('nextToken');
    const cursor = token ? decodeCursor(token, collection) : null;
    const q = cursor?.q ?? Object.fromEntries(['start', 'end'].flatMap((key) => (params.get(key) ? [[key, params.get(key) as string]] : [])));
    const from = instant(q.start, Number.NEGATIVE_INFINITY);
    const to = instant(q.end, now);
    const matching = records
      .visible(collection, now)
      .filter((entry) => startOf(entry) >= from && startOf(entry) < to)
      .filter((entry) => !cursor || startOf(entry) < cursor.t || (startOf(entry) === cursor.t && String(entry.id) < cursor.i))
      .sort((a, b) => startOf(b) - startOf(a) || (String(b.id) < String(a.id) ? -1 : 1));
    const page = matching.slice(0, limit);
    const last = page[page.length - 1];
    const nextToken = matching.length > page.length && last ? encodeCursor({ c: collection, q, t: startOf(last), i: String(last.id) }) : undefined;
    return c.json({ records: page.map((entry) => records.render(collection, entry, now)), ...(nextToken ? { next_token: nextToken } : {}) });
  };
}

/** A single-record route; `pick` maps a cycle to its sleep or recovery. */
function oneRoute(ctx: WhoopContext, collection: WhoopCollection, param: string, pick?: (cycle: WhoopCycleEntry) => WhoopEntry) {
  const { records } = ctx;
  return (c: Context): Response => {
    const now = ctx.clock.nowMs();
    const id = c.req.param(param) ?? '';
    const base = records.find(pick ? 'cycle' : collection, id);
    if (!base || !records.isVisible(pick ? 'cycle' : collection, base, now)) return c.json({ message: 'No resource found' }, 404);
    const entry = pick ? pick(base as WhoopCycleEntry) : base;
    if (!records.isVisible(collection, entry, now)) return c.json({ message: 'No resource found' }, 404);
    return c.json(records.render(collection, entry, now));
  };
}
