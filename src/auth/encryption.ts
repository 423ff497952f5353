/**
 * Encryption at rest for stored tokens: AES-256-GCM with a fresh 12-byte IV per write and the
 * 16-byte auth tag, so a flipped byte or a wrong key is detected instead of yielding garbage.
 * The key comes from `WEARABLES_MCP_ENCRYPTION_KEY`, from a key file the user keeps elsewhere
 * (`WEARABLES_MCP_ENCRYPTION_KEY_FILE`), or from a key file generated once in the home (mode 0600).
 * docs/security.md says what each protects against.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WearablesError } from '../core/errors.js';
import { readConfiguredKeyFile } from './key-file.js';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const KEY_BYTES = 32;

/** One encrypted value as stored on disk; every field is base64. */
export interface EncryptedBlob {
  iv: string;
  tag: string;
  data: string;
  /** Non-secret key fingerprint, so "wrong key" can be told apart from "damaged data". */
  kid?: string;
}

/**
 * Encrypts and decrypts with one key. `context` (the provider id) names the tokens in errors and
 * is bound as additional authenticated data unless `associatedData` is given (the database token
 * store binds account and provider, so a row copied into another account does not decrypt).
 */
export interface TokenCipher {
  /** Fingerprint of the key (16 hex chars of an HMAC); reveals nothing usable about the key. */
  readonly keyId: string;
  encrypt(plaintext: string, context: string, associatedData?: string): EncryptedBlob;
  /** Throws CONFIG_ERROR (other key) or AUTH_FAILED (damaged data); never returns garbage. */
  decrypt(blob: EncryptedBlob, context: string, associatedData?: string): string;
}

const GENERATE_HINT =
  'Generate one with `openssl rand -hex 32` and set WEARABLES_MCP_ENCRYPTION_KEY to it, or unset it to use a generated key file.';

/** Parses a configured key: 64 hex characters or base64 of exactly 32 bytes. Throws CONFIG_ERROR. */
export function parseEncryptionKey(value: string): Buffer {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const decoded = Buffer.from(trimmed, 'base64');
    if (decoded.length === KEY_BYTES) return decoded;
  }
  throw new WearablesError(
    'CONFIG_ERROR',
    'WEARABLES_MCP_ENCRYPTION_KEY must be 64 hex characters or the base64 of 32 bytes.',
    { hint: GENERATE_HINT },
  );
}

export interface KeySource {
  encryptionKey?: string | undefined;
  /** A key file outside the home, never created here (WEARABLES_MCP_ENCRYPTION_KEY_FILE). */
  encryptionKeyFile?: string | undefined;
  keyPath: string;
}

/**
 * Returns the configured key (value or file), else the generated key file's key. With `create`, a missing key file is
 * generated (mode 0600) exactly once even when several processes start together: the key is
 * written to a private temp file and published with `link`, which fails if another process won.
 * Without `create`, a missing key file yields undefined.
 */
export async function loadEncryptionKey(source: KeySource, options: { create: boolean }): Promise<Buffer | undefined> {
  if (source.encryptionKey !== undefined && source.encryptionKeyFile !== undefined) {
    throw new WearablesError('CONFIG_ERROR', 'Both WEARABLES_MCP_ENCRYPTION_KEY and WEARABLES_MCP_ENCRYPTION_KEY_FILE are set.', {
      hint: 'Keep one of them.',
    });
  }
  if (source.encryptionKey !== undefined) return parseEncryptionKey(source.encryptionKey);
  if (source.encryptionKeyFile !== undefined) return readConfiguredKeyFile(source.encryptionKeyFile);
  const existing = await readKeyFile(source.keyPath);
  if (existing || !options.create) return existing;
  await mkdir(dirname(source.keyPath), { recursive: true, mode: 0o700 });
  const temp = `${source.keyPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${randomBytes(KEY_BYTES).toString('hex')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, source.keyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process published its key first: use that one.
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const key = await readKeyFile(source.keyPath);
  if (!key) throw new WearablesError('CONFIG_ERROR', `Could not create the key file ${source.keyPath}.`, { hint: GENERATE_HINT });
  return key;
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new WearablesError('CONFIG_ERROR', `Cannot read the key file ${path}: ${(error as Error).message}.`, {
      hint: 'Check its permissions, or set WEARABLES_MCP_ENCRYPTION_KEY.',
      cause: error,
    });
  }
  try {
    return parseEncryptionKey(text);
  } catch {
    throw new WearablesError('CONFIG_ERROR', `The key file ${path} does not hold a valid key.`, {
      hint: 'Restore the original key file; or delete it and reconnect every provider (stored tokens become unreadable).',
    });
  }
}

/** Builds the AES-256-GCM cipher for `key` (32 bytes). */
export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== KEY_BYTES) throw new WearablesError('CONFIG_ERROR', 'The encryption key must be 32 bytes.', { hint: GENERATE_HINT });
  const keyId = createHmac('sha256', key).update('wearables-mcp token key id').digest('hex').slice(0, 16);
  return {
    keyId,
    encrypt(plaintext, context, associatedData = context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64'), kid: keyId };
    },
    decrypt(blob, context, associatedData = context) {
      if (blob.kid !== undefined && blob.kid !== keyId) throw wrongKeyError(context);
      try {
        const iv = Buffer.from(blob.iv, 'base64');
        const tag = Buffer.from(blob.tag, 'base64');
        if (iv.length !== IV_BYTES || tag.length !== 16) throw new Error('bad iv or tag length');
        const decipher = createDecipheriv(ALGORITHM, key, iv);
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(blob.data, 'base64')), decipher.final()]).toString('utf8');
      } catch (error) {
        // Without a key id we cannot tell a wrong key from damage; say both.
        if (blob.kid === undefined) throw wrongKeyError(context, error);
        throw new WearablesError('AUTH_FAILED', `The stored ${context} tokens are damaged (integrity check failed).`, {
          hint: `Reconnect with \`wearables-mcp connect ${context}\`.`,
          cause: error,
        });
      }
    },
  };
}

/** The error for tokens that another key encrypted (key changed, key file lost). */
export function wrongKeyError(context: string, cause?: unknown): WearablesError {
  return new WearablesError(
    'CONFIG_ERROR',
    `The stored ${context} tokens were encrypted with another key; set the original key or reconnect.`,
    {
      hint: `Restore the original WEARABLES_MCP_ENCRYPTION_KEY or key file, or run \`wearables-mcp connect ${context}\` again.`,
      cause,
    },
  );
}
