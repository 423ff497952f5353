import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: one on CI's 2-core machine, which leaves a
    // core idle while end-to-end files wait on their child processes and servers. Two workers (the
    // suite also passes with far more contention: every helper's run shared these 2 cores) keep CI
    // within its 30 minutes with three Node versions. VITEST_MAX_WORKERS overrides.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 2),
    // The JSON report lets .ci/run print one plain 'N passed, N failed' line for CI.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest-results.json' }]],
  },
});
