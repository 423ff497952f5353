/**
 * WEARABLES_MCP_ENCRYPTION_KEY_FILE: the token key kept outside the home. Tokens written with it
 * are readable only with it, no key file appears in the home, and an unusable key file is a clear
 * FILE_ERROR / CONFIG_ERROR with the fix. (Tests run as root here; the mode check reads the mode
 * bits, which root cannot bypass, and a missing file / a directory fail for root too.)
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEncryptionKey } from '../../src/auth/encryption.js';
import { createTokenManager } from '../../src/auth/token-manager.js';
import { silentLogger } from '../../src/logging/logger.js';
import { createTempHome, type TempHome } from './support/temp-home.js';

let temp: TempHome;
let outside: string;

beforeEach(async () => {
  temp = await createTempHome();
  outside = await mkdtemp(join(tmpdir(), 'wearables-key-outside-'));
});
afterEach(async () => {
  await temp.remove();
  await rm(outside, { recursive: true, force: true });
});

async function keyFile(name: string, content: string, mode = 0o600): Promise<string> {
  const path = join(outside, name);
  await writeFile(path, content, { mode });
  await chmod(path, mode);
  return path;
}

const token = { kind: 'oauth' as const, accessToken: 'access-kept-outside-1', refreshToken: 'refresh-kept-outside-1', obtainedAt: 1 };

describe('a key file outside the home', () => {
  it('encrypts the tokens with that key, creates no key in the home, and only that key reads them', async () => {
    const path = await keyFile('token.key', `${randomBytes(32).toString('hex')}\n`);
    const config = temp.config({ WEARABLES_MCP_ENCRYPTION_KEY_FILE: path });
    const writer = createTokenManager({ config, providers: new Map(), logger: silentLogger() });
    await writer.save('oura', token);
    writer.close();

    const reader = createTokenManager({ config, providers: new Map(), logger: silentLogger() });
    expect(await reader.getAccessToken('oura')).toBe(token.accessToken);
    reader.close();
    expect(await readdir(temp.home)).not.toContain('.encryption-key');

    // The home alone (tokens.json, even with a generated key beside it) cannot decrypt them.
    const homeOnly = createTokenManager({ config: temp.config(), providers: new Map(), logger: silentLogger() });
    await expect(homeOnly.getAccessToken('oura')).rejects.toMatchObject({ code: 'CONFIG_ERROR' });
    homeOnly.close();
  });

  it('a missing key file or a directory is FILE_ERROR with how to create one', async () => {
    const missing = join(outside, 'absent.key');
    await expect(loadEncryptionKey({ encryptionKeyFile: missing, keyPath: join(temp.home, '.encryption-key') }, { create: true })).rejects.toMatchObject({
      code: 'FILE_ERROR',
      message: expect.stringContaining('ENOENT'),
      hint: expect.stringContaining(`openssl rand -hex 32 > ${missing}`),
    });
    await mkdir(join(outside, 'folder.key'));
    await expect(loadEncryptionKey({ encryptionKeyFile: join(outside, 'folder.key'), keyPath: '' }, { create: true })).rejects.toMatchObject({
      code: 'FILE_ERROR',
    });
    // Nothing was generated in its place.
    expect(await readdir(outside)).toEqual(['folder.key']);
  });

  it('a key file other users can read is refused (CONFIG_ERROR, chmod 600)', async () => {
    const path = await keyFile('open.key', randomBytes(32).toString('hex'), 0o644);
    await expect(loadEncryptionKey({ encryptionKeyFile: path, keyPath: '' }, { create: true })).rejects.toMatchObject({
      code: 'CONFIG_ERROR',
      message: expect.stringContaining('mode 0644'),
      hint: expect.stringContaining(`chmod 600 ${path}`),
    });
  });

  it('a key file without 64 hex characters, a relative path, or both settings at once is CONFIG_ERROR', async () => {
    for (const content of ['too-short', randomBytes(32).toString('base64'), `${'a'.repeat(64)}b`]) {
      const path = await keyFile(`bad-${content.length}.key`, content);
      const failure = loadEncryptionKey({ encryptionKeyFile: path, keyPath: '' }, { create: true });
      await expect(failure).rejects.toMatchObject({ code: 'CONFIG_ERROR', message: expect.stringContaining('64 hex characters') });
      await failure.catch((error: Error) => expect(error.message).not.toContain(content));
    }
    await expect(loadEncryptionKey({ encryptionKeyFile: 'relative.key', keyPath: '' }, { create: true })).rejects.toMatchObject({ code: 'CONFIG_ERROR' });
    const good = await keyFile('good.key', randomBytes(32).toString('hex'));
    await expect(
      loadEncryptionKey({ encryptionKey: randomBytes(32).toString('hex'), encryptionKeyFile: good, keyPath: '' }, { create: true }),
    ).rejects.toMatchObject({ code: 'CONFIG_ERROR', message: expect.stringContaining('Both') });
  });
});
