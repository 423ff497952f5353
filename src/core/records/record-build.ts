/**
 * Building canonical records: the few places where a normalizer's output becomes a whole
 * record. Each keeps a record's `kind` and `data` paired (TypeScript cannot follow that pairing
 * through a spread of a union, hence the narrow casts here and nowhere else).
 */
import { WearablesError } from '../errors.js';
import type { ProviderId } from '../types.js';
import type {
  KindCore,
  KindRecord,
  NormalizedRecord,
  RecordCore,
  RecordDataByKind,
  RecordKind,
  RecordPlacement,
  UnreadableData,
} from './record.js';

/** The source of a record: which provider and resource it came from, and its untouched payload. */
export interface RecordSource {
  provider: ProviderId;
  resource: string;
  raw: unknown;
}

/** The whole record from what a normalizer filled and where the document came from. */
export function completeRecord(core: RecordCore, source: RecordSource): NormalizedRecord {
  return { ...core, ...source } as NormalizedRecord;
}

/** A record of `kind` from its placement, its `data` and its source, in one typed step. */
export function kindRecord<K extends RecordKind>(kind: K, placement: RecordPlacement, data: RecordDataByKind[K], source: RecordSource): KindRecord<K> {
  return { ...placement, ...source, kind, data } as KindRecord<K>;
}

/** A normalizer's output whose `data` also names the fields that failed the schema (left out). */
export function withSchemaMismatch(core: RecordCore, fields: string[]): RecordCore {
  return { ...core, data: { ...core.data, schema_mismatch_fields: fields } } as RecordCore;
}

/** The record of a document too broken to normalize beyond its identity. */
export function unreadableCore(placement: RecordPlacement, fields: string[]): RecordPlacement & { kind: 'unreadable'; data: UnreadableData } {
  return { ...placement, kind: 'unreadable', data: { schema_mismatch_fields: fields.length > 0 ? fields : ['(document)'] } };
}

/**
 * The `data` of a record known to be of `kind` (a record of another kind is a bug of the caller:
 * it asked a resource for a kind the resource does not declare).
 */
export function dataOf<K extends RecordKind>(record: NormalizedRecord | KindCore<RecordKind> | RecordCore, kind: K): RecordDataByKind[K] {
  if (record.kind !== kind) {
    throw new WearablesError('INTERNAL_ERROR', `Expected a ${kind} record, got ${record.kind}.`, {
      hint: 'Read the resource whose declared record kind is the one asked for.',
    });
  }
  return record.data as RecordDataByKind[K];
}
