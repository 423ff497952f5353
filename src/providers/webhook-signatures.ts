/** Shared helpers for webhook signature checks: HMAC-SHA256, constant-time compare, timestamps. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookOutcome } from './webhook-capability.js';

/** HMAC-SHA256 of `message` under `secret`, in `encoding`. */
export function hmacSha256(secret: string, message: string, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest(encoding);
}

/** Constant-time string equality (over SHA-256 digests, so lengths do not leak either). */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/**
 * Parses a delivery timestamp: epoch seconds, epoch milliseconds (13+ digits) or ISO-8601.
 * Returns epoch ms, or undefined when unreadable.
 */
export function parseDeliveryTimestamp(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    return text.split('.')[0]!.length >= 13 ? number : number * 1000;
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Whether `timestampMs` lies within `toleranceMs` of `now` (either side). */
export function isFresh(timestampMs: number, now: number, toleranceMs: number): boolean {
  return Math.abs(now - timestampMs) <= toleranceMs;
}

/**
 * Marks an accepted signed delivery with the time it was signed (`timestamp`, the signed
 * timestamp header), so the receiver remembers it and refuses a replay inside the window.
 */
export function withSignedAt(outcome: WebhookOutcome, timestamp: string | null): WebhookOutcome {
  if (outcome.kind !== 'accepted') return outcome;
  const signedAt = parseDeliveryTimestamp(timestamp);
  return signedAt === undefined ? outcome : { ...outcome, signedAt };
}
