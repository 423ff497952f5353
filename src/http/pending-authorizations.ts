/**
 * Server-side state of browser sign-ins: the PKCE verifier and redirect URI per `state`, and
 * single-use tickets that let a browser open `/oauth/<provider>/authorize` without sending the
 * bearer token. Everything expires (default 10 minutes) and is used at most once.
 */
import { randomBytes } from 'node:crypto';
import type { ProviderId } from '../core/types.js';
import { registerSecret } from '../logging/secrets.js';

export interface PendingAuthorization {
  provider: ProviderId;
  codeVerifier: string;
  redirectUri: string;
  expiresAt: number;
}

export interface PendingAuthorizations {
  /** Remembers a sign-in under `state`. */
  add(state: string, entry: Omit<PendingAuthorization, 'expiresAt'>): void;
  /** Removes and returns the sign-in for `state` if it exists and has not expired. */
  take(state: string): PendingAuthorization | undefined;
  /** Issues a single-use ticket for opening the authorize URL of `provider`. */
  issueTicket(provider: ProviderId): string;
  /** Consumes a ticket; true when it was valid for `provider`. */
  redeemTicket(ticket: string, provider: ProviderId): boolean;
}

/** Creates the in-memory table (bounded: the oldest entries go first). */
export function createPendingAuthorizations(options: { ttlMs?: number; max?: number; now?: () => number } = {}): PendingAuthorizations {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const max = options.max ?? 100;
  const now = options.now ?? Date.now;
  const states = new Map<string, PendingAuthorization>();
  const tickets = new Map<string, { provider: ProviderId; expiresAt: number }>();
  const bound = <T>(map: Map<string, T>) => {
    while (map.size > max) map.delete(map.keys().next().value as string);
  };
  return {
    add(state, entry) {
      states.set(state, { ...entry, expiresAt: now() + ttlMs });
      bound(states);
    },
    take(state) {
      const entry = states.get(state);
      states.delete(state);
      return entry && entry.expiresAt > now() ? entry : undefined;
    },
    issueTicket(provider) {
      const ticket = randomBytes(24).toString('base64url');
      registerSecret(ticket);
      tickets.set(ticket, { provider, expiresAt: now() + ttlMs });
      bound(tickets);
      return ticket;
    },
    redeemTicket(ticket, provider) {
      const entry = tickets.get(ticket);
      tickets.delete(ticket);
      return entry !== undefined && entry.provider === provider && entry.expiresAt > now();
    },
  };
}
