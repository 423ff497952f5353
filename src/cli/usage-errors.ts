/**
 * Command-line parse errors (unknown option, missing argument, unknown command) as the CLI's
 * other failures: a VALIDATION_ERROR with exit code 2, and with `--json` a JSON error document
 * on stdout instead of commander's text on stderr.
 */
import { CommanderError } from 'commander';
import { WearablesError } from '../core/errors.js';
import { reportError } from './output.js';

/** Whether the command line asks for JSON output (`--json` before any `--`). */
export function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

/** commander's output settings: with `--json` its error text and help-after-error stay silent. */
export function commanderOutput(json: boolean): { writeErr?: (text: string) => void; outputError?: (text: string) => void } {
  return json ? { writeErr: () => undefined, outputError: () => undefined } : {};
}

/** The VALIDATION_ERROR for a commander parse failure. */
export function usageError(error: CommanderError): WearablesError {
  // `commander.help` with a failing exit code: a command (or subcommand) word is missing.
  const text = error.code === 'commander.help' ? 'No command given' : error.message.replace(/^error:\s*/i, '').trim();
  const message = text || 'The command line could not be parsed';
  return new WearablesError('VALIDATION_ERROR', message.endsWith('.') ? message : `${message}.`, {
    hint: 'Run `wearables-mcp --help` or `wearables-mcp <command> --help` for the accepted commands, options and arguments.',
  });
}

/**
 * Handles what `program.parseAsync` threw (commander runs with `exitOverride`) and returns the
 * exit code: 0 after help or the version, 2 for a parse error (already printed by commander in
 * text mode, printed here as JSON with `--json`), the error's own code for anything else.
 */
export function reportParseFailure(json: boolean, error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0;
    const failure = usageError(error);
    if (json) return reportError({ json }, failure);
    return 2;
  }
  return reportError({ json }, error);
}
