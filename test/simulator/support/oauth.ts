/** OAuth helpers for simulator tests: the PKCE authorization-code flow over real HTTP. */
import { createHash, randomBytes } from 'node:crypto';
import type { StartedSimulator } from '../../../src/simulator/index.js';

export const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Calls /oauth/authorize (no redirect following) and returns the redirect target. */
export async function authorize(sim: StartedSimulator, params: Record<string, string>): Promise<{ status: number; location: URL | null; body: string }> {
  const url = new URL(`${sim.oura.authBaseUrl}/oauth/authorize`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  return { status: response.status, location: location ? new URL(location) : null, body: await response.text() };
}

/** A standard authorize request with PKCE. */
export function authorizeParams(sim: StartedSimulator, p: Pkce, state = 'state-123'): Record<string, string> {
  return {
    response_type: 'code',
    client_id: sim.clientId,
    redirect_uri: REDIRECT_URI,
    state,
    scope: 'email personal daily heartrate workout tag session spo2Daily',
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  };
}

/** POST /oauth/token with form params; client auth via Basic (default) or the body. */
export async function token(
  sim: StartedSimulator,
  form: Record<string, string>,
  auth: 'basic' | 'post' | 'none' = 'basic',
  secret = sim.clientSecret,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams(form);
  if (auth === 'basic') headers.authorization = `Basic ${Buffer.from(`${sim.clientId}:${secret}`).toString('base64')}`;
  if (auth === 'post') {
    body.set('client_id', sim.clientId);
    body.set('client_secret', secret);
  }
  const response = await fetch(`${sim.oura.authBaseUrl}/oauth/token`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Runs the whole flow and returns the token response. */
export async function grant(sim: StartedSimulator): Promise<{ access_token: string; refresh_token: string; expires_in: number }> {
  const p = pkce();
  const auth = await authorize(sim, authorizeParams(sim, p));
  const code = auth.location?.searchParams.get('code');
  if (!code) throw new Error(`authorize failed: ${auth.status} ${auth.location?.toString() ?? auth.body}`);
  const result = await token(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: p.verifier });
  if (result.status !== 200) throw new Error(`token failed: ${JSON.stringify(result.body)}`);
  return result.body as { access_token: string; refresh_token: string; expires_in: number };
}

/** GET an API path with a bearer token; returns status, headers and raw text. */
export async function api(sim: StartedSimulator, path: string, bearer: string | null): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${sim.oura.apiBaseUrl}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** GET an API path and parse JSON. */
export async function apiJson<T = Record<string, unknown>>(sim: StartedSimulator, path: string, bearer: string | null): Promise<{ status: number; headers: Headers; body: T }> {
  const result = await api(sim, path, bearer);
  return { status: result.status, headers: result.headers, body: JSON.parse(result.text) as T };
}
