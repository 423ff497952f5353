/**
 * Dynamic registration for apps on a device: a client that registers a custom-scheme redirect
 * URI (`cursor://…/callback`) without saying `application_type` is registered as `native` (RFC 7591
 * defaults to `web`, which allows only http(s) redirect URIs, and such clients rarely send it).
 * Nothing else of the request changes; the library validates the result as usual.
 */
import type Provider from 'oidc-provider';
import { ENDPOINTS } from './authorization-server.js';

const BODY_LIMIT = 56 * 1024;

interface KoaLike {
  path: string;
  method: string;
  req: NodeJS.ReadableStream & { body?: unknown; headers: Record<string, string | string[] | undefined> };
}

export function installRegistrationDefaults(provider: Provider): void {
  provider.use(async (ctx: KoaLike, next: () => Promise<void>) => {
    const json = ctx.path === ENDPOINTS.registration && ctx.method === 'POST' && String(ctx.req.headers['content-type'] ?? '').startsWith('application/json');
    if (!json) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > BODY_LIMIT) throw new Error('request entity too large');
      chunks.push(buffer);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const metadata = body as Record<string, unknown>;
      const uris = Array.isArray(metadata.redirect_uris) ? metadata.redirect_uris : [];
      const customScheme = uris.some((uri) => typeof uri === 'string' && URL.canParse(uri) && !['http:', 'https:'].includes(new URL(uri).protocol));
      if (metadata.application_type === undefined && customScheme) metadata.application_type = 'native';
      ctx.req.body = JSON.stringify(metadata);
    } else ctx.req.body = raw;
    return next();
  });
}
