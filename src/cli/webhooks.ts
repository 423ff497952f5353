/** `wearables-mcp webhooks subscribe|list|renew|unsubscribe <provider>`: provider webhook subscriptions. */
import type { Command } from 'commander';
import { manageSubscriptions, type ManageResult, type SubscriptionAction } from '../webhooks/manage.js';
import { configFor, parseProvider, type GlobalOptions } from './options.js';
import { printResult } from './output.js';
import { runCommand, withContext } from './run-command.js';

interface WebhookFlags {
  callbackUrl?: string;
  resources?: string;
}

/** Registers `webhooks` and its subcommands. */
export function registerWebhooksCommand(program: Command): void {
  const webhooks = program.command('webhooks').description('Manage provider webhook subscriptions (push instead of polling; needs serve --http reachable by URL)');
  const run = (action: SubscriptionAction) => async (providerArg: string, id: string | undefined, flags: WebhookFlags) => {
    const global = program.opts<GlobalOptions>();
    await runCommand({ json: Boolean(global.json) }, async () => {
      const provider = parseProvider(providerArg);
      const result = await withContext(configFor(global), (context) =>
        manageSubscriptions(context, {
          action,
          provider,
          ...(id ? { id } : {}),
          ...(flags.callbackUrl ? { callbackUrl: flags.callbackUrl } : {}),
          ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
          ...(process.env.WEBHOOK_VERIFICATION_TOKEN ? { verificationToken: process.env.WEBHOOK_VERIFICATION_TOKEN } : {}),
          ...(flags.resources ? { resources: flags.resources.split(',').map((name) => name.trim()).filter(Boolean) } : {}),
        }),
      );
      printResult({ json: Boolean(global.json) }, result, () => describe(result));
    });
  };
  webhooks
    .command('subscribe <provider>')
    .description('subscribe to change notifications (callback: PUBLIC_BASE_URL/webhooks/<provider>)')
    .option('--callback-url <url>', 'where the provider sends notifications')
    .option('--resources <list>', 'comma-separated resources (default: all the provider can notify about)')
    .action((provider: string, flags: WebhookFlags) => run('subscribe')(provider, undefined, flags));
  webhooks.command('list <provider>').description('list subscriptions').action((provider: string) => run('list')(provider, undefined, {}));
  webhooks.command('renew <provider> [id]').description('renew one subscription, or all').action((provider: string, id?: string) => run('renew')(provider, id, {}));
  webhooks
    .command('unsubscribe <provider> [id]')
    .description('remove one subscription, or all')
    .action((provider: string, id?: string) => run('unsubscribe')(provider, id, {}));
}

function describe(result: ManageResult): string {
  if (result.action === 'unsubscribe') return `Removed ${result.removed?.length ?? 0} ${result.provider} subscription(s).`;
  if (result.subscriptions.length === 0) return `No ${result.provider} webhook subscriptions.`;
  const lines = result.subscriptions.map(
    (entry) => `  ${entry.id}  ${entry.resource}/${entry.event}  -> ${entry.callbackUrl}${entry.expiresAt ? `  (expires ${entry.expiresAt})` : ''}`,
  );
  return [`${result.provider} webhook subscriptions (${result.action}):`, ...lines].join('\n');
}
