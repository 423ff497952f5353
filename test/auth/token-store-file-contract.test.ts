/** The TokenStore contract on the tokens file (the local mode's store). */
import { readFile } from 'node:fs/promises';
import { createTokenCipher } from '../../src/auth/encryption.js';
import { createTokenStore } from '../../src/auth/token-store.js';
import { silentLogger } from '../../src/logging/logger.js';
import { createTempHome } from './support/temp-home.js';
import { describeTokenStoreContract } from './token-store-contract.js';

describeTokenStoreContract('tokens file', async () => {
  const temp = await createTempHome();
  const path = temp.config().tokensPath;
  return {
    open(key) {
      const cipher = createTokenCipher(key);
      return createTokenStore({ path, cipher: async () => cipher, logger: silentLogger() });
    },
    atRest: () => readFile(path, 'utf8').catch(() => ''),
    close: () => temp.remove(),
  };
});
