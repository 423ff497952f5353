/**
 * Signed deliveries already accepted, so a replay inside the freshness window is refused. A
 * delivery is identified by its provider, signing time and exact body (the signature covers
 * both, so a sender cannot vary one without re-signing). Entries expire when the window closes,
 * after which the timestamp check refuses the delivery anyway; the table is bounded, and when
 * it is full of live entries new deliveries are refused (the provider retries) rather than
 * forgetting one that could then be replayed.
 */
import { createHash } from 'node:crypto';

export type SeenVerdict = 'new' | 'replay' | 'full';

export interface SeenDeliveries {
  /** Records the delivery unless it was seen; `now` and `expiresAt` in epoch ms. */
  remember(key: string, expiresAt: number, now: number): SeenVerdict;
  /** Live entries right now (tests, health). */
  size(): number;
}

/** The cache key of a signed delivery. */
export function deliveryKey(provider: string, signedAt: number, body: string): string {
  return createHash('sha256').update(`${provider}\n${signedAt}\n`, 'utf8').update(body, 'utf8').digest('base64url');
}

/** Creates the table (default at most 10,000 live entries). */
export function createSeenDeliveries(options: { max?: number } = {}): SeenDeliveries {
  const max = options.max ?? 10_000;
  const entries = new Map<string, number>();
  const sweep = (now: number) => {
    for (const [key, expiresAt] of entries) if (expiresAt <= now) entries.delete(key);
  };
  return {
    remember(key, expiresAt, now) {
      const known = entries.get(key);
      if (known !== undefined && known > now) return 'replay';
      if (entries.size >= max) sweep(now);
      if (entries.size >= max) return 'full';
      entries.set(key, expiresAt);
      return 'new';
    },
    size: () => entries.size,
  };
}
