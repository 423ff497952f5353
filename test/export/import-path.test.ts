import { mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveImportFile } from '../../src/export/import-path.js';

function home(): { home: string; exportRoots: string[]; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'import-path-'));
  const outside = join(base, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'export.zip'), 'x');
  const user = join(base, 'downloads');
  mkdirSync(user);
  writeFileSync(join(user, 'export.xml'), 'x');
  return { home: join(base, 'home'), exportRoots: [user], outside };
}

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code);

describe('resolveImportFile', () => {
  it('finds a file in <home>/imports (created 0700) or in a configured root, by relative path', async () => {
    const config = home();
    await expect(codeOf(resolveImportFile(config, undefined, 'export.zip'))).resolves.toBe('NOT_FOUND');
    expect(statSync(join(config.home, 'imports')).mode & 0o777).toBe(0o700);
    mkdirSync(join(config.home, 'imports', '2024'));
    writeFileSync(join(config.home, 'imports', '2024', 'export.zip'), 'x');
    await expect(resolveImportFile(config, undefined, '2024/export.zip')).resolves.toMatchObject({ root: 'imports', shown: '2024/export.zip', file: join(config.home, 'imports', '2024', 'export.zip') });
    await expect(resolveImportFile(config, 'downloads', 'export.xml')).resolves.toMatchObject({ root: 'downloads' });
  });

  it('refuses paths leaving the folder, absolute paths, links, folders and unknown roots', async () => {
    const config = home();
    await resolveImportFile(config, undefined, 'missing.zip').catch(() => undefined);
    const imports = join(config.home, 'imports');
    symlinkSync(join(config.outside, 'export.zip'), join(imports, 'link.zip'));
    symlinkSync(config.outside, join(imports, 'linked-folder'));
    mkdirSync(join(imports, 'folder'));
    for (const path of ['../outside/export.zip', join(config.outside, 'export.zip'), 'link.zip', 'linked-folder/export.zip', 'folder', 'a/../../x.zip', '~/export.zip']) {
      const error = await resolveImportFile(config, undefined, path).catch((caught: { code: string; message: string; hint: string }) => caught);
      expect(error, path).toMatchObject({ code: 'VALIDATION_ERROR', hint: expect.stringContaining('import folder') as unknown });
      expect((error as { message: string }).message).not.toContain(config.outside);
    }
    await expect(codeOf(resolveImportFile(config, 'nope', 'export.zip'))).resolves.toBe('VALIDATION_ERROR');
  });
});
