import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WearablesError } from '../../src/core/errors.js';
import { createTokenCipher, loadEncryptionKey, parseEncryptionKey } from '../../src/auth/encryption.js';
import { createTempHome, type TempHome } from './support/temp-home.js';

let temp: TempHome;
beforeEach(async () => {
  temp = await createTempHome();
});
afterEach(async () => {
  await temp.remove();
});

function caught(run: () => unknown): WearablesError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WearablesError);
    return error as WearablesError;
  }
  throw new Error('expected an error');
}

describe('token encryption', () => {
  it('round-trips, with a fresh IV on every write', () => {
    const cipher = createTokenCipher(randomBytes(32));
    const first = cipher.encrypt('{"accessToken":"secret-value"}', 'oura');
    const second = cipher.encrypt('{"accessToken":"secret-value"}', 'oura');
    expect(Buffer.from(first.iv, 'base64')).toHaveLength(12);
    expect(first.iv).not.toBe(second.iv);
    expect(first.data).not.toBe(second.data);
    expect(Buffer.from(first.data, 'base64').toString('utf8')).not.toContain('secret-value');
    expect(cipher.decrypt(first, 'oura')).toBe('{"accessToken":"secret-value"}');
    expect(cipher.decrypt(second, 'oura')).toBe('{"accessToken":"secret-value"}');
  });

  it('detects a flipped byte in the data, the tag or the IV instead of returning garbage', () => {
    const cipher = createTokenCipher(randomBytes(32));
    const blob = cipher.encrypt('{"accessToken":"secret-value"}', 'oura');
    for (const field of ['data', 'tag', 'iv'] as const) {
      const bytes = Buffer.from(blob[field], 'base64');
      bytes[3] = (bytes[3] ?? 0) ^ 0x01;
      const error = caught(() => cipher.decrypt({ ...blob, [field]: bytes.toString('base64') }, 'oura'));
      expect(error.code).toBe('AUTH_FAILED');
      expect(error.message).toContain('damaged');
      expect(error.hint).toContain('wearables-mcp connect oura');
    }
  });

  it('refuses an entry moved to another provider (the provider id is authenticated)', () => {
    const cipher = createTokenCipher(randomBytes(32));
    const blob = cipher.encrypt('{"accessToken":"secret-value"}', 'oura');
    expect(caught(() => cipher.decrypt(blob, 'whoop')).code).toBe('AUTH_FAILED');
  });

  it('explains a wrong key instead of crashing', () => {
    const blob = createTokenCipher(randomBytes(32)).encrypt('{"accessToken":"x"}', 'oura');
    const error = caught(() => createTokenCipher(randomBytes(32)).decrypt(blob, 'oura'));
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toContain('encrypted with another key; set the original key or reconnect');
    // Entries written without a key id still get the wrong-key explanation.
    const { kid: _kid, ...legacy } = blob;
    expect(caught(() => createTokenCipher(randomBytes(32)).decrypt(legacy, 'oura')).message).toContain('another key');
  });
});

describe('encryption key', () => {
  it('accepts 64 hex chars or base64 of 32 bytes, and rejects anything else with how to make one', () => {
    const key = randomBytes(32);
    expect(parseEncryptionKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString('base64')).equals(key)).toBe(true);
    for (const bad of ['short', key.toString('hex').slice(2), randomBytes(16).toString('base64'), 'z'.repeat(64)]) {
      const error = caught(() => parseEncryptionKey(bad));
      expect(error.code).toBe('CONFIG_ERROR');
      expect(error.hint).toContain('openssl rand -hex 32');
    }
  });

  it('uses WEARABLES_MCP_ENCRYPTION_KEY from the config and creates no key file', async () => {
    const key = randomBytes(32);
    const config = temp.config({ WEARABLES_MCP_ENCRYPTION_KEY: key.toString('hex') });
    expect((await loadEncryptionKey(config, { create: true }))?.equals(key)).toBe(true);
    await expect(stat(config.keyPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates the key file once, mode 0600, even when many callers race', async () => {
    const config = temp.config();
    expect(await loadEncryptionKey(config, { create: false })).toBeUndefined();
    const keys = await Promise.all(Array.from({ length: 20 }, () => loadEncryptionKey(config, { create: true })));
    const fileKey = parseEncryptionKey(await readFile(config.keyPath, 'utf8'));
    for (const key of keys) expect(key?.equals(fileKey)).toBe(true);
    expect((await stat(config.keyPath)).mode & 0o777).toBe(0o600);
    // No temp files are left behind.
    expect((await readdir(temp.home)).filter((name) => name.includes('.encryption-key'))).toEqual(['.encryption-key']);
  });
});
