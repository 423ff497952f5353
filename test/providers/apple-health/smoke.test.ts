import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { readAppleHealthExport } from '../../../src/providers/apple-health/read-export.js';
import { SyntheticPerson } from '../../../src/simulator/person.js';
import { writeAppleHealthExport } from '../../../src/simulator/apple-health/export-file.js';

it('smoke', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ah-'));
  const now = new Date('2026-03-10T12:00:00Z');
  const person = new SyntheticPerson({ seed: 7, now });
  const t0 = performance.now();
  const written = await writeAppleHealthExport(join(dir, 'export.zip'), { person, exportedAt: now, days: 20 });
  console.log('written', written, performance.now() - t0);
  const reading = readAppleHealthExport(join(dir, 'export.zip'), { now });
  const counts: Record<string, number> = {};
  let samples = 0;
  const examples: Record<string, unknown> = {};
  for await (const page of reading.pages) {
    samples += page.samples.length;
    for (const r of page.records) { counts[r.resource] = (counts[r.resource] ?? 0) + 1; examples[r.resource] ??= r; }
  }
  console.log(counts, samples, reading.summary, JSON.stringify(examples, null, 1).slice(0, 6000));
});
