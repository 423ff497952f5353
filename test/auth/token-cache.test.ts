/**
 * The tokens file is read and decrypted once and then served from memory while it is unchanged,
 * yet a write by another real process (a CLI sync refreshing a token) is seen on the very next
 * read, without a restart.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTokenCipher, parseEncryptionKey, type TokenCipher } from '../../src/auth/encryption.js';
import { createTokenManager } from '../../src/auth/token-manager.js';
import { createTokenStore } from '../../src/auth/token-store.js';
import { silentLogger } from '../../src/logging/logger.js';
import { createProviders } from '../../src/providers/registry.js';
import { compileForChildProcess, type CompiledModules } from './support/compile.js';
import { createTempHome, type TempHome } from './support/temp-home.js';

const WRITER_CHILD = fileURLToPath(new URL('./support/token-writer-child.mjs', import.meta.url));
const ENV = { WEARABLES_MCP_ENCRYPTION_KEY: 'b'.repeat(64) };

let compiled: CompiledModules;
let temp: TempHome;

beforeAll(async () => {
  compiled = await compileForChildProcess(['config/config.ts', 'providers/registry.ts', 'auth/token-manager.ts', 'logging/logger.ts']);
});
afterAll(async () => {
  await compiled?.remove();
});
beforeEach(async () => {
  temp = await createTempHome();
});
afterEach(async () => {
  await temp.remove();
});

/** Runs the writer child to completion: another process replaces Oura's token with `token`. */
async function writeFromAnotherProcess(token: string): Promise<void> {
  const { stdout } = await promisify(execFile)(process.execPath, [WRITER_CHILD], {
    env: { PATH: process.env.PATH, AUTH_BUILD_DIR: compiled.dir, CHILD_HOME: temp.home, CHILD_ENV: JSON.stringify(ENV), NEW_TOKEN: token },
  });
  expect(stdout).toContain('saved');
}

function countingCipher(): { cipher: TokenCipher; decryptions: () => number } {
  const real = createTokenCipher(parseEncryptionKey(ENV.WEARABLES_MCP_ENCRYPTION_KEY));
  let count = 0;
  const cipher: TokenCipher = {
    ...real,
    decrypt(blob, context) {
      count++;
      return real.decrypt(blob, context);
    },
  };
  return { cipher, decryptions: () => count };
}

describe('token cache', () => {
  it('decrypts once for many reads, and again only after another process rewrote the file', async () => {
    await writeFromAnotherProcess('first-token-aaaaaaaaaaaa');
    const { cipher, decryptions } = countingCipher();
    const store = createTokenStore({ path: temp.config(ENV).tokensPath, cipher: async () => cipher, logger: silentLogger() });
    for (let index = 0; index < 20; index++) expect((await store.read('oura'))?.tokens.accessToken).toBe('first-token-aaaaaaaaaaaa');
    await Promise.all(Array.from({ length: 10 }, () => store.read('oura')));
    expect(decryptions()).toBe(1);

    await writeFromAnotherProcess('second-token-bbbbbbbbbbb');
    expect((await store.read('oura'))?.tokens.accessToken).toBe('second-token-bbbbbbbbbbb');
    expect((await store.read('oura'))?.tokens.accessToken).toBe('second-token-bbbbbbbbbbb');
    expect(decryptions()).toBe(2);
  });

  it('a running token manager hands out the token another process stored, with no restart', async () => {
    await writeFromAnotherProcess('server-start-token-cccccc');
    const config = temp.config(ENV);
    const manager = createTokenManager({ config, providers: createProviders(config), logger: silentLogger() });
    try {
      expect(await manager.getAccessToken('oura')).toBe('server-start-token-cccccc');
      expect(await manager.getAccessToken('oura')).toBe('server-start-token-cccccc');
      await writeFromAnotherProcess('refreshed-by-cli-dddddddd');
      expect(await manager.getAccessToken('oura')).toBe('refreshed-by-cli-dddddddd');
      expect(await manager.isConnected('oura')).toBe(true);
    } finally {
      manager.close();
    }
  });
});
