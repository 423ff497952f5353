/** A log file that fails while the process runs costs the file, not the process. */
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { fallbackLine, guardStream } from '../../src/logging/log-file.js';

it('a log file that hits a full disk reports it once and the process keeps running', async () => {
  // /dev/full answers every write with ENOSPC, for root too: a real full disk without filling one.
  const notices: string[] = [];
  const stream = guardStream(pino.destination({ dest: '/dev/full', sync: false }), (error) => notices.push(fallbackLine('/dev/full', error)));
  for (let line = 0; line < 50; line++) stream.write(`{"msg":"line ${line}"}\n`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  stream.write('{"msg":"after the failure"}\n');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(notices).toHaveLength(1);
  expect(notices[0]).toContain('no space left on the device (ENOSPC); logging to stderr only');
});
