/**
 * Rows keyed by a secret the caller holds (a token, a `state`): the key stored is the secret's
 * SHA-256, and what is stored with it is sealed (AES-256-GCM) under a key derived from the same
 * secret. A copy of the database therefore yields neither the secrets nor what they open; only
 * the holder of the secret can find and read its row.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/** The stored lookup key of a secret (base64url SHA-256). */
export function keyOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

export interface SealedValue {
  iv: string;
  tag: string;
  data: string;
}

function keyFor(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `wearables-mcp ${purpose}`, 32));
}

/** Seals `value` (JSON) for the holder of `secret`. */
export function seal(secret: string, purpose: string, value: unknown): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Opens a sealed value; undefined when it was sealed for another secret or damaged. */
export function unseal(secret: string, purpose: string, sealed: SealedValue): unknown {
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
