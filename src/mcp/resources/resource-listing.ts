/**
 * `wearables://{provider}/{resource}`: what the cache holds for one resource (row count, first
 * and last day, sync cursor) and how to read a slice of it. `resources/list` enumerates one entry
 * per provider resource.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import type { HostContext } from '../host-context.js';
import { resourceSpec } from '../../providers/provider.js';
import { guardedRead, jsonContents, providerOf, providerResourceCompletions, providerVariable, variable } from './resource-support.js';

/** Registers the listing template. */
export function registerResourceListing(server: McpServer, context: HostContext): void {
  server.registerResource(
    'resource-listing',
    new ResourceTemplate('wearables://{provider}/{resource}', {
      complete: providerResourceCompletions(context),
      list: () => ({
        resources: [...context.providers.values()].flatMap((provider) =>
          provider.resources.map((spec) => ({
            uri: `wearables://${provider.id}/${spec.name}`,
            name: `${provider.id}/${spec.name}`,
            // Each its own title (clients list resources by title; the template's is shared by all).
            title: `${provider.displayName} ${spec.name.replaceAll('_', ' ')}: cached overview`,
            description: spec.description,
            mimeType: 'application/json',
          })),
        ),
      }),
    }),
    {
      title: 'Cached resource overview',
      description: 'Row count, first/last day and sync cursor of one provider resource in the cache, with the slice URI to read it.',
      mimeType: 'application/json',
    },
    (uri, variables) =>
      guardedRead(async () => {
        const provider = providerVariable(context, variable(variables, 'provider'));
        const spec = resourceSpec(providerOf(context, provider), variable(variables, 'resource'));
        const stats = await context.store.stats();
        const cursor = await context.store.getCursor(provider, spec.name);
        const base = { provider, resource: spec.name, description: spec.description, kind: spec.kind, cursor };
        if (spec.kind === 'series') {
          const series = stats.samples.find((entry) => entry.provider === provider && entry.series === (spec.series ?? spec.name));
          return jsonContents(uri, {
            ...base,
            count: series?.count ?? 0,
            first: series?.first != null ? new Date(series.first).toISOString() : null,
            last: series?.last != null ? new Date(series.last).toISOString() : null,
            slice_uri: `wearables://${provider}/${spec.name}/{start}/{end}`,
          });
        }
        const entry = stats.records.find((row) => row.provider === provider && row.resource === spec.name);
        return jsonContents(uri, {
          ...base,
          count: entry?.count ?? 0,
          first_day: entry?.firstDay ?? null,
          last_day: entry?.lastDay ?? null,
          slice_uri: `wearables://${provider}/${spec.name}/{start}/{end}`,
        });
      }),
  );
}
