/** Helpers of the WHOOP simulator tests: spec checker, authorized GETs, full list walks. */
import { readFileSync } from 'node:fs';
import type { StartedSimulator } from '../../../src/simulator/index.js';
import { SchemaChecker, successSchema, type OpenApiSpec, type Schema } from '../support/openapi.js';

export const WHOOP_SPEC_PATH = '/work/shared/specs/whoop/whoop-openapi.json';
export const whoopSpec = JSON.parse(readFileSync(WHOOP_SPEC_PATH, 'utf8')) as OpenApiSpec;
export const whoopChecker = new SchemaChecker(whoopSpec);

/** The 200 schema of `GET path` in the WHOOP spec. */
export function whoopSchema(path: string): Schema {
  return successSchema(whoopSpec, path);
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
