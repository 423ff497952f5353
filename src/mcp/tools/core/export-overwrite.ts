/**
 * Replacing an existing export from `export_data`: only with the user's own yes, asked through
 * MCP elicitation. The question is keyed by the files it names, so an answer given for one set
 * of files never applies to another. A client that cannot ask is refused with the CLI command
 * that does the same, for the user to run.
 */
import { createHash } from 'node:crypto';
import { WearablesError } from '../../../core/errors.js';
import { askUser, type UserConfirmation } from '../user-confirmation.js';

export interface OverwriteRequest {
  kind: string;
  format: string;
  path: string;
  provider?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
}

function quoted(value: string): string {
  return /^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The `wearables-mcp export ... --overwrite` command equivalent to the call (paths relative to the root). */
export function overwriteCommand(request: OverwriteRequest, root: string, demo: boolean): string {
  const parts = ['wearables-mcp', ...(demo ? ['--demo'] : []), 'export', '--root', root, '--out', request.path, '--kind', request.kind, '--format', request.format];
  if (request.provider) parts.push('--provider', request.provider);
  if (request.start_date) parts.push('--start', request.start_date);
  if (request.end_date) parts.push('--end', request.end_date);
  parts.push('--overwrite');
  return parts.map(quoted).join(' ');
}

function listOf(shown: readonly string[]): string {
  if (shown.length === 1) return shown[0] ?? '';
  return `${shown.length} files (${shown.slice(0, 3).join(', ')}${shown.length > 3 ? ', ...' : ''})`;
}

/**
 * Resolves when the user said yes to replacing `shown` (paths relative to `root`); otherwise
 * throws: the question (first round), FILE_EXISTS when they said no, or FILE_EXISTS with the
 * CLI command when this client cannot ask.
 */
export async function confirmOverwrite(shown: readonly string[], root: string, confirmation: UserConfirmation | undefined, command: string): Promise<void> {
  const key = `overwrite-${createHash('sha256').update(`${root}\n${shown.join('\n')}`).digest('hex').slice(0, 16)}`;
  const answer = confirmation?.answer(key) ?? 'missing';
  if (answer === 'yes') return;
  const files = listOf(shown);
  if (answer === 'no') {
    throw new WearablesError('FILE_EXISTS', `The user chose not to replace ${files}; nothing was written.`, {
      hint: 'Leave the file as it is, or export under another path.',
    });
  }
  if (confirmation?.available) {
    throw askUser(key, `An AI assistant wants to replace ${files} in your "${root}" export folder with a new export. The current content will be lost. Replace it?`);
  }
  throw new WearablesError('FILE_EXISTS', `${files} already exists, and replacing it needs the user's confirmation, which this client cannot ask for.`, {
    hint: `Export under another path, or ask the user to run: ${command}`,
  });
}
