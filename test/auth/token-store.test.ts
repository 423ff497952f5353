import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenCipher } from '../../src/auth/encryption.js';
import { createTokenStore, readTokensFile, type TokenStore } from '../../src/auth/token-store.js';
import type { TokenSet } from '../../src/core/token-set.js';
import { silentLogger } from '../../src/logging/logger.js';
import { createTempHome, type TempHome } from './support/temp-home.js';

let temp: TempHome;
let path: string;
const key = randomBytes(32);

function openStore(cipherKey: Buffer = key): TokenStore {
  const cipher = createTokenCipher(cipherKey);
  return createTokenStore({ path, cipher: async () => cipher, logger: silentLogger() });
}

function tokens(accessToken: string): TokenSet {
  return { kind: 'oauth', accessToken, refreshToken: `refresh-${accessToken}`, expiresAt: 2_000_000_000_000, obtainedAt: 1_700_000_000_000 };
}

beforeEach(async () => {
  temp = await createTempHome();
  path = temp.config().tokensPath;
});
afterEach(async () => {
  await temp.remove();
});

// What every token store does is in token-store-contract.ts; this file keeps the file's own behaviour.
describe('tokens file', () => {
  it('is written with mode 0600 as { version: 1, providers } with encrypted entries only', async () => {
    const store = openStore();
    await store.transaction((transaction) => transaction.write('oura', tokens('access-oura-123456')));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('access-oura-123456');
    const file = JSON.parse(text) as { version: number; providers: Record<string, Record<string, string>> };
    expect(file.version).toBe(1);
    expect(Object.keys(file.providers)).toEqual(['oura']);
    expect(Object.keys(file.providers.oura ?? {}).sort()).toEqual(['data', 'iv', 'kid', 'tag']);
    expect((await store.read('oura'))?.tokens).toEqual(tokens('access-oura-123456'));
    expect(await store.read('whoop')).toBeUndefined();
  });

  it('is replaced atomically: a reader never sees a partial file and no temp files remain', async () => {
    const store = openStore();
    let writing = true;
    let reads = 0;
    const reader = (async () => {
      while (writing) {
        const file = await readTokensFile(path); // throws on a torn file
        if (file.providers.oura) expect((await store.read('oura'))?.tokens.accessToken).toMatch(/^access-\d+-x+$/);
        reads++;
      }
    })();
    for (let index = 0; index < 40; index++) {
      await store.transaction((transaction) => transaction.write('oura', tokens(`access-${index}-${'x'.repeat(2000)}`)));
    }
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(await readdir(temp.home)).toEqual(['tokens.json']);
  });

  it('reports a damaged file clearly and keeps it aside when new tokens are saved', async () => {
    await writeFile(path, '{"version":1,"providers":', { mode: 0o600 });
    const store = openStore();
    await expect(store.read('oura')).rejects.toMatchObject({ code: 'CONFIG_ERROR', message: expect.stringContaining('damaged') });
    await store.transaction((transaction) => transaction.write('oura', tokens('access-after-damage')));
    expect((await store.read('oura'))?.tokens.accessToken).toBe('access-after-damage');
    const names = await readdir(temp.home);
    const aside = names.find((name) => name.startsWith('tokens.json.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(`${temp.home}/${aside}`, 'utf8')).toBe('{"version":1,"providers":');
  });
});
