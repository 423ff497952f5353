/**
 * The simulator serving several people: one full simulator per synthetic person (seeds `seed`,
 * `seed + 1`, ...) behind one front URL with the same paths. Each authorization request is
 * answered by the next person in turn (one person per sign-in, as if a different person had
 * logged in at the provider); every later request (code exchange, refresh, revocation, data)
 * goes to the person whose code or token it carries, so each token only ever reads its own
 * person's data. Hosted-mode tests and `serve --hosted --demo` use it to sign in distinct people.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type SimulatorOptions, type StartedSimulator } from './index.js';

export interface PersonsSimulatorOptions extends Omit<SimulatorOptions, 'port'> {
  /** How many people (2 to 16). */
  persons: number;
}

export interface StartedPersonsSimulator {
  /** The front: `http://127.0.0.1:<port>`. */
  url: string;
  /** API and auth bases of every provider at the front, by provider id. */
  endpoints: Readonly<Record<string, { apiBaseUrl: string; authBaseUrl: string }>>;
  clientId: string;
  clientSecret: string;
  /** One simulator per person, in sign-in order (person `i` answers sign-ins i, i + n, ...). */
  people: readonly StartedSimulator[];
  /** Which person answered each sign-in so far (indexes into `people`). */
  signIns: readonly number[];
  /**
   * Whether any request to the front carried `credential` (as a bearer token, or a `code`/token
   * field): lets a test prove a token of another system never reached a provider.
   */
  sawCredential(credential: string): boolean;
  close(): Promise<void>;
}

const BODY_LIMIT = 1 << 20;
const TOKEN_FIELDS = ['code', 'refresh_token', 'token', 'access_token'];

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Every string under a token-like key of a JSON answer (Withings nests them in `body`). */
function tokensIn(value: unknown, found: string[] = []): string[] {
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'access_token' || key === 'refresh_token') && typeof inner === 'string') found.push(inner);
      else tokensIn(inner, found);
    }
  }
  return found;
}

export async function startPersonsSimulator(options: PersonsSimulatorOptions): Promise<StartedPersonsSimulator> {
  if (!Number.isInteger(options.persons) || options.persons < 2 || options.persons > 16) throw new Error('persons must be 2 to 16');
  const { persons, ...rest } = options;
  const seed = rest.seed ?? 1;
  const people: StartedSimulator[] = [];
  try {
    for (let index = 0; index < persons; index++) people.push(await startSimulator({ ...rest, seed: seed + index, port: 0 }));
  } catch (error) {
    await Promise.all(people.map((person) => person.close()));
    throw error;
  }
  const owners = new Map<string, number>();
  const signIns: number[] = [];
  let next = 0;
  // Digests of every credential seen (bounded), never the values.
  const seen = new Set<string>();
  const digest = (value: string) => createHash('sha256').update(value).digest('base64url');

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://front');
      const body = request.method === 'GET' || request.method === 'HEAD' ? Buffer.alloc(0) : await readBody(request);
      const form = String(request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded') ? new URLSearchParams(body.toString('utf8')) : undefined;
      const bearer = /^Bearer\s+(\S+)/i.exec(String(request.headers.authorization ?? ''))?.[1];
      const carried = [bearer, ...TOKEN_FIELDS.flatMap((field) => [form?.get(field), url.searchParams.get(field)])].filter((value): value is string => typeof value === 'string');
      for (const value of carried) if (seen.size < 100_000) seen.add(digest(value));
      let person = carried.map((value) => owners.get(value)).find((index) => index !== undefined);
      if (person === undefined && request.method === 'GET' && url.searchParams.get('response_type') === 'code') {
        person = next++ % persons;
        signIns.push(person);
      }
      const target = people[person ?? 0] as StartedSimulator;
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (name === 'host' || name === 'content-length' || value === undefined) continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const answer = await fetch(`${target.url}${url.pathname}${url.search}`, {
        method: request.method ?? 'GET',
        headers,
        ...(body.length > 0 ? { body } : {}),
        redirect: 'manual',
      });
      const payload = Buffer.from(await answer.arrayBuffer());
      const index = person ?? 0;
      const location = answer.headers.get('location');
      const code = location && URL.canParse(location) ? new URL(location).searchParams.get('code') : null;
      if (code) owners.set(code, index);
      if ((answer.headers.get('content-type') ?? '').includes('json')) {
        try {
          for (const token of tokensIn(JSON.parse(payload.toString('utf8')))) owners.set(token, index);
        } catch {
          // Not JSON after all: nothing to remember.
        }
      }
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'content-encoding') out[name] = value;
      });
      response.writeHead(answer.status, out).end(payload);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`simulator front failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const first = people[0] as StartedSimulator;
  const rebase = (value: string) => value.replace(first.url, url);
  const endpoints = Object.fromEntries(Object.entries(first.endpoints).map(([id, bases]) => [id, { apiBaseUrl: rebase(bases.apiBaseUrl), authBaseUrl: rebase(bases.authBaseUrl) }]));
  return {
    url,
    endpoints,
    clientId: first.clientId,
    clientSecret: first.clientSecret,
    people,
    signIns,
    sawCredential: (credential) => seen.has(digest(credential)),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(people.map((person) => person.close()));
    },
  };
}
