/**
 * What `serve --http` tells a person at a terminal: where the MCP endpoint is, the line that adds
 * it to a client, whether a bearer token is needed (named by its variable, never printed) and
 * where the logs go. Without a terminal the one `listening on` line stays (scripts wait for it).
 */
import { dirname } from 'node:path';

export interface BannerInput {
  version: string;
  /** `http://127.0.0.1:3001` (the listening address). */
  url: string;
  /** PUBLIC_BASE_URL, when the server is reached through a tunnel or proxy. */
  publicBaseUrl?: string;
  /** AUTH_TOKEN is set: clients must send it. */
  bearer: boolean;
  logFile: string | null;
  demo: boolean;
}

/** The banner lines (no trailing newline). */
export function formatServeBanner(input: BannerInput): string {
  const endpoint = `${input.publicBaseUrl ?? input.url}/mcp`;
  const header = input.bearer ? ' --header "Authorization: Bearer $AUTH_TOKEN"' : '';
  return [
    `wearables-mcp ${input.version} listening on ${input.url}/mcp${input.demo ? ' (demo: the simulated person)' : ''}`,
    ...(input.publicBaseUrl ? [`  public URL   ${endpoint}`] : []),
    `  auth         ${input.bearer ? 'Authorization: Bearer $AUTH_TOKEN on every MCP request' : 'none (reachable from this machine only)'}`,
    `  Claude Code  claude mcp add --transport http wearables${input.demo ? '-demo' : ''} ${endpoint}${header}`,
    `  other        any MCP client: Streamable HTTP at ${endpoint}; legacy SSE at ${input.publicBaseUrl ?? input.url}/sse; status at ${input.url}/health`,
    `  logs         ${input.logFile ? `${dirname(input.logFile)} (warnings also here)` : 'here only (LOG_FILE is empty)'}`,
    'Ctrl-C to stop.',
  ].join('\n');
}
