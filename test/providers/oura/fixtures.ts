/** Loads the recorded Oura responses in `fixtures/` (see fixtures/README.md). */
import { readFileSync } from 'node:fs';

export interface RecordedResponse {
  request: { method: string; url: string };
  status: number;
  body_trimmed: { data: Array<Record<string, unknown>>; next_token: string | null };
}

/** A recorded list response by file name (without `.json`). */
export function recorded(name: string): RecordedResponse {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as RecordedResponse;
}

/** The first recorded document of a list response, as a fresh copy. */
export function firstDocument(name: string): Record<string, unknown> {
  const document = recorded(name).body_trimmed.data[0];
  if (!document) throw new Error(`fixture ${name} has no documents`);
  return structuredClone(document);
}

/** The recorded error / single-document examples keyed by case name. */
export function recordedExample(name: string): { request: { method: string; url: string }; status: number; body: unknown } {
  const all = JSON.parse(readFileSync(new URL('./fixtures/errors-and-webhook-subscription-examples.json', import.meta.url), 'utf8')) as Record<
    string,
    { request: { method: string; url: string }; status: number; body: unknown }
  >;
  const example = all[name];
  if (!example) throw new Error(`no recorded example ${name}`);
  return example;
}
