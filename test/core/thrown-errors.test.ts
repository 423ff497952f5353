/**
 * The one classification of unknown thrown values, as every toWearablesError caller sees it
 * (sync with SYNC_ERROR, token refresh with UPSTREAM_ERROR, ...): a bug is INTERNAL_ERROR whatever
 * the fallback, a file-system failure FILE_ERROR naming the path, a network failure the fallback.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toWearablesError } from '../../src/core/errors.js';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('toWearablesError', () => {
  it('a plain bug is INTERNAL_ERROR even where the caller expects a sync or provider failure', () => {
    const bug = thrownBy(() => (undefined as unknown as { updateTimeout: number }).updateTimeout);
    for (const fallback of ['SYNC_ERROR', 'UPSTREAM_ERROR', 'CACHE_ERROR', 'AUTH_FAILED'] as const) {
      const error = toWearablesError(bug, fallback);
      expect(error.code).toBe('INTERNAL_ERROR');
      expect(error.message).toBe('An unexpected internal error occurred (TypeError).');
      expect(error.cause).toBe(bug);
    }
    expect(toWearablesError(new RangeError('Invalid time value'), 'SYNC_ERROR').code).toBe('INTERNAL_ERROR');
  });

  it('a real ENOTDIR is FILE_ERROR naming the path and the folder to fix (fails for root too)', () => {
    const home = mkdtempSync(join(tmpdir(), 'wearables-classify-'));
    try {
      writeFileSync(join(home, 'file'), 'x');
      const error = toWearablesError(thrownBy(() => mkdirSync(join(home, 'file', 'logs'), { recursive: true })), 'SYNC_ERROR');
      expect(error.code).toBe('FILE_ERROR');
      expect(error.message).toContain(join(home, 'file', 'logs'));
      expect(error.message).toContain('ENOTDIR');
      expect(error.hint).toContain('WEARABLES_MCP_HOME');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a network failure or an abort keeps the fallback: the provider or the network, not a bug', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(toWearablesError(refused, 'SYNC_ERROR').code).toBe('SYNC_ERROR');
    expect(toWearablesError(new DOMException('The operation timed out.', 'TimeoutError')).code).toBe('UPSTREAM_ERROR');
    expect(toWearablesError(new Error('provider said no'), 'SYNC_ERROR')).toMatchObject({ code: 'SYNC_ERROR', message: 'provider said no' });
  });
});
