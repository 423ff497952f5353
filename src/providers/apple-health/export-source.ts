/**
 * Opens an Apple Health export as a stream of text: `export.zip` (its
 * `apple_health_export/export.xml` entry is inflated as it is read, with yauzl over the file's
 * central directory) or an `export.xml` itself. Memory stays flat whatever the size: one chunk
 * is in flight at a time.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { WearablesError } from '../../core/errors.js';

/** The largest export.xml read (uncompressed): a decade of Apple Watch data is a few GB. */
export const MAX_EXPORT_XML_BYTES = 32 * 1024 ** 3;

export interface ExportSourceOptions {
  signal?: AbortSignal;
  /** Called after each chunk with the uncompressed bytes read so far and the total. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Refuse exports whose XML is larger (default `MAX_EXPORT_XML_BYTES`). */
  maxBytes?: number;
}

const ZIP_MAGIC = 0x04034b50;

async function isZipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === ZIP_MAGIC;
  } finally {
    await handle.close();
  }
}

function invalidExport(message: string, hint = 'Import the export.zip the Health app wrote (profile → Export All Health Data), or the export.xml inside it.'): WearablesError {
  return new WearablesError('VALIDATION_ERROR', message, { hint });
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error) reject(invalidExport(`The file is not a readable zip archive (${error.message.slice(0, 120)}).`));
      else resolve(zip);
    });
  });
}

/** The archive's `export.xml` entry (the one in `apple_health_export/` first); null when none. */
function findExportEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    let fallback: yauzl.Entry | null = null;
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName === 'apple_health_export/export.xml') return resolve(entry);
      if (fallback === null && /(^|\/)export\.xml$/.test(entry.fileName)) fallback = entry;
      zip.readEntry();
    });
    zip.on('end', () => resolve(fallback));
    zip.on('error', (error: Error) => reject(invalidExport(`The zip archive is damaged (${error.message.slice(0, 120)}).`)));
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) reject(invalidExport(`export.xml cannot be read from the zip (${error.message.slice(0, 120)}).`));
      else resolve(stream);
    });
  });
}

/** Inflated zip chunks are 16 KB: they are gathered into pieces this large before decoding and parsing. */
const PIECE_BYTES = 256 * 1024;

async function* decode(stream: Readable, total: number, options: ExportSourceOptions): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const limit = options.maxBytes ?? MAX_EXPORT_XML_BYTES;
  let read = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.signal?.throwIfAborted();
      read += chunk.length;
      if (read > limit) throw invalidExport(`export.xml is larger than ${Math.round(limit / 1024 ** 3)} GB.`, 'Import a smaller export, or raise the limit.');
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < PIECE_BYTES) continue;
      yield decoder.decode(pending.length === 1 ? chunk : Buffer.concat(pending, pendingBytes), { stream: true });
      pending = [];
      pendingBytes = 0;
      options.onProgress?.(read, total);
    }
  } catch (error) {
    if (error instanceof WearablesError || options.signal?.aborted) throw error;
    throw invalidExport(`export.xml could not be read to its end (${error instanceof Error ? error.message.slice(0, 120) : 'unknown'}).`);
  } finally {
    stream.destroy();
  }
  const rest = decoder.decode(Buffer.concat(pending, pendingBytes));
  if (rest) yield rest;
  options.onProgress?.(read, total);
}

/**
 * Yields the text of the export at `path` (zip or xml), chunk by chunk. Throws a
 * VALIDATION_ERROR for a zip without `export.xml` or an oversized export; file-system errors
 * (missing file, permissions) propagate for the caller's boundary to describe.
 */
export async function* readExportText(path: string, options: ExportSourceOptions = {}): AsyncGenerator<string> {
  const info = await stat(path);
  if (!info.isFile()) throw invalidExport('The path is not a file.');
  if (!(await isZipFile(path))) {
    yield* decode(createReadStream(path, { highWaterMark: 256 * 1024 }), info.size, options);
    return;
  }
  const zip = await openZip(path);
  try {
    const entry = await findExportEntry(zip);
    if (!entry) throw invalidExport('The zip archive holds no export.xml.');
    const limit = options.maxBytes ?? MAX_EXPORT_XML_BYTES;
    if (entry.uncompressedSize > limit) throw invalidExport(`export.xml is larger than ${Math.round(limit / 1024 ** 3)} GB.`, 'Import a smaller export, or raise the limit.');
    yield* decode(await openEntry(zip, entry), entry.uncompressedSize, options);
  } finally {
    zip.close();
  }
}
