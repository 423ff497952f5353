/**
 * `export_data` over stdio against the built CLI (`serve`), in both protocol eras: a traversal to
 * the database is refused and the server keeps answering; an overwrite happens only after the
 * user's yes, asked by the real client (elicitation/create on 2025, input_required on 2026-07-28).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { digest, errorOf, type ToolAnswer } from '../export/mcp-client.js';
import { heartRateSamples, ouraRecords } from '../export/seed.js';
import { assertBuilt, CLI_ENTRY } from './cli-helpers.js';

let home: string;

beforeAll(async () => {
  assertBuilt();
  home = mkdtempSync(join(tmpdir(), 'wearables-export-stdio-'));
  const store = await openSqliteStore({ path: join(home, 'wearables.db') });
  await store.upsertRecords(ouraRecords());
  await store.upsertSamples(heartRateSamples());
  await store.close();
  mkdirSync(join(home, 'exports'), { mode: 0o700 });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function withServer(modern: boolean, body: (client: Client, questions: string[]) => Promise<void>): Promise<void> {
  const env = { PATH: process.env.PATH ?? '', WEARABLES_MCP_HOME: home, WEARABLES_MCP_ENCRYPTION_KEY: 'b'.repeat(64), LOG_FILE: '', LOG_LEVEL: 'error' };
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI_ENTRY, 'serve'], env, stderr: 'pipe' });
  const client = new Client(
    { name: 'export-stdio-e2e', version: '1.0.0' },
    { capabilities: { elicitation: { form: {} } }, ...(modern ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}) },
  );
  const questions: string[] = [];
  client.setRequestHandler('elicitation/create', async (request) => (questions.push(request.params.message), { action: 'accept', content: { confirm: true } }));
  await client.connect(transport);
  try {
    await body(client, questions);
  } finally {
    await client.close();
  }
}

const call = async (client: Client, args: Record<string, unknown>): Promise<ToolAnswer> =>
  (await client.callTool({ name: 'export_data', arguments: { kind: 'sleep', format: 'csv', provider: 'oura', ...args } })) as ToolAnswer;

describe('export_data over stdio', () => {
  for (const modern of [false, true]) {
    it(`${modern ? '2026-07-28' : '2025'} client: traversal refused, overwrite only after the user's yes`, async () => {
      await withServer(modern, async (client, questions) => {
        const db = digest(join(home, 'wearables.db'));
        const attack = await call(client, { path: '../wearables.db', overwrite: true });
        expect(errorOf(attack)?.code).toBe('VALIDATION_ERROR');
        expect(digest(join(home, 'wearables.db'))).toBe(db);
        writeFileSync(join(home, 'exports', 'sleep.csv'), 'precious');
        const replaced = await call(client, { path: 'sleep.csv', overwrite: true });
        expect(replaced.isError, JSON.stringify(replaced.content)).toBeFalsy();
        expect(questions).toHaveLength(1);
        expect(readFileSync(join(home, 'exports', 'sleep.csv'), 'utf8')).not.toBe('precious');
        expect((await client.callTool({ name: 'health_check', arguments: {} })).isError).toBeFalsy();
      });
    });
  }
});
