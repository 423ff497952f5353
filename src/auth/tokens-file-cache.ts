/**
 * The tokens file as last read, kept while the file is unchanged. Change detection is a `stat`
 * (inode, size, mtime and ctime in nanoseconds): every write by any wearables-mcp process
 * replaces the file by rename (a new inode), so a CLI sync that refreshed a token is seen on the
 * next read without a restart. Concurrent readers share one stat (and one read when it changed).
 */
import { statSync } from 'node:fs';
import type { TokensFile } from './token-store.js';

export interface TokensFileCache {
  /** The file's current content (a missing file is an empty one). */
  current(): Promise<TokensFile>;
  /** Forgets the cached content (after a write by this process). */
  invalidate(): void;
}

/** Caches `path` as read by `readTokensFile` (see the module comment for how a change is detected). */
export function createTokensFileCache(path: string, readTokensFile: (path: string) => Promise<TokensFile>): TokensFileCache {
  let cached: { key: string; file: TokensFile } | undefined;
  let pending: Promise<TokensFile> | undefined;

  async function load(): Promise<TokensFile> {
    const key = fileKey(path);
    if (cached && cached.key === key) return cached.file;
    // Keyed by the stat taken before the read: a replacement racing the read leaves a key that
    // no longer matches, so the next call reads again (never a stale file under a new key).
    const file = await readTokensFile(path);
    cached = { key, file };
    return file;
  }

  return {
    current() {
      if (!pending) {
        const loading = load().finally(() => {
          if (pending === loading) pending = undefined;
        });
        pending = loading;
      }
      return pending;
    },
    invalidate() {
      // A load started before this process's write may return the old content: later callers
      // must not join it.
      cached = undefined;
      pending = undefined;
    },
  };
}

// Synchronous on purpose: a stat of a local file takes microseconds, a round trip through the
// thread pool (fs/promises) costs more than that under load.
function fileKey(path: string): string {
  try {
    const info = statSync(path, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}
