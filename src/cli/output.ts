/**
 * CLI output discipline: human text on stdout (or JSON with `--json`), diagnostics on stderr,
 * and exit codes that scripts can branch on.
 */
import { toWearablesError, type ErrorCode } from '../core/errors.js';
import { scrubSecrets } from '../logging/secrets.js';

/** Exit codes per error code (0 = success; a bug is INTERNAL_ERROR, 13). */
export const EXIT_CODES: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 2,
  CONFIG_ERROR: 2,
  AUTH_FAILED: 3,
  NOT_CONNECTED: 4,
  RATE_LIMITED: 5,
  UPSTREAM_ERROR: 6,
  NOT_FOUND: 7,
  CACHE_ERROR: 8,
  SYNC_ERROR: 9,
  FILE_EXISTS: 10,
  EXPORT_ERROR: 11,
  FILE_ERROR: 12,
  INTERNAL_ERROR: 13,
};

export interface OutputOptions {
  json: boolean;
}

/** Prints a command result: `json` as one JSON document, otherwise the human lines. */
export function printResult(options: OutputOptions, json: unknown, human: () => string): void {
  const text = options.json ? JSON.stringify(json, null, 2) : human();
  process.stdout.write(scrubSecrets(text.endsWith('\n') ? text : `${text}\n`));
}

/** Prints an error (JSON on stdout with --json, else a sentence on stderr) and returns the exit code. */
export function reportError(options: OutputOptions, error: unknown): number {
  const wearablesError = toWearablesError(error, 'INTERNAL_ERROR');
  if (options.json) {
    process.stdout.write(`${scrubSecrets(JSON.stringify({ ok: false, error: wearablesError.toJSON() }, null, 2))}\n`);
  } else {
    const hint = wearablesError.hint ? `\n  Next: ${wearablesError.hint}` : '';
    process.stderr.write(scrubSecrets(`Error (${wearablesError.code}): ${wearablesError.message}${hint}\n`));
  }
  return EXIT_CODES[wearablesError.code];
}
