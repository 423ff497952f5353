/** `wearables-mcp connect <provider>` and `disconnect <provider>`. */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { WearablesError } from '../core/errors.js';
import type { AppContext } from '../app/app-context.js';
import type { ProviderId } from '../core/types.js';
import { runAuthorizationCodeFlow } from '../auth/connect-flow.js';
import { registerSecret } from '../logging/secrets.js';
import { envPrefix } from '../providers/provider-module.js';
import { PROVIDER_IDS, PROVIDER_MODULES } from '../providers/registry.js';
import { configFor, parseProvider, type GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { runCommand, withContext } from './run-command.js';

interface ConnectOptions {
  token?: string;
  browser: boolean;
  redirectUri?: string;
}

/** Registers `connect` and `disconnect`. */
export function registerConnectCommands(program: Command): void {
  program
    .command('connect')
    .description('Connect a provider account: OAuth2 (PKCE) in the browser, or --token for a personal/access token')
    .argument('<provider>', PROVIDER_IDS.join(' | '))
    .addHelpText('after', `\nProviders:\n${PROVIDER_MODULES.map((module) => `  ${module.connectHelp}`).join('\n')}`)
    .option('--token <token>', 'store a personal access token or an access token instead of OAuth')
    .option('--no-browser', 'do not try to open a browser; print the URL and read the pasted redirect URL')
    .option('--redirect-uri <uri>', 'redirect URI registered with the provider app (default: loopback on 127.0.0.1)')
    .action(async (providerArgument: string, options: ConnectOptions) => {
      const global = program.opts<GlobalOptions>();
      await runCommand({ json: Boolean(global.json) }, async () => {
        const provider = parseProvider(providerArgument);
        const extra = options.redirectUri ? { providers: { [provider]: { redirectUri: options.redirectUri } } } : {};
        await withContext(configFor(global, extra), async (context) => {
          const status = options.token
            ? await connectWithToken(context, provider, options.token)
            : await connectWithOAuth(context, provider, options.browser);
          printResult({ json: Boolean(global.json) }, { ok: true, provider, ...status }, () =>
            `Connected ${provider} (${status.kind}${status.expiresAt ? `, access token expires ${status.expiresAt}` : ''}).\n` +
            `Next: wearables-mcp sync ${provider}`,
          );
        });
      });
    });

  program
    .command('disconnect')
    .description('Revoke the grant at the provider and delete the stored tokens (cached data stays unless --purge-data)')
    .argument('<provider>', PROVIDER_IDS.join(' | '))
    .option('--purge-data', 'also delete this provider’s cached records')
    .action(async (providerArgument: string, options: { purgeData?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      await runCommand({ json: Boolean(global.json) }, async () => {
        const provider = parseProvider(providerArgument);
        await withContext(configFor(global), async (context) => {
          const wasConnected = await context.tokens.isConnected(provider);
          const { revoked } = await context.tokens.disconnect(provider, { revoke: true });
          if (options.purgeData) await context.store.purgeProvider(provider);
          printResult({ json: Boolean(global.json) }, { ok: true, provider, wasConnected, revoked, purgedData: Boolean(options.purgeData) }, () =>
            wasConnected
              ? `Disconnected ${provider}${revoked ? ' (grant revoked at the provider)' : ' (tokens deleted; the provider did not confirm revocation)'}.`
              : `${provider} was not connected; nothing to do.`,
          );
        });
      });
    });
}

async function connectWithToken(context: AppContext, provider: ProviderId, token: string) {
  registerSecret(token);
  await context.tokens.save(provider, { kind: 'personal', accessToken: token, obtainedAt: context.now().getTime() });
  const implementation = context.providers.get(provider);
  if (!implementation) throw new WearablesError('VALIDATION_ERROR', `Provider ${provider} is not available in this build.`);
  try {
    await implementation.probe({ http: context.http(provider) });
  } catch (error) {
    if (error instanceof WearablesError && error.code === 'AUTH_FAILED') {
      await context.tokens.disconnect(provider, { revoke: false });
      throw new WearablesError('AUTH_FAILED', `${provider} rejected that token; nothing was stored.`, {
        hint: `Check the token (copy it again from the provider's developer page) and rerun \`wearables-mcp connect ${provider} --token <token>\`.`,
      });
    }
    throw error;
  }
  return context.tokens.status(provider);
}

async function connectWithOAuth(context: AppContext, provider: ProviderId, allowBrowser: boolean) {
  const implementation = context.providers.get(provider);
  if (!implementation) throw new WearablesError('VALIDATION_ERROR', `Provider ${provider} is not available in this build.`);
  const providerConfig = context.config.providers[provider] ?? {};
  if (!providerConfig.clientId || !providerConfig.clientSecret) {
    const upper = envPrefix(provider);
    throw new WearablesError('CONFIG_ERROR', `${provider} OAuth needs a client id and secret.`, {
      hint: `Register an app with ${provider}, set ${upper}_CLIENT_ID and ${upper}_CLIENT_SECRET, or use \`wearables-mcp connect ${provider} --token <token>\`.`,
    });
  }
  const tokens = await runAuthorizationCodeFlow({
    provider: implementation,
    ...(providerConfig.redirectUri ? { redirectUri: providerConfig.redirectUri } : {}),
    logger: context.logger,
    openBrowser: async (url) => {
      process.stderr.write(`Open this URL to authorize ${provider}:\n  ${url}\n`);
      if (!allowBrowser || !canOpenBrowser()) return false;
      try {
        const { default: open } = await import('open');
        await open(url);
        return true;
      } catch {
        return false;
      }
    },
    promptForRedirect: async (signal) => {
      const readline = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = await readline.question('Paste the full URL your browser was redirected to: ', signal ? { signal } : {});
        return answer.trim();
      } finally {
        readline.close();
      }
    },
  });
  await context.tokens.save(provider, tokens);
  return context.tokens.status(provider);
}

function canOpenBrowser(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
