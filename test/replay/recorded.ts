/** Reading `../shared/specs/recorded/` (only inside `describeShared`). */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readSharedJson, sharedPath } from '../support/shared.js';

/** A recorded file as parsed JSON, by its path under `specs/recorded/` (`withings/getmeas_2.json`). */
export function recorded<T = unknown>(file: string): T {
  return readSharedJson<T>('specs', 'recorded', ...file.split('/'));
}

/** Every recorded JSON file of `provider` (paths under `specs/recorded/`). */
export function recordedFiles(provider: 'oura' | 'whoop' | 'withings'): string[] {
  const root = sharedPath('specs', 'recorded');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : name.endsWith('.json') ? [relative(root, path).split('\\').join('/')] : [];
    });
  return walk(join(root, provider)).sort();
}
