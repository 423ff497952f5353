// Loads (creating when missing) the encryption key file in its own process on "go", and prints a
// hash of the key it ended up with: several of these racing must all agree on one key.
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';

const { loadEncryptionKey } = await import(`${process.env.AUTH_BUILD_DIR}/auth/encryption.js`);
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  const key = await loadEncryptionKey({ keyPath: process.env.KEY_PATH }, { create: true });
  process.stdout.write(`${JSON.stringify({ ok: true, keyHash: createHash('sha256').update(key).digest('hex') })}\n`);
  break;
}
lines.close();
