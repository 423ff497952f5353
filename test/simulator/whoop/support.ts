/** Helpers of the WHOOP simulator tests: spec checker, authorized GETs, full list walks. */
import type { StartedSimulator } from '../../../src/simulator/index.js';
import { readSharedJson } from '../../support/shared.js';
import { SchemaChecker, successSchema, type OpenApiSpec, type Schema } from '../support/openapi.js';

let spec: OpenApiSpec | undefined;

/** The WHOOP spec (`../shared/specs/whoop/whoop-openapi.json`), read on first use inside `describeShared`. */
export function whoopSpec(): OpenApiSpec {
  spec ??= readSharedJson<OpenApiSpec>('specs', 'whoop', 'whoop-openapi.json');
  return spec;
}

/** A strict checker over the WHOOP spec. */
export function whoopChecker(): SchemaChecker {
  return new SchemaChecker(whoopSpec());
}

/** The 200 schema of `GET path` in the WHOOP spec. */
export function whoopSchema(path: string): Schema {
  return successSchema(whoopSpec(), path);
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** GET `${apiBaseUrl}${path}` with a bearer token. */
export async function whoopGet<T = Record<string, unknown>>(sim: StartedSimulator, path: string, token: string): Promise<Answer<T>> {
  const response = await fetch(`${sim.whoop.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

export interface WhoopPage {
  records: Array<Record<string, unknown>>;
  next_token?: string;
}

/** Every page of a list route (query without nextToken), in order. */
export async function allPages(sim: StartedSimulator, path: string, query: Record<string, string>, token: string): Promise<WhoopPage[]> {
  const pages: WhoopPage[] = [];
  let next: string | undefined;
  do {
    const params = new URLSearchParams({ ...query, ...(next ? { nextToken: next } : {}) });
    const answer = await whoopGet<WhoopPage>(sim, `${path}?${params}`, token);
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
    pages.push(answer.body);
    next = answer.body.next_token;
  } while (next);
  return pages;
}
