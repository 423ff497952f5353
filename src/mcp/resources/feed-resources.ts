/** `wearables://sync-runs/{limit}` (recent sync runs) and `wearables://events/{since}` (change feed). */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import type { HostContext } from '../host-context.js';
import { WearablesError } from '../../core/errors.js';
import { gapField } from '../feed-gap.js';
import { guardedRead, jsonContents, quoted, variable } from './resource-support.js';

const MAX_RUNS = 200;
const EVENT_PAGE = 200;

/** Registers the sync-runs and events templates (before the generic provider templates). */
export function registerFeedResources(server: McpServer, context: HostContext): void {
  server.registerResource(
    'sync-runs',
    new ResourceTemplate('wearables://sync-runs/{limit}', { list: undefined }),
    { title: 'Recent sync runs', description: `The last N sync runs (1-${MAX_RUNS}), newest first, with counts and errors.`, mimeType: 'application/json' },
    (uri, variables) =>
      guardedRead(async () => {
        const text = variable(variables, 'limit');
        const limit = Number(text);
        if (!/^\d+$/.test(text) || limit < 1 || limit > MAX_RUNS) {
          throw new WearablesError('VALIDATION_ERROR', `limit must be a whole number from 1 to ${MAX_RUNS} (got ${quoted(text)})`, {
            hint: 'Use e.g. wearables://sync-runs/10.',
          });
        }
        const runs = await context.store.listSyncRuns({ limit });
        return jsonContents(uri, { runs });
      }),
  );
  server.registerResource(
    'events',
    new ResourceTemplate('wearables://events/{since}', { list: undefined }),
    {
      title: 'Change feed',
      description:
        'Changes stored after a cursor or ISO-8601 instant ("start" for the beginning), oldest first, with next_cursor; an event\'s data is the record as stored now (null once deleted); gap when the cursor is older than the retained feed.',
      mimeType: 'application/json',
    },
    (uri, variables) =>
      guardedRead(async () => {
        const since = variable(variables, 'since');
        const page = await context.store.listEvents({ ...(since === 'start' ? {} : { since }), limit: EVENT_PAGE });
        return jsonContents(uri, { events: page.events, next_cursor: page.nextCursor, has_more: page.hasMore, ...gapField(page.gap) });
      }),
  );
}
