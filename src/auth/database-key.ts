/**
 * The key of the tokens kept in a database (hosted mode): from the environment only. Either
 * `WEARABLES_MCP_ENCRYPTION_KEY`, or `WEARABLES_MCP_ENCRYPTION_KEY_FILE` naming a file outside the
 * home. The key is never generated and never read from the home: a database backup together with
 * the server's data folder must not carry the key that opens the tokens in it.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { WearablesError } from '../core/errors.js';
import { registerSecret } from '../logging/secrets.js';
import { parseEncryptionKey } from './encryption.js';
import { readConfiguredKeyFile } from './key-file.js';

export interface DatabaseKeySource {
  encryptionKey?: string | undefined;
  encryptionKeyFile?: string | undefined;
  /** The home (data folder): a key file inside it is refused. */
  home: string;
}

const NEED_KEY_HINT =
  'Set WEARABLES_MCP_ENCRYPTION_KEY (`openssl rand -hex 32`) in the server\'s environment, or WEARABLES_MCP_ENCRYPTION_KEY_FILE to a file outside the home (chmod 600).';

/** The configured key (32 bytes). CONFIG_ERROR when none is configured or the key file is in the home. */
export async function loadDatabaseEncryptionKey(source: DatabaseKeySource): Promise<Buffer> {
  if (source.encryptionKey !== undefined && source.encryptionKeyFile !== undefined) {
    throw new WearablesError('CONFIG_ERROR', 'Both WEARABLES_MCP_ENCRYPTION_KEY and WEARABLES_MCP_ENCRYPTION_KEY_FILE are set.', {
      hint: 'Keep one of them.',
    });
  }
  if (source.encryptionKey !== undefined) {
    registerSecret(source.encryptionKey);
    return parseEncryptionKey(source.encryptionKey);
  }
  if (source.encryptionKeyFile === undefined) {
    throw new WearablesError(
      'CONFIG_ERROR',
      'Provider tokens kept in a database need an encryption key from the environment; a key file in the home is never used for them.',
      { hint: NEED_KEY_HINT },
    );
  }
  if (isAbsolute(source.encryptionKeyFile) && (await isInside(source.encryptionKeyFile, source.home))) {
    throw new WearablesError(
      'CONFIG_ERROR',
      'WEARABLES_MCP_ENCRYPTION_KEY_FILE points inside the home; with a database the key must be kept apart from the data.',
      { hint: 'Move the key file outside the home (a secrets mount, another volume) and point WEARABLES_MCP_ENCRYPTION_KEY_FILE at it.' },
    );
  }
  return readConfiguredKeyFile(source.encryptionKeyFile);
}

/** True when `path` (links resolved where they exist) is `folder` or inside it. */
async function isInside(path: string, folder: string): Promise<boolean> {
  const real = async (value: string) => realpath(value).catch(() => resolve(value));
  for (const [candidate, root] of [
    [resolve(path), resolve(folder)],
    [await real(path), await real(folder)],
  ] as const) {
    const inner = relative(root, candidate);
    if (inner === '' || (!inner.startsWith('..') && !isAbsolute(inner))) return true;
  }
  return false;
}
