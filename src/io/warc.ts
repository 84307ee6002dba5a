import { isUtf8 } from 'node:buffer';
import { brotliDecompressSync } from 'node:zlib';
import { LimitReader, WARCParser, type WARCRecord } from 'warcio';
import type { Document } from '../core/document.js';
import { DecompressionError, decompressedChunks } from './decompress.js';
import { flagInvalidUtf8 } from './mapping.js';
import type { ChunkSource } from './source.js';
import { DEFAULT_MAX_RECORD_BYTES, isIoError, ShardError, type ReadItem, type ReadOptions, type ReadProblem } from './types.js';

const DOCUMENT_TYPES = new Set(['response', 'resource', 'conversion']);
const DIGITS = /^\d+$/;

/**
 * Reads WARC and WET files (plain or gzip, per-record or whole-file). `response`/`resource` records
 * become documents with empty text and the HTTP payload in `raw`; `conversion` records (WET) become
 * documents with their text. Offsets are byte offsets into the decompressed WARC.
 */
export async function* readWarc(
  file: string,
  source: ChunkSource,
  options: ReadOptions,
  idPrefix: string,
): AsyncGenerator<ReadItem> {
  const maxBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const parser = new WARCParser(decompressedChunks(await source()));
  let offset = 0;
  // Bytes of skipped records (warcinfo, request, ...) are counted with the next item.
  let uncounted = 0;
  try {
    for await (const record of parser) {
      offset = parser.offset;
      const bytes = uncounted + recordBytes(record);
      const item = await recordToItem(record, { file, offset }, bytes, maxBytes, idPrefix);
      uncounted = item ? 0 : bytes;
      if (item) yield item;
    }
  } catch (error) {
    if (error instanceof DecompressionError) {
      const message = `${error.codec} stream ${error.truncated ? 'ends unexpectedly' : 'is corrupt'} at compressed byte ${error.compressedOffset}; reading stopped in the record at offset ${offset}`;
      yield { kind: 'error', bytes: 0, error: { file, offset, kind: error.kind, message } };
      return;
    }
    if (isIoError(error)) throw new ShardError(file, `read failed near offset ${offset}: ${String(error)}`);
    const message = `WARC parsing stopped after the record at offset ${offset}: ${error instanceof Error ? error.message : String(error)}`;
    yield { kind: 'error', bytes: 0, error: { file, offset, kind: 'warc_parse', message } };
  }
}

async function recordToItem(
  record: WARCRecord,
  position: { file: string; offset: number },
  bytes: number,
  maxBytes: number,
  idPrefix: string,
): Promise<ReadItem | undefined> {
  const headerProblem = checkHeader(record);
  if (headerProblem) {
    return { kind: 'error', bytes, error: { ...position, kind: 'warc_header', message: headerProblem, excerpt: record.warcHeaders.toString().slice(0, 1000) } };
  }
  const type = record.warcType;
  if (!DOCUMENT_TYPES.has(type)) return undefined;
  const length = record.warcContentLength;
  if (length > maxBytes) {
    return { kind: 'error', bytes, error: { ...position, kind: 'record_too_large', message: `${type} record is ${length} bytes, more than the ${maxBytes}-byte record limit` } };
  }
  const id = record.warcHeader('WARC-Record-ID') ?? `${idPrefix}:${position.offset}`;
  const url = record.warcTargetURI ?? undefined;
  const fields: Record<string, unknown> = {};
  const date = record.warcDate;
  if (date) fields.warc_date = date;
  const source = { file: position.file, offset: position.offset };
  if (type === 'conversion') return conversionItem(record, { id, url, fields, source }, bytes);
  return responseItem(record, { id, url, fields, source }, bytes);
}

type DocumentBase = Pick<Document, 'id' | 'url' | 'fields' | 'source'>;

