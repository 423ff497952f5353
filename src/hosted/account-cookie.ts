/**
 * The account page's own session: a cookie naming the account and its expiry, signed with a key
 * derived from the server secret (HMAC-SHA256), HttpOnly, SameSite=Lax, Secure over https. Set
 * when a browser finishes a provider sign-in; checked against the account still existing.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { ACCOUNT_ID_PATTERN } from '../store/database.js';

export const ACCOUNT_COOKIE = 'wm_account';
/** Binds a provider sign-in started on the account page to the browser that started it. */
export const NONCE_COOKIE = 'wm_signin';

export interface AccountCookies {
  /** The signed-in account of this browser, if any (signature and expiry checked). */
  accountOf(c: Context): string | undefined;
  signIn(c: Context, accountId: string): void;
  signOut(c: Context): void;
  /** A fresh nonce cookie for a provider sign-in; returns the nonce. */
  startNonce(c: Context): string;
  /** The nonce of this browser, if any. */
  nonceOf(c: Context): string | undefined;
}

export function createAccountCookies(secret: Buffer, options: { secure: boolean; ttlSeconds?: number; now?: () => number }): AccountCookies {
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'wearables-mcp hosted account cookie', 32));
  const ttl = options.ttlSeconds ?? 86_400;
  const now = options.now ?? Date.now;
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  const base = { httpOnly: true, sameSite: 'Lax' as const, secure: options.secure, path: '/' };
  return {
    accountOf(c) {
      const value = getCookie(c, ACCOUNT_COOKIE) ?? '';
      const [id, expires, signature] = value.split('.');
      if (!id || !expires || !signature || !ACCOUNT_ID_PATTERN.test(id) || !/^\d{1,12}$/.test(expires)) return undefined;
      const expected = Buffer.from(mac(`${id}.${expires}`));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      return Number(expires) * 1000 > now() ? id : undefined;
    },
    signIn(c, accountId) {
      const expires = Math.floor(now() / 1000) + ttl;
      setCookie(c, ACCOUNT_COOKIE, `${accountId}.${expires}.${mac(`${accountId}.${expires}`)}`, { ...base, maxAge: ttl });
    },
    signOut(c) {
      deleteCookie(c, ACCOUNT_COOKIE, base);
    },
    startNonce(c) {
      const nonce = randomBytes(24).toString('base64url');
      setCookie(c, NONCE_COOKIE, nonce, { ...base, maxAge: 600 });
      return nonce;
    },
    nonceOf(c) {
      const value = getCookie(c, NONCE_COOKIE);
      return value && /^[A-Za-z0-9_-]{32}$/.test(value) ? value : undefined;
    },
  };
}
