import { isUtf8 } from 'node:buffer';
import type { Document } from '../core/document.js';
import { DecompressionError, decompressedChunks } from './decompress.js';
import { flagInvalidUtf8 } from './mapping.js';
import type { ChunkSource } from './source.js';
import { DEFAULT_MAX_RECORD_BYTES, ShardError, type ReadItem, type ReadOptions } from './types.js';

/** Plain text (`.txt`, `.md`, optionally compressed): the whole file is one document, id = its name. */
export async function* readTextFile(file: string, source: ChunkSource, options: ReadOptions, id: string): AsyncGenerator<ReadItem> {
  const content = await readAllBytes(file, source, options);
  if (!content.ok) {
    yield content.item;
    return;
  }
  const bytes = content.bytes;
  const text = bytes.toString('utf8');
  if (text.trim() === '') {
    yield { kind: 'error', bytes: bytes.length, error: { file, line: 1, kind: 'empty_text', message: 'file has no text' } };
    return;
  }
  const doc: Document = { id, text, fields: {}, taomi: {}, source: { file, line: 1 } };
  if (isUtf8(bytes)) {
    yield { kind: 'doc', doc, bytes: bytes.length };
    return;
  }
  flagInvalidUtf8(doc);
  const warning = { file, line: 1, kind: 'invalid_utf8', message: 'invalid UTF-8 bytes replaced with U+FFFD' };
  yield { kind: 'doc', doc, bytes: bytes.length, warnings: [warning] };
}

/** An HTML file is one document with empty text and the page bytes in `raw`, for extraction steps. */
export async function* readHtmlFile(file: string, source: ChunkSource, options: ReadOptions, id: string): AsyncGenerator<ReadItem> {
  const content = await readAllBytes(file, source, options);
  if (!content.ok) {
    yield content.item;
    return;
  }
  const doc: Document = {
    id,
    text: '',
    fields: {},
    taomi: {},
    source: { file, offset: 0 },
    raw: { bytes: content.bytes, contentType: 'text/html' },
  };
  yield { kind: 'doc', doc, bytes: content.bytes.length };
}

type WholeContent = { ok: true; bytes: Buffer } | { ok: false; item: ReadItem };

async function readAllBytes(file: string, source: ChunkSource, options: ReadOptions): Promise<WholeContent> {
  const limit = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const chunks: Buffer[] = [];
  let total = 0;
  const decoded = decompressedChunks(await source());
  try {
    for await (const chunk of decoded) {
      total += chunk.length;
      if (total <= limit) chunks.push(chunk);
    }
  } catch (error) {
    if (!(error instanceof DecompressionError)) throw new ShardError(file, `read failed: ${String(error)}`);
    const message = `${error.codec} stream broken at compressed byte ${error.compressedOffset}: ${error.message}; the file's document was dropped`;
    return { ok: false, item: { kind: 'error', bytes: total, error: { file, offset: error.compressedOffset, kind: error.kind, message } } };
  }
  if (total > limit) {
    const message = `file is ${total} bytes, more than the ${limit}-byte record limit`;
    return { ok: false, item: { kind: 'error', bytes: total, error: { file, kind: 'record_too_large', message } } };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
