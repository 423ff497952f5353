/** Checks that what a replay stored (recorded payloads → normalize → SQLite) reads back as its resource's kind. */
import { expect } from 'vitest';
import { narrowData } from '../../src/core/records/narrow.js';
import type { ProviderId } from '../../src/core/types.js';
import type { ReplayApp } from './harness.js';

/**
 * Every stored row of `provider`'s document resources has the fields its resource's declared
 * kind requires and no schema mismatch. Returns how many rows were checked per resource.
 */
export async function expectStoredKinds(replay: ReplayApp, provider: ProviderId): Promise<Record<string, number>> {
  const registered = replay.app.providers.get(provider);
  if (!registered) throw new Error(`${provider} is not registered`);
  const counts: Record<string, number> = {};
  for (const spec of registered.resources) {
    if (spec.recordKind === null) continue;
    const rows = await replay.app.store.queryRecords({ provider, resource: spec.name });
    for (const row of rows) {
      expect(narrowData(spec.recordKind, row.data), `${provider}/${spec.name}/${row.id}`).not.toBeNull();
      expect(row.data, `${provider}/${spec.name}/${row.id}`).not.toHaveProperty('schema_mismatch_fields');
    }
    if (rows.length > 0) counts[spec.name] = rows.length;
  }
  return counts;
}
