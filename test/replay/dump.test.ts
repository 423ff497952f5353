import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { startReplayApp } from './harness.js';
import { OURA_ACCOUNT_A, OURA_ACCOUNT_B, ouraHandler } from './oura-routes.js';

it('dump', async () => {
  for (const [name, files] of [['a', OURA_ACCOUNT_A], ['b', OURA_ACCOUNT_B]] as const) {
    const replay = await startReplayApp({ oura: ouraHandler(files) }, new Date('2024-02-01T12:00:00Z'));
    const out: Record<string, unknown> = {};
    for (const spec of replay.app.providers.get('oura')!.resources) {
      try {
        await replay.refresh('oura', spec.name, spec.windowing === 'datetime' ? { start: '2023-03-01T00:00:00Z', end: '2024-02-01T00:00:00Z' } : { start: '2023-03-01', end: '2024-02-01' });
      } catch (error) { out[`${spec.name}-error`] = String(error); }
      out[spec.name] = spec.kind === 'series'
        ? await replay.app.store.querySamples({ provider: 'oura', series: spec.series ?? 'heart_rate', start: 0, end: Date.now() })
        : (await replay.app.store.queryRecords({ provider: 'oura', resource: spec.name })).map((r) => ({ ...r, raw: undefined }));
    }
    out.requests = replay.servers.oura?.requests.length;
    out.served = [...(replay.servers.oura?.served ?? [])];
    writeFileSync(`/tmp/dump/oura-${name}.json`, JSON.stringify(out, null, 1));
    await replay.close();
  }
});
