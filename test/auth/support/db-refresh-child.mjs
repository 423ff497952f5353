// Another wearables-mcp process whose tokens are rows of a database (the hosted token store on a
// SQLite file here): it builds the real token manager over createDatabaseTokenStore from the
// compiled modules, says "ready", waits for "go" on stdin, asks for an access token (refreshing
// an expired one), calls the simulator's API with it, and prints a hash of the token (never the
// token) and the API status.
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';

const { AUTH_BUILD_DIR: build, CHILD_HOME: home, CHILD_ENV: envJson, PROBE_URL: probeUrl, DB_PATH: dbPath, ACCOUNT: accountId, KEY_HEX: keyHex } = process.env;
const { loadConfig } = await import(`${build}/config/config.js`);
const { createProviders } = await import(`${build}/providers/registry.js`);
const { createTokenManager } = await import(`${build}/auth/token-manager.js`);
const { createDatabaseTokenStore } = await import(`${build}/auth/db-token-store.js`);
const { createTokenCipher } = await import(`${build}/auth/encryption.js`);
const { openSqliteDatabase } = await import(`${build}/store/sqlite/index.js`);
const { silentLogger } = await import(`${build}/logging/logger.js`);

const config = loadConfig({ env: JSON.parse(envJson), flags: { home, logFile: null } });
const database = await openSqliteDatabase({ path: dbPath });
const cipher = createTokenCipher(Buffer.from(keyHex, 'hex'));
const store = createDatabaseTokenStore({ database, accountId, cipher: async () => cipher, logger: silentLogger() });
const manager = createTokenManager({ config, providers: createProviders(config), logger: silentLogger(), store });

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  try {
    const token = await manager.getAccessToken('oura');
    const response = await fetch(probeUrl, { headers: { authorization: `Bearer ${token}` } });
    await response.body?.cancel();
    const tokenHash = createHash('sha256').update(token).digest('hex');
    process.stdout.write(`${JSON.stringify({ ok: true, tokenHash, apiStatus: response.status })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: error.message })}\n`);
  }
  break;
}
lines.close();
manager.close();
await database.close();
