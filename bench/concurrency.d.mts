// Types of bench/concurrency.mjs for the fast concurrency test (test/e2e/concurrency.e2e.test.ts).
export interface ConcurrencyRound {
  seconds: number;
  refreshes: Record<string, number>;
  refreshFailures: Record<string, number>;
  syncExitCodes: Array<number | null>;
  syncStatuses: Array<Record<string, string>>;
  readErrors: string[];
}

export interface ConcurrencyFigures {
  rounds: ConcurrencyRound[];
  grantsKept: boolean;
  finalSyncOk: boolean;
  busy: number;
  serverAlive: boolean;
  exitCode: number | null;
}

export function runConcurrency(options?: { rounds?: number; historyDays?: number }): Promise<ConcurrencyFigures>;
export function formatConcurrency(figures: ConcurrencyFigures): string;