async function conversionItem(record: WARCRecord, base: DocumentBase, bytes: number): Promise<ReadItem> {
  const payload = Buffer.from(await record.readFully(false));
  if (cutShort(record)) return truncatedRecord(base, bytes);
  const text = payload.toString('utf8');
  if (text.trim() === '') {
    return { kind: 'error', bytes, error: { file: base.source.file, offset: base.source.offset, kind: 'empty_text', message: 'conversion record has no text' } };
  }
  const doc: Document = withoutUndefinedUrl({ ...base, text, taomi: {} });
  if (isUtf8(payload)) return { kind: 'doc', doc, bytes };
  flagInvalidUtf8(doc);
  const warning: ReadProblem = { file: base.source.file, offset: base.source.offset, kind: 'invalid_utf8', message: 'invalid UTF-8 bytes replaced with U+FFFD' };
  return { kind: 'doc', doc, bytes, warnings: [warning] };
}

async function responseItem(record: WARCRecord, base: DocumentBase, bytes: number): Promise<ReadItem> {
  const info = record.getResponseInfo();
  const raw = Buffer.from(await record.readFully(false));
  if (cutShort(record)) return truncatedRecord(base, bytes);
  const warnings: ReadProblem[] = [];
  let payload: Uint8Array = raw;
  if (info) {
    try {
      payload = await record.readFully(true);
    } catch (error) {
      warnings.push({ file: base.source.file, offset: base.source.offset, kind: 'content_decoding', message: `could not remove transfer/content encoding, kept the raw payload: ${String(error)}` });
    }
  }
  const httpHeaders = info ? headersToObject(info.headers) : undefined;
  if (httpHeaders?.['content-encoding']?.trim().toLowerCase() === 'br') {
    // warcio only inflates gzip/deflate and passes other encodings through untouched.
    try {
      payload = brotliDecompressSync(payload);
    } catch (error) {
      warnings.push({ file: base.source.file, offset: base.source.offset, kind: 'content_decoding', message: `could not undo brotli content encoding, kept the payload as is: ${String(error)}` });
    }
  }
  const contentType = httpHeaders?.['content-type'] ?? record.warcContentType ?? undefined;
  const httpStatus = info?.status === undefined ? undefined : Number(info.status);
  const doc: Document = withoutUndefinedUrl({
    ...base,
    text: '',
    taomi: {},
    raw: {
      bytes: payload,
      ...(contentType ? { contentType } : {}),
      ...(httpStatus !== undefined && Number.isFinite(httpStatus) ? { httpStatus } : {}),
      ...(httpHeaders ? { httpHeaders } : {}),
    },
  });
  return warnings.length > 0 ? { kind: 'doc', doc, bytes, warnings } : { kind: 'doc', doc, bytes };
}

/** Approximate size of a record in the decompressed archive: header, payload and separators. */
function recordBytes(record: WARCRecord): number {
  const length = record.warcContentLength;
  return record.warcHeaders.toString().length + 4 + (Number.isFinite(length) ? length : 0) + 4;
}

/** The archive ended before the record's Content-Length bytes were read. */
function cutShort(record: WARCRecord): boolean {
  return record._reader instanceof LimitReader && record._reader.limit > 0;
}

function truncatedRecord(base: DocumentBase, bytes: number): ReadItem {
  const message = 'the archive ends before the end of this record (fewer bytes than its Content-Length)';
  return { kind: 'error', bytes, error: { file: base.source.file, offset: base.source.offset, kind: 'truncated_record', message } };
}

/** Why a record's WARC header cannot be trusted, or undefined when it is well formed. */
function checkHeader(record: WARCRecord): string | undefined {
  const statusline = record.warcHeaders.statusline;
  if (!statusline.startsWith('WARC/')) return `record does not start with a WARC version line (found ${JSON.stringify(statusline.slice(0, 80))})`;
  if (!record.warcType) return 'record has no WARC-Type header';
  const length = record.warcHeader('Content-Length');
  if (length === null || length === undefined || !DIGITS.test(length.trim())) return `record has an invalid Content-Length ${JSON.stringify(length ?? null)}`;
  return undefined;
}

function headersToObject(headers: Iterable<[string, string]>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    result[key] = key in result ? `${result[key]}, ${value}` : value;
  }
  return result;
}

function withoutUndefinedUrl(doc: Document): Document {
  if (doc.url === undefined) delete doc.url;
  return doc;
}
