/**
 * Reads a request body as text with a byte limit, stopping at the limit: a declared
 * `Content-Length` over it is refused before reading anything, and a body streamed without one
 * is cancelled as soon as the bytes read pass it. Memory stays bounded by the limit, whatever
 * the sender sends.
 */

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too_large' };

/** The body of `request` as UTF-8, or `too_large` once more than `maxBytes` arrive. */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too_large' };
  }
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
}

/** The 413 answer; `Connection: close` so the rest of an oversize upload is not read. */
export function payloadTooLarge(maxBytes: number): Response {
  return Response.json(
    { error: 'payload_too_large', error_description: `The body is larger than ${maxBytes} bytes.` },
    { status: 413, headers: { connection: 'close' } },
  );
}
