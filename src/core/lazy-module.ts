/**
 * Memoized dynamic imports: a provider's implementation (HTTP client, API schemas, normalizers)
 * loads on its first use instead of at start-up, so `serve` answers its first request without
 * evaluating code it may never run (measured in bench/cold-start.mjs).
 */

/** `load` runs once; a failed load is retried by the next call. */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/** The pages of an async iterable that a lazily loaded module produces. */
export async function* lazyIterable<T>(produce: () => Promise<AsyncIterable<T>>): AsyncIterable<T> {
  yield* await produce();
}
