/**
 * `wearables://{provider}/{resource}/{start}/{end}`: a cached slice of one resource as JSON
 * (documents: their canonical fields; series: hourly min/avg/max). Cache only: no sync.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import type { HostContext } from '../host-context.js';
import { resourceSpec } from '../../providers/provider.js';
import { MAX_RANGE_DAYS, resolveDayRange } from '../tools/shared/day-range.js';
import { WearablesError } from '../../core/errors.js';
import { guardedRead, jsonContents, providerOf, providerResourceCompletions, providerVariable, quoted, variable } from './resource-support.js';
import { addDays, DAY_PATTERN } from '../../core/time/days.js';
import { localDayOf, localDayStartMs, localIso, SERVER_ZONE } from '../../core/time/zones.js';

const HOUR = 3_600_000;
const MAX_ROWS = 1_000;

/** Registers the slice template. */
export function registerDataSlice(server: McpServer, context: HostContext): void {
  server.registerResource(
    'data-slice',
    new ResourceTemplate('wearables://{provider}/{resource}/{start}/{end}', { list: undefined, complete: providerResourceCompletions(context) }),
    {
      title: 'Cached data slice',
      description: 'Cached records of one provider resource between two local days (inclusive, YYYY-MM-DD), as JSON. Reads the cache only.',
      mimeType: 'application/json',
    },
    (uri, variables) =>
      guardedRead(async () => {
        const provider = providerVariable(context, variable(variables, 'provider'));
        const spec = resourceSpec(providerOf(context, provider), variable(variables, 'resource'));
        const dateInput = { start_date: variable(variables, 'start'), end_date: variable(variables, 'end') };
        if (!DAY_PATTERN.test(dateInput.start_date) || !DAY_PATTERN.test(dateInput.end_date)) {
          throw new WearablesError('VALIDATION_ERROR', `start and end must be local days like 2024-05-01 (got ${quoted(dateInput.start_date)}, ${quoted(dateInput.end_date)})`, {
            hint: 'Use wearables://<provider>/<resource>/<YYYY-MM-DD>/<YYYY-MM-DD>.',
          });
        }
        const range = resolveDayRange(dateInput, context.now(), MAX_RANGE_DAYS, { start: '{start}', end: '{end}' });
        const window = { start_date: range.startDay, end_date: range.endDay };
        if (spec.kind === 'series') {
          const buckets = await context.store.aggregateSamples({
            provider,
            series: spec.series ?? spec.name,
            start: localDayStartMs(range.startDay, SERVER_ZONE),
            end: localDayStartMs(addDays(range.endDay, 1), SERVER_ZONE),
            bucketMs: HOUR,
          });
          const rows = buckets.map((bucket) => ({ day: localDayOf(new Date(bucket.start), SERVER_ZONE), source: provider, start: localIso(bucket.start, SERVER_ZONE), min: bucket.min, avg: Math.round(bucket.avg * 10) / 10, max: bucket.max, count: bucket.count }));
          return jsonContents(uri, { provider, resource: spec.name, window, resolution: '1h', rows });
        }
        const records = await context.store.queryRecords({ provider, resource: spec.name, startDay: range.startDay, endDay: range.endDay, limit: MAX_ROWS });
        const rows = records.map((record) => ({ day: record.day, source: provider, id: record.id, start: record.start, end: record.end, stored_at: record.storedAt, data: record.data }));
        return jsonContents(uri, { provider, resource: spec.name, window, rows });
      }),
  );
}
