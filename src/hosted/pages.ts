/**
 * The server-rendered pages of the hosted sign-in: plain HTML and one form, no script, so they
 * work in any browser a connector opens (and with JavaScript off).
 */
import type { Context } from 'hono';

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5}' +
  'a.provider,button{display:block;margin:.6rem 0;padding:.7rem 1rem;border:1px solid #888;border-radius:.4rem;text-decoration:none;color:inherit;background:none;font:inherit;width:100%;text-align:left;cursor:pointer}' +
  '.muted{color:#666;font-size:.9rem}';

/** A whole page; `body` is HTML already escaped by the caller. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · wearables-mcp</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** The sign-in choice: one plain link per provider, its href naming the provider id. */
export function signInPage(uid: string, clientName: string, providers: ReadonlyArray<{ id: string; displayName: string }>): string {
  const links = providers
    .map((provider) => `<a class="provider" href="/sign-in/${encodeURIComponent(uid)}/provider/${encodeURIComponent(provider.id)}">Sign in with ${escapeHtml(provider.displayName)}</a>`)
    .join('');
  return page(
    'Sign in',
    `<p><strong>${escapeHtml(clientName)}</strong> wants to read your wearable data on this server. Sign in with the account of one of your devices; it identifies you here.</p>${links}<p class="muted">Your data stays on this server; the app you are connecting gets access only to what you approve next.</p>`,
  );
}

/** The consent step: the client's name and where it sends you back to. */
export function consentPage(uid: string, clientName: string, redirectHost: string, connected: readonly string[]): string {
  const sources = connected.length > 0 ? `<p>Connected sources: ${connected.map(escapeHtml).join(', ')}.</p>` : '';
  return page(
    'Allow access?',
    `<p><strong>${escapeHtml(clientName)}</strong> (returning to <strong>${escapeHtml(redirectHost)}</strong>) asks to read your wearable data and to sync it.</p>${sources}` +
      `<form method="post" action="/sign-in/${encodeURIComponent(uid)}/consent"><button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

/** A failure the person can act on. */
export function problemPage(title: string, detail: string): string {
  return page(title, `<p>${escapeHtml(detail)}</p><p class="muted">Start again from the app you were connecting.</p>`);
}

/** Answers a page with the headers every page here carries (no caching, no framing, no script). */
export function htmlPage(c: Context, status: 200 | 400 | 403 | 404 | 409 | 502, body: string): Response {
  c.header('Cache-Control', 'no-store');
  c.header('X-Frame-Options', 'DENY');
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  return c.html(body, status);
}
