/**
 * A key file the user keeps outside the data directory (`WEARABLES_MCP_ENCRYPTION_KEY_FILE`):
 * on a separate volume, a secrets mount, a directory that is not backed up with the home. It is
 * never created or changed here; it must be a regular file, readable by its owner only (no group
 * or other permission bits), holding 64 hex characters (`openssl rand -hex 32`).
 */
import { open } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { WearablesError } from '../core/errors.js';
import { fileErrorReason } from '../core/thrown-errors.js';
import { registerSecret } from '../logging/secrets.js';

const SETTING = 'WEARABLES_MCP_ENCRYPTION_KEY_FILE';

/** Reads and checks the configured key file. FILE_ERROR when unreadable, CONFIG_ERROR when unsafe or malformed. */
export async function readConfiguredKeyFile(path: string): Promise<Buffer> {
  const create = `Create it with \`openssl rand -hex 32 > ${path} && chmod 600 ${path}\`, or point ${SETTING} at the existing key file.`;
  if (!isAbsolute(path)) {
    throw new WearablesError('CONFIG_ERROR', `${SETTING} must be an absolute path, got "${path}".`, {
      hint: 'A server started by an MCP client has another working directory: give the full path.',
    });
  }
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new WearablesError('FILE_ERROR', `Cannot read the key file ${path} named by ${SETTING}: ${fileErrorReason(error) ?? 'it could not be opened'}.`, {
      hint: create,
      cause: error,
    });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new WearablesError('FILE_ERROR', `The key file ${path} named by ${SETTING} is not a regular file.`, { hint: create });
    }
    if ((info.mode & 0o077) !== 0) {
      throw new WearablesError(
        'CONFIG_ERROR',
        `The key file ${path} is accessible to other users (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')}); it must be readable by its owner only.`,
        { hint: `Run \`chmod 600 ${path}\`, then retry.` },
      );
    }
    // A key file holds one line; anything much longer is not one (and is not read whole).
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(text)) {
      throw new WearablesError('CONFIG_ERROR', `The key file ${path} must hold exactly 64 hex characters (a 32-byte key).`, {
        hint: `Write one with \`openssl rand -hex 32 > ${path}\` (stored tokens then need a reconnect), or restore the original key file.`,
      });
    }
    registerSecret(text);
    return Buffer.from(text, 'hex');
  } finally {
    await handle.close();
  }
}
