// A second (and third) wearables-mcp process for the cross-process refresh test. It builds the
// real token manager from the compiled modules, says "ready", waits for "go" on stdin, asks for
// an access token (forcing a refresh when the stored one is expired), calls the simulator's API
// with it, and prints a hash of the token (never the token) and the API status.
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';

const { AUTH_BUILD_DIR: build, CHILD_HOME: home, CHILD_ENV: envJson, PROBE_URL: probeUrl } = process.env;
const { loadConfig } = await import(`${build}/config/config.js`);
const { createProviders } = await import(`${build}/providers/registry.js`);
const { createTokenManager } = await import(`${build}/auth/token-manager.js`);
const { silentLogger } = await import(`${build}/logging/logger.js`);

const config = loadConfig({ env: JSON.parse(envJson), flags: { home, logFile: null } });
const manager = createTokenManager({ config, providers: createProviders(config), logger: silentLogger() });

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
