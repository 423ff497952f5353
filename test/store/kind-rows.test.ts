/**
 * Rows read back from a real SQLite file are narrowed to their resource's kind once: a sleep
 * normalized from a recorded Oura document comes back with its typed fields; an identity-only
 * document (its payload failed the schema) is left out and counted, never served from `raw`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { normalizeOuraDocument } from '../../src/providers/oura/normalize.js';
import { narrowRow, narrowRows } from '../../src/store/kind-rows.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { firstDocument } from '../providers/oura/fixtures.js';
import { describeShared } from '../support/shared.js';

describeShared('stored rows typed by kind', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wearables-kind-rows-'));
    store = await openSqliteStore({ path: join(dir, 'cache.db') });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the rows of the kind with their typed fields and counts the unreadable ones', async () => {
    const night = normalizeOuraDocument('sleep', firstDocument('sleep')).record;
    const broken = firstDocument('sleep');
    delete broken.bedtime_start;
    broken.id = 'broken-night';
    const unreadable = normalizeOuraDocument('sleep', broken).record;
    expect(unreadable.kind).toBe('unreadable');
    await store.upsertRecords([night, unreadable]);

    const rows = await store.queryRecords({ provider: 'oura', resource: 'sleep' });
    expect(rows).toHaveLength(2);
    const typed = narrowRows('sleep_period', rows);
    expect(typed.unreadable).toBe(1);
    expect(typed.rows.map((row) => row.id)).toEqual([night.id]);
    const [stored] = typed.rows;
    // The canonical field holds the recorded night's total_sleep_duration (tools read it, never raw).
    expect(stored?.data.total_sleep_seconds).toBe(firstDocument('sleep').total_sleep_duration);
    expect(stored?.data.total_sleep_seconds).toEqual(expect.any(Number));
    expect(stored?.kind).toBe('sleep_period');
    expect(narrowRow('sleep_period', await store.getRecord('oura', 'sleep', 'broken-night'))).toBeNull();
    expect(narrowRow('sleep_period', null)).toBeNull();
  });
});
