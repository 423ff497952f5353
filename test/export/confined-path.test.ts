/** The path rules every model-chosen export path passes, and the home-file check after realpath. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRelativePath } from '../../src/export/confined-path.js';
import { isHomeFile } from '../../src/export/home-files.js';

const scratch = mkdtempSync(join(tmpdir(), 'wearables-paths-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('parseRelativePath', () => {
  it('accepts plain relative names, dropping "." and a trailing slash', () => {
    expect(parseRelativePath('sleep.csv')).toEqual(['sleep.csv']);
    expect(parseRelativePath('./2024/week 1/sleep.csv')).toEqual(['2024', 'week 1', 'sleep.csv']);
    expect(parseRelativePath('all/')).toEqual(['all']);
  });

  it.each([
    ['/etc/passwd', 'relative'],
    ['~/.ssh/authorized_keys', 'relative'],
    ['C:\\Windows\\x.csv', 'relative'],
    ['\\\\server\\share\\x', 'relative'],
    ['..', '".."'],
    ['a/../../b.csv', '".."'],
    ['a\\..\\..\\b.csv', '".."'],
    ['a//b.csv', 'empty'],
    ['.', 'name a file'],
    ['a\u0000b', 'control'],
    ['line\nbreak.csv', 'control'],
    [`${'x'.repeat(256)}.csv`, 'longer than 255 bytes'],
    ['a/'.repeat(300), 'longer than 512'],
  ])('refuses %j (%s)', (input, why) => {
    expect(() => parseRelativePath(input)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', message: expect.stringContaining(why) }));
  });
});

describe('isHomeFile', () => {
  const home = join(scratch, 'home');
  mkdirSync(join(home, 'logs'), { recursive: true });
  symlinkSync(home, join(scratch, 'alias'));
  const files = { homes: [home], logFile: join(scratch, 'elsewhere', 'server.log') };

  it("recognises the home's own files however the path is spelled", async () => {
    for (const path of ['wearables.db', 'wearables.db-shm', 'tokens.json', 'tokens.json.lock', '.encryption-key', 'config.json', 'logs/x', 'sync-whoop.lock', 'new-folder/../tokens.json']) {
      expect(await isHomeFile(join(home, path), files), path).toBe(true);
      expect(await isHomeFile(join(scratch, 'alias', path), files), `alias/${path}`).toBe(true);
    }
    expect(await isHomeFile(files.logFile, files)).toBe(true);
    expect(await isHomeFile(`${files.logFile}.2`, files)).toBe(true);
  });

  it('leaves everything else to the user', async () => {
    for (const path of [join(home, 'exports', 'a.csv'), join(home, 'my-exports', 'a.csv'), join(home, 'report.html'), join(scratch, 'wearables.db'), home]) {
      expect(await isHomeFile(path, files), path).toBe(false);
    }
  });
});
