/**
 * `server.json` (the MCP registry entry) and `manifest.json` (the Claude Desktop extension) are valid
 * for their tools and agree with package.json and with the variables the server reads.
 *
 * `server-schema-2025-12-11.json` is the registry's published server.json schema
 * (https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json), copied from
 * modelcontextprotocol/registry, internal/validators/schemas/2025-12-11.json at commit
 * e361b5ff5a925b36a38eda0544bca8230a84558b (the copy the registry itself validates with), since tests
 * run offline. A newer schema version means a new copy and a new `$schema` in server.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getMcpConfigForManifest, MANIFEST_SCHEMAS } from '@anthropic-ai/mcpb';
import { addFormats, Ajv } from '@modelcontextprotocol/client/validators/ajv';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;

interface ServerJson {
  $schema: string;
  name: string;
  version: string;
  description: string;
  packages: Array<{ identifier: string; version: string; environmentVariables: Array<{ name: string; isSecret?: boolean }> }>;
}
interface Manifest {
  manifest_version: string;
  version: string;
  server: { mcp_config: { env: Record<string, string> } };
  user_config: Record<string, { sensitive?: boolean; required?: boolean }>;
}

const pkg = read<{ name: string; version: string; mcpName: string }>('package.json');
const server = read<ServerJson>('server.json');
const manifest = read<Manifest>('manifest.json');
const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');

function registryValidator() {
  const schema = read<{ $id: string }>('test/package/server-schema-2025-12-11.json');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return { validate: ajv.compile(schema), id: schema.$id };
}

describe('server.json (MCP registry)', () => {
  const { validate, id } = registryValidator();

  it('validates against the schema it names', () => {
    expect(server.$schema).toBe(id);
    const valid = validate(server);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the validator refuses what the registry refuses', () => {
    expect(validate({ ...server, description: 'x'.repeat(101) })).toBe(false);
    expect(validate({ ...server, name: 'wearables-mcp' })).toBe(false);
    const latest = { ...server, packages: [{ ...server.packages[0], version: 'latest' }] };
    expect(validate(latest)).toBe(false);
  });

  it('names the npm package, its version and mcpName', () => {
    expect(server.name).toBe(pkg.mcpName);
    expect(server.version).toBe(pkg.version);
    expect(server.packages).toHaveLength(1);
    expect(server.packages[0]).toMatchObject({ registryType: 'npm', identifier: pkg.name, version: pkg.version, transport: { type: 'stdio' } });
  });

  it('lists variables the server reads, secrets marked as such', () => {
    for (const variable of server.packages[0]!.environmentVariables) {
      expect(envExample).toMatch(new RegExp(`^${variable.name}=`, 'm'));
      expect(Boolean(variable.isSecret)).toBe(variable.name.endsWith('_SECRET'));
    }
  });
});

describe('manifest.json (Claude Desktop extension)', () => {
  it('passes the bundle tool’s schema for its manifest version', () => {
    const schema = MANIFEST_SCHEMAS[manifest.manifest_version as keyof typeof MANIFEST_SCHEMAS];
    const result = schema.safeParse(manifest);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(manifest.version).toBe(pkg.version);
  });

  it('maps every setting to a variable of server.json, secrets sensitive', () => {
    const env = manifest.server.mcp_config.env;
    const registryNames = server.packages[0]!.environmentVariables.map((variable) => variable.name);
    expect(Object.keys(env).sort()).toEqual([...registryNames].sort());
    for (const [key, option] of Object.entries(manifest.user_config)) {
      const variable = Object.keys(env).find((name) => env[name] === `\${user_config.${key}}`);
      expect(variable, key).toBeDefined();
      expect(Boolean(option.sensitive), key).toBe(variable!.endsWith('_SECRET'));
    }
  });

  it('settings left empty reach the server as unset, the filled ones as given', async () => {
    const resolved = await getMcpConfigForManifest({
      manifest: manifest as never,
      extensionPath: join(ROOT, 'extension'),
      systemDirs: {},
      userConfig: { oura_client_id: 'oura-id', oura_client_secret: 'oura-secret' },
      pathSeparator: '/',
    });
    expect(resolved).toBeDefined();
    expect(resolved!.args).toEqual([join(ROOT, 'extension') + '/server/dist/bin/wearables-mcp.js', 'serve']);
    const env = resolved!.env ?? {};
    expect(Object.values(env).filter((value) => value.includes('${'))).toEqual([]);
    const config = loadConfig({ env, flags: { logFile: null } });
    expect(config.providers.oura).toMatchObject({ clientId: 'oura-id', clientSecret: 'oura-secret' });
    expect(config.providers.whoop?.clientId).toBeUndefined();
    expect(config.providers.whoop).toBeDefined();
    expect(config.providers.withings).toBeDefined();
    expect(config.providers.withings?.clientSecret).toBeUndefined();
    expect(config.home).toBe(loadConfig({ env: {}, flags: { logFile: null } }).home);
  });
});
