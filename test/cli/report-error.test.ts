/** The CLI's one error translation: what a script sees for each kind of failure. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportError } from '../../src/cli/output.js';
import { WearablesError } from '../../src/core/errors.js';

describe('reportError', () => {
  let stdout: string[];
  let stderr: string[];
  beforeEach(() => {
    stdout = [];
    stderr = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  it('a bug (TypeError) is INTERNAL_ERROR, exit 13, without its message or stack', () => {
    const code = reportError({ json: true }, new TypeError("Cannot read properties of undefined (reading 'updateTimeout')"));
    expect(code).toBe(13);
    const document = JSON.parse(stdout.join('')) as { error: { code: string; message: string; hint: string } };
    expect(document.error.code).toBe('INTERNAL_ERROR');
    expect(document.error.message).toBe('An unexpected internal error occurred (TypeError).');
    expect(document.error.hint).toContain('log file');
    expect(stdout.join('')).not.toContain('updateTimeout');
  });

  it('an EACCES from the file system is FILE_ERROR, exit 12, naming the folder to fix', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/srv/data/report.html'"), {
      code: 'EACCES',
      syscall: 'open',
      path: '/srv/data/report.html',
    });
    expect(reportError({ json: false }, denied)).toBe(12);
    const text = stderr.join('');
    expect(text).toContain('Error (FILE_ERROR): Cannot open /srv/data/report.html: permission denied (EACCES).');
    expect(text).toContain('Next: Check that /srv/data exists, is a directory and is writable');
  });

  it('typed errors keep their code and exit code; a network failure keeps the fallback', () => {
    expect(reportError({ json: true }, new WearablesError('AUTH_FAILED', 'oura refused.'))).toBe(3);
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    // Unknown here means INTERNAL for the CLI, but a network failure is never called a bug.
    expect(reportError({ json: true }, refused)).toBe(6);
    expect(stdout.join('')).toContain('"code": "UPSTREAM_ERROR"');
  });
});
