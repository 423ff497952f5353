/**
 * `writeChunk`: one fetched chunk's changes in one immediate transaction. Every input is validated
 * (and records hashed) before the transaction starts; a step that fails inside it (a coverage
 * format clash, a disk error) rolls back every earlier step, so a chunk is stored whole or not at all.
 */
import { WearablesError } from '../../core/errors.js';
import type { ChunkResult, ChunkWrite } from '../store.js';
import { canonicalWindow, dayWindow } from '../windows.js';
import { markCovered } from './coverage.js';
import { markChecked, validateCheck } from './open-checks.js';
import { applyDeleteMissing, applyRecords, prepareRecords } from './records-write.js';
import { applySamples, deleteSamples, validateRange, validateSamples } from './samples.js';
import type { AccountContext } from './sqlite-context.js';
import { setCursor, validateCursor } from './sync-state.js';

export function writeChunk(context: AccountContext, write: ChunkWrite): ChunkResult {
  const rows = prepareRecords(write.records ?? []);
  const deletion = write.deleteMissing ? { ...write.deleteMissing, days: dayWindow(write.deleteMissing.window) } : null;
  if (write.replaceSamples) validateRange(write.replaceSamples.start, write.replaceSamples.end);
  validateSamples(write.samples ?? []);
  if (write.covered) {
    canonicalWindow(write.covered.window);
    if (Number.isNaN(Date.parse(write.covered.syncedAt))) {
      throw new WearablesError('VALIDATION_ERROR', 'The chunk\'s syncedAt is not an ISO-8601 instant.', { hint: 'Pass new Date().toISOString().' });
    }
  }
  if (write.checked) validateCheck(write.checked.window, write.checked.checkedAt);
  if (write.cursor) validateCursor(write.cursor.cursor);

  return context.db
    .transaction((): ChunkResult => {
      const upserted = applyRecords(context, rows);
      const deleted = deletion ? applyDeleteMissing(context, deletion.provider, deletion.resource, deletion.days, deletion.keepIds) : 0;
      const replace = write.replaceSamples;
      const samplesRemoved = replace ? deleteSamples(context, replace.provider, replace.series, replace.start, replace.end) : 0;
      const samplesWritten = write.samples && write.samples.length > 0 ? applySamples(context, write.samples) : 0;
      // Nested transactions of these helpers run as savepoints of this one.
      if (write.covered) markCovered(context, write.covered.provider, write.covered.resource, write.covered.window, write.covered.syncedAt);
      if (write.checked) markChecked(context, write.checked.provider, write.checked.resource, write.checked.window, write.checked.checkedAt);
      if (write.cursor) setCursor(context, write.cursor.provider, write.cursor.resource, write.cursor.cursor);
      return { ...upserted, deleted, samplesRemoved, samplesWritten };
    })
    .immediate();
}
