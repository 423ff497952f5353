// An oversize webhook body (100 MiB, streamed without Content-Length) against the receiver's
// streaming limit (dist/http/read-body.js: stop at 256 KiB, 413), next to a baseline measured in
// the same run: the same server reading the whole body first (`request.text()`, as the receiver
// did before). Prints peak RSS growth and how much the sender pushed before the answer. Each
// variant runs in its own child process so one's memory does not count against the other.
// Target: streaming growth under 32 MiB. Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TOTAL = Number(process.env.BENCH_BODY_MB ?? 100) * 1024 * 1024;
const LIMIT = 256 * 1024;
const TARGET_MB = 32;

async function variant(mode) {
  const { getRequestListener } = await import('@hono/node-server');
  const { readBodyLimited, payloadTooLarge } = await import(join(root, 'dist/http/read-body.js'));
  const handler = async (incoming) => {
    if (mode === 'streaming') {
      const body = await readBodyLimited(incoming, LIMIT);
      return body.ok ? new Response('ok') : payloadTooLarge(LIMIT);
    }
    const text = await incoming.text();
    return Buffer.byteLength(text) > LIMIT ? Response.json({ error: 'payload_too_large' }, { status: 413 }) : new Response('ok');
  };
  const server = createServer(getRequestListener(handler));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  const result = await new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const outgoing = request(`http://127.0.0.1:${server.address().port}/webhooks/oura`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      answered = true;
      response.resume();
      response.on('end', () => {
        outgoing.destroy();
        resolve({ status: response.statusCode, sent });
      });
    });
    outgoing.on('error', (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < TOTAL) {
        sent += chunk.length;
        if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
      }
      if (!answered) outgoing.end();
    };
    pump();
  });
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  server.closeAllConnections();
  server.close();
  console.log(JSON.stringify({ mode, status: result.status, sentMiB: result.sent / 1048576, growthMiB: (peak - before) / 1048576, ms: performance.now() - started }));
}

if (process.argv[2]) {
  await variant(process.argv[2]);
} else {
  const run = (mode) => {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), mode], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${mode} variant failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').at(-1));
  };
  const baseline = run('buffered');
  const streaming = run('streaming');
  const line = (entry) => `${entry.mode.padEnd(9)} HTTP ${entry.status}  sent ${entry.sentMiB.toFixed(1).padStart(6)} MiB before the answer  RSS +${entry.growthMiB.toFixed(1).padStart(6)} MiB  ${entry.ms.toFixed(0)} ms`;
  console.log(`oversize webhook body, ${TOTAL / 1048576} MiB streamed:`);
  console.log(line(baseline));
  console.log(line(streaming));
  console.log(`RSS growth ratio streaming/buffered: ${(streaming.growthMiB / Math.max(baseline.growthMiB, 0.1)).toFixed(3)}  (target: streaming < ${TARGET_MB} MiB)`);
  if (streaming.status !== 413 || streaming.growthMiB >= TARGET_MB) process.exitCode = 1;
}
