/**
 * Assembles `serve --http --hosted`: the key from the environment (never from the home), the
 * PostgreSQL `StoreDatabase` of every account, a small pool on the same database and schema for
 * the hosted tables, the providers people sign in with, and the hosted server opening one
 * account's services per token (account-context.ts).
 */
import { loadDatabaseEncryptionKey } from '../auth/database-key.js';
import { createTokenCipher } from '../auth/encryption.js';
import type { Config } from '../config/config.js';
import { WearablesError } from '../core/errors.js';
import type { FetchLike } from '../core/http.js';
import { startHostedServer, type HostedServerOptions, type RunningHostedServer } from '../hosted/hosted-server.js';
import type { HostedConfig } from '../hosted/hosted-config.js';
import type { HttpConfig } from '../http/http-config.js';
import type { Logger } from '../logging/logger.js';
import { registerSecret } from '../logging/secrets.js';
import type { McpServerOptions } from '../mcp/server.js';
import { createProviders } from '../providers/registry.js';
import type { StoreDatabase } from '../store/database.js';
import { openPostgresDatabase, postgresUrlPassword } from '../store/postgres/index.js';
import { quoteIdentifier, validSchema } from '../store/postgres/pg-names.js';
import { openAccountContext } from './account-context.js';
import { createFeedCompactor } from './feed-compaction.js';

export interface StartHostedOptions {
  config: Config;
  hosted: HostedConfig;
  http: HttpConfig;
  logger: Logger;
  /** Schema of every table (default `config.databaseSchema`: WEARABLES_MCP_DATABASE_SCHEMA, `public`, `demo` with --demo). */
  schema?: string;
  fetch?: FetchLike;
  mcpOptions?: McpServerOptions;
  /** Test hooks of the hosted server. */
  clientMetadataFetch?: HostedServerOptions['clientMetadataFetch'];
  ttl?: HostedServerOptions['ttl'];
}

export interface HostedApp extends RunningHostedServer {
  database: StoreDatabase;
}

export async function startHosted(options: StartHostedOptions): Promise<HostedApp> {
  const { config, hosted, logger } = options;
  registerSecret(config.encryptionKey);
  registerSecret(hosted.databaseUrl);
  registerSecret(postgresUrlPassword(hosted.databaseUrl));
  for (const provider of Object.values(config.providers)) registerSecret(provider.clientSecret);
  const key = await loadDatabaseEncryptionKey({ encryptionKey: config.encryptionKey, encryptionKeyFile: config.encryptionKeyFile, home: config.home });
  const providers = createProviders(config, options.fetch);
  // Sign-in needs a provider's OAuth with this server's client id and secret.
  const signInProviders = [...providers.values()].filter((provider) => provider.oauth?.userId && config.providers[provider.id]?.clientId && config.providers[provider.id]?.clientSecret);
  if (signInProviders.length === 0) {
    throw new WearablesError('CONFIG_ERROR', 'No provider is configured for sign-in: people sign in to a hosted server with a provider account.', {
      hint: 'Set <ID>_CLIENT_ID and <ID>_CLIENT_SECRET of at least one provider app, with <PUBLIC_BASE_URL>/sign-in/callback/<id> as its redirect URI (or try it with --demo).',
    });
  }
  const schema = validSchema(options.schema ?? config.databaseSchema);
  const database = await openPostgresDatabase({ url: hosted.databaseUrl, schema, logger });
  // node-postgres loads only here (the local modes never load it).
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: hosted.databaseUrl,
    max: 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'wearables-mcp hosted',
    options: `-c search_path=${quoteIdentifier(schema)}`,
  });
  pool.on('error', (error) => logger.warn({ err: error }, 'a pooled hosted-mode database connection failed'));
  try {
    const compactFeedIfDue = createFeedCompactor({ database, retentionDays: config.eventRetentionDays, now: () => new Date(), logger });
    const base = { config, logger, database, cipher: createTokenCipher(key), compactFeedIfDue, ...(options.fetch ? { fetch: options.fetch } : {}) };
    const server = await startHostedServer({
      hosted,
      http: options.http,
      database,
      pool,
      signInProviders,
      openAccount: (accountId) => openAccountContext(base, accountId),
      secret: key,
      logger,
      maintenance: async () => void (await compactFeedIfDue()),
      ...(options.mcpOptions ? { mcpOptions: options.mcpOptions } : {}),
      ...(options.clientMetadataFetch ? { clientMetadataFetch: options.clientMetadataFetch } : {}),
      ...(options.ttl ? { ttl: options.ttl } : {}),
    });
    return {
      ...server,
      database,
      async close() {
        await server.close();
        await pool.end();
        await database.close();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}
