/** An in-memory log of provider requests (never headers, never credentials). */

export interface RequestLogEntry {
  seq: number;
  /** Simulator time of the request (ISO-8601 UTC). */
  at: string;
  method: string;
  /** Full path on the simulator, e.g. `/oura/v2/usercollection/sleep`. */
  path: string;
  /** Query parameters; credentials (`access_token`, `code`, ...) are replaced by `[redacted]`. */
  query: Record<string, string>;
  status: number;
  durationMs: number;
  /** Injected fault that shaped the response, if any. */
  fault: string | null;
}

const SECRET_PARAMS = new Set(['access_token', 'refresh_token', 'token', 'code', 'code_verifier', 'client_secret', 'id_token']);

/** Copies query params, redacting anything that may carry a credential. */
export function redactQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    out[key] = SECRET_PARAMS.has(key) || /secret|password/i.test(key) ? '[redacted]' : value;
  }
  return out;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit = 20_000) {}

  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Entries (oldest first), optionally only paths starting with `pathPrefix`. */
  list(pathPrefix?: string): RequestLogEntry[] {
    return this.entries.filter((e) => pathPrefix === undefined || e.path.startsWith(pathPrefix)).map((e) => ({ ...e, query: { ...e.query } }));
  }

  /** How many requests were logged since start (cheap: for polling while a client runs). */
  count(): number {
    return this.seq;
  }

  clear(): void {
    this.entries = [];
  }
}
