/** A throwaway data directory and the config that points at it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../../src/config/config.js';

export interface TempHome {
  home: string;
  config(env?: Record<string, string | undefined>): Config;
  remove(): Promise<void>;
}

/** Creates an empty home directory; `config()` loads a config for it with the given environment. */
export async function createTempHome(): Promise<TempHome> {
  const home = await mkdtemp(join(tmpdir(), 'wearables-auth-'));
  return {
    home,
    config: (env = {}) => loadConfig({ env, flags: { home, logFile: null } }),
    remove: () => rm(home, { recursive: true, force: true }),
  };
}
