/** Small pure helpers shared by the Withings normalizers. */
import { kindRecord } from '../../core/records/record-build.js';
import type { KindRecord, RecordDataByKind, RecordKind, RecordPlacement } from '../../core/records/record.js';

/** What a normalizer returns for one document (a record of kind `K`); `null` when the document did not match its schema. */
export type Normalized<K extends RecordKind = RecordKind> = { [P in K]: KindRecord<P> }[K] | null;

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

/** Builds the record of `kind` with the provider and resource filled in. */
export function withingsRecord<K extends RecordKind>(
  resource: string,
  kind: K,
  core: RecordPlacement & { data: RecordDataByKind[K]; raw: unknown },
): KindRecord<K> {
  const { data, raw, ...placement } = core;
  return kindRecord(kind, placement, data, { provider: 'withings', resource, raw });
}
