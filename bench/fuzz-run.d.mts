/** Types of bench/fuzz-run.mjs, for the vitest fast version (test/e2e/fuzz-tools.e2e.test.ts). */
export declare const MAX_ERROR_BYTES: number;

export interface FuzzFigures {
  calls: number;
  results: number;
  tool_errors: Record<string, number>;
  protocol_errors: Record<string, number>;
  max_answer_bytes: number;
  max_error_bytes: number;
  rss_mb_start: number | null;
  rss_mb_max: number;
  rss_mb_end?: number | null;
  slow_calls: string[];
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  seconds: number;
}

export interface FuzzReport {
  figures: FuzzFigures;
  /** Answers over budget or time, with a stack trace or a machine path. */
  problems: string[];
  /** Files found outside `<home>/exports` (relative to the temp root). */
  escapes: string[];
  /** Why the run stopped early (the server exited or stopped answering), else null. */
  died: string | null;
  root: string;
}

export declare function runToolFuzz(options: {
  calls: number;
  seed?: number;
  warm?: readonly string[];
  daysBack?: number;
  quotaFlagRate?: number;
  limitMs?: number;
  slowLimitMs?: number;
  slowMs?: number;
  keepRoot?: boolean;
  onProgress?: (index: number, figures: FuzzFigures) => void;
}): Promise<FuzzReport>;
