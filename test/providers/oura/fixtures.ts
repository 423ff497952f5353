/**
 * Loads the recorded Oura responses of `../shared/specs/oura/samples/` (real Oura API v2 responses
 * recorded in Dec 2024 by tgrk/ex_oura, trimmed to 1-3 records; see that folder). Call these only
 * inside `describeShared`.
 */
import { readSharedJson } from '../../support/shared.js';

export interface RecordedResponse {
  request: { method: string; url: string };
  status: number;
  body_trimmed: { data: Array<Record<string, unknown>>; next_token: string | null };
}

/** A recorded list response by file name (without `.json`). */
export function recorded(name: string): RecordedResponse {
  return readSharedJson<RecordedResponse>('specs', 'oura', 'samples', `${name}.json`);
}

/** The first recorded document of a list response, as a fresh copy. */
export function firstDocument(name: string): Record<string, unknown> {
  const document = recorded(name).body_trimmed.data[0];
  if (!document) throw new Error(`fixture ${name} has no documents`);
  return structuredClone(document);
}

/** The recorded error / single-document examples keyed by case name. */
export function recordedExample(name: string): { request: { method: string; url: string }; status: number; body: unknown } {
  const all = readSharedJson<Record<string, { request: { method: string; url: string }; status: number; body: unknown }>>(
    'specs',
    'oura',
    'samples',
    'errors-and-webhook-subscription-examples.json',
  );
  const example = all[name];
  if (!example) throw new Error(`no recorded example ${name}`);
  return example;
}
