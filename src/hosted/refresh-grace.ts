/**
 * A short grace for rotating refresh tokens. oidc-provider rotates the refresh token on every use
 * and, rightly, treats a second use of a spent one as theft (the whole grant is revoked). A client
 * whose answer was lost on the way (a dropped connection, a retry by a proxy) would lose its grant
 * that way, so for `graceSeconds` after a refresh the same request answers the same new pair:
 * the answer is kept sealed under the spent refresh token (sealed.ts; only its holder can read
 * it), and refreshes of one token are serialised by a transaction-scoped advisory lock, so two
 * retries racing each other get one answer too. After the grace, reuse is theft again.
 */
import type { Pool } from 'pg';
import type Provider from 'oidc-provider';
import { ENDPOINTS } from './authorization-server.js';
import { keyOf, seal, unseal, type SealedValue } from './sealed.js';

const BODY_LIMIT = 56 * 1024;
const PURPOSE = 'refresh reply';

interface KoaLike {
  path: string;
  method: string;
  status: number;
  body: unknown;
  req: NodeJS.ReadableStream & { body?: unknown; headers: Record<string, string | string[] | undefined> };
  set(field: string, value: string): void;
  type: string;
  oidc?: { entities?: { RefreshToken?: { accountId?: string } } };
}

async function readForm(req: KoaLike['req']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > BODY_LIMIT) throw new Error('request entity too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Installs the grace on the token endpoint (before the library's own handling). */
export function installRefreshGrace(provider: Provider, pool: Pool, graceSeconds: number): void {
  provider.use(async (ctx: KoaLike, next: () => Promise<void>) => {
    const form = ctx.path === ENDPOINTS.token && ctx.method === 'POST' && String(ctx.req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    if (!form) return next();
    const raw = await readForm(ctx.req);
    // The library reads an already-consumed body from req.body.
    ctx.req.body = raw;
    const params = new URLSearchParams(raw);
    const refreshToken = params.get('refresh_token');
    if (params.get('grant_type') !== 'refresh_token' || !refreshToken) return next();
    const key = keyOf(refreshToken);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`refresh ${key}`]);
      const kept = await client.query<{ reply: SealedValue }>('SELECT reply FROM hosted_refresh_replies WHERE key = $1 AND expires_at > now()', [key]);
      const row = kept.rows[0];
      const reply = row ? unseal(refreshToken, PURPOSE, row.reply) : undefined;
      if (reply && typeof reply === 'object') {
        await client.query('COMMIT');
        ctx.status = 200;
        ctx.type = 'application/json';
        ctx.set('Cache-Control', 'no-store');
        ctx.body = reply;
        return;
      }
      await next();
      const answer = ctx.body as { refresh_token?: unknown } | undefined;
      if (ctx.status === 200 && answer && typeof answer.refresh_token === 'string' && answer.refresh_token !== refreshToken) {
        await client.query(
          `INSERT INTO hosted_refresh_replies (key, account_id, reply, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
           ON CONFLICT (key) DO UPDATE SET reply = EXCLUDED.reply, expires_at = EXCLUDED.expires_at`,
          [key, ctx.oidc?.entities?.RefreshToken?.accountId ?? null, seal(refreshToken, PURPOSE, answer), graceSeconds],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  });
}
