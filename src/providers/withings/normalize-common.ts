/** Small pure helpers shared by the Withings normalizers. */
import type { NormalizedRecord } from '../../core/types.js';

/** What a normalizer returns for one document; `null` when the document did not match its schema. */
export type Normalized = NormalizedRecord | null;

/** An epoch-seconds timestamp as ISO-8601 UTC, or null. */
export function isoFromEpoch(seconds: number | null | undefined): string | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
}

/** `undefined` → `null`, so every canonical field is present and JSON-stable. */
export function orNull<T>(value: T | null | undefined): T | null {
  return value ?? null;
}

/** A finite number from an untyped field, else null. */
export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Builds the record with the provider and resource filled in. */
export function withingsRecord(resource: string, core: Omit<NormalizedRecord, 'provider' | 'resource'>): NormalizedRecord {
  return { provider: 'withings', resource, ...core };
}
