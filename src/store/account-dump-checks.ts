/**
 * Checks of an account dump batch before a driver writes it (every driver's `importAccount`):
 * the format version, the batch order (`account` first and once, kinds in dump order), bounded
 * batch sizes, provider ids and the few fields the target's constraints would otherwise reject
 * half-way through a batch.
 */
import { WearablesError } from '../core/errors.js';
import { isProviderIdShape } from '../core/provider-id.js';
import { ACCOUNT_DUMP_VERSION, DUMP_BATCH_ROWS, DUMP_SAMPLE_BATCH_ROWS, type AccountDumpBatch } from './account-dump.js';

const ORDER: ReadonlyArray<AccountDumpBatch['kind']> = ['account', 'records', 'samples', 'coverage', 'checks', 'cursors', 'syncRuns', 'events', 'connections'];

function invalid(message: string): WearablesError {
  return new WearablesError('VALIDATION_ERROR', `Account dump: ${message}`, { hint: 'Export the account again with the same wearables-mcp version.' });
}

/** Throws VALIDATION_ERROR when `batch` may not follow a batch of `previous` kind or is malformed. */
export function checkDumpBatch(batch: AccountDumpBatch, previous: AccountDumpBatch['kind'] | undefined): void {
  const position = ORDER.indexOf(batch.kind);
  if (position < 0) throw invalid(`unknown batch kind ${JSON.stringify(String(batch.kind)).slice(0, 40)}.`);
  if (previous === undefined && batch.kind !== 'account') throw invalid('the first batch must describe the account.');
  if (previous !== undefined && (batch.kind === 'account' || position < ORDER.indexOf(previous))) {
    throw invalid(`a ${batch.kind} batch came after a ${previous} batch.`);
  }
  if (batch.kind === 'account') {
    if (batch.account.version !== ACCOUNT_DUMP_VERSION) throw invalid(`format version ${String(batch.account.version)} is not ${ACCOUNT_DUMP_VERSION}.`);
    for (const [name, value] of [
      ['eventSeq', batch.account.eventSeq],
      ['compactedSeq', batch.account.compactedSeq],
    ] as const) {
      if (!Number.isSafeInteger(value) || value < 0) throw invalid(`${name} must be a non-negative integer.`);
    }
    return;
  }
  const limit = batch.kind === 'samples' ? DUMP_SAMPLE_BATCH_ROWS : DUMP_BATCH_ROWS;
  if (!Array.isArray(batch.rows) || batch.rows.length > limit) throw invalid(`a ${batch.kind} batch holds more than ${limit} rows.`);
  for (const row of batch.rows) {
    if (!isProviderIdShape(row.provider)) throw invalid(`a ${batch.kind} row has no valid provider id.`);
  }
  if (batch.kind === 'samples') {
    for (const row of batch.rows) {
      if (!Number.isSafeInteger(row.ts) || typeof row.value !== 'number' || !Number.isFinite(row.value) || typeof row.series !== 'string' || row.series === '') {
        throw invalid(`a sample of ${row.provider} is malformed.`);
      }
    }
  }
  if (batch.kind === 'events') {
    for (const row of batch.rows) {
      if (!Number.isSafeInteger(row.seq) || row.seq < 1) throw invalid('an event has no valid sequence number.');
    }
  }
}
