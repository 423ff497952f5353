// Another wearables-mcp process (a CLI sync that refreshed a token) for the token-cache test: it
// builds the real token manager from the compiled modules, stores NEW_TOKEN for Oura (replacing
// tokens.json atomically under the lock, as every write does) and prints "saved".
const { AUTH_BUILD_DIR: build, CHILD_HOME: home, CHILD_ENV: envJson, NEW_TOKEN: accessToken } = process.env;
const { loadConfig } = await import(`${build}/config/config.js`);
const { createProviders } = await import(`${build}/providers/registry.js`);
const { createTokenManager } = await import(`${build}/auth/token-manager.js`);
const { silentLogger } = await import(`${build}/logging/logger.js`);

const config = loadConfig({ env: JSON.parse(envJson), flags: { home, logFile: null } });
const manager = createTokenManager({ config, providers: createProviders(config), logger: silentLogger() });
await manager.save('oura', { kind: 'personal', accessToken, obtainedAt: Date.now() });
manager.close();
process.stdout.write('saved\n');
