// Types of bench/soak.mjs for the fast soak test (test/e2e/soak.e2e.test.ts).
export interface SoakOptions {
  runs?: number;
  intervalMinutes?: number;
  clients?: number;
  historyDays?: number;
  callPauseMs?: number;
  /** Tool calls the clients take turns at (default CALLS). */
  calls?: Array<{ name: string; arguments: Record<string, unknown> }>;
  serverEnv?: Record<string, string>;
  onRun?: (run: number, statuses: Record<string, string>, rssMb: number, lastRun: { started_at: string; finished_at: string }) => void;
}

export interface SoakFigures {
  runs: number;
  statuses: Array<Record<string, string>>;
  rssStartMb: number;
  rssAfterFirstRunMb: number;
  rssEndMb: number;
  rssMaxMb: number;
  callsAnswered: number;
  callErrors: string[];
  warnings: string[];
  log: string[];
  providerRequests: Record<string, number>;
  aliveAtEnd: boolean;
  leftoverLocks: string[];
  exitCode: number | null;
  durationSeconds: number;
}

export const CALLS: Array<{ name: string; arguments: Record<string, unknown> }>;
export function runSoak(options?: SoakOptions): Promise<SoakFigures>;
export function formatSoak(figures: SoakFigures): string;
