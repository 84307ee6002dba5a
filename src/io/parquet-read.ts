import { open } from 'node:fs/promises';
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type Compressors, type FileMetaData } from 'hyparquet';
import { compressors as pureJsCompressors } from 'hyparquet-compressors';
import { decompress as zstdDecompress } from 'zstd-napi';
import { excerpt, isPlainObject, recordToDocument } from './mapping.js';
import { PARQUET_JSON_COLUMNS } from './parquet-write.js';
import { getS3Object, isS3Url, s3ObjectSize } from './s3.js';
import { isIoError, ShardError, type ReadItem, type ReadOptions } from './types.js';

/** Native zstd is ~2x faster than the pure-JS decoder. */
const COMPRESSORS: Compressors = { ...pureJsCompressors, ZSTD: (input) => zstdDecompress(input) };

/**
 * Reads a Parquet file one row group at a time. Columns map like JSONL fields; a file written by
 * taomi (JSON text columns `taomi` and `fields`) is unpacked back into annotations and fields.
 */
export async function* readParquet(file: string, options: ReadOptions, idPrefix: string): AsyncGenerator<ReadItem> {
  const { buffer, close } = await openAsyncBuffer(file);
  try {
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(buffer);
    } catch (error) {
      throw new ShardError(file, `not a readable Parquet file: ${error instanceof Error ? error.message : String(error)}`);
    }
    const writtenByTaomi = hasTaomiColumns(metadata);
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      let rows: Record<string, unknown>[];
      try {
        rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, compressors: COMPRESSORS });
      } catch (error) {
        if (isIoError(error)) throw new ShardError(file, `read failed in rows ${rowStart}-${rowEnd - 1}: ${String(error)}`);
        const message = `row group with rows ${rowStart}-${rowEnd - 1} could not be decoded: ${error instanceof Error ? error.message : String(error)}`;
        yield { kind: 'error', bytes: Number(group.total_byte_size), error: { file, offset: rowStart, kind: 'parquet_row_group', message } };
        rowStart = rowEnd;
        continue;
      }
      const bytesPerRow = rows.length > 0 ? Number(group.total_byte_size) / rows.length : 0;
      for (let i = 0; i < rows.length; i++) {
        yield rowToItem(rows[i], rowStart + i, writtenByTaomi, file, options, idPrefix, Math.round(bytesPerRow));
      }
      rowStart = rowEnd;
    }
  } finally {
    await close();
  }
}

function rowToItem(
  row: Record<string, unknown>,
  rowIndex: number,
  writtenByTaomi: boolean,
  file: string,
  options: ReadOptions,
  idPrefix: string,
  bytes: number,
): ReadItem {
  const source = { file, offset: rowIndex };
  let record = toJsonSafe(row) as Record<string, unknown>;
  if (writtenByTaomi) {
    const unpacked = unpackTaomiRow(record);
    if (!unpacked.ok) return { kind: 'error', bytes, error: { ...source, kind: 'json_parse', message: unpacked.message, excerpt: excerpt(JSON.stringify(record)) } };
    record = unpacked.record;
  }
  const mapped = recordToDocument(record, options, source, `${idPrefix}:${rowIndex}`);
  if (mapped.ok) return { kind: 'doc', doc: mapped.doc, bytes };
  return { kind: 'error', bytes, error: { ...source, kind: mapped.kind, message: mapped.message, excerpt: excerpt(JSON.stringify(record)) } };
}

function hasTaomiColumns(metadata: FileMetaData): boolean {
  const names = new Set(metadata.schema.slice(1).map((element) => element.name));
  return PARQUET_JSON_COLUMNS.every((name) => names.has(name));
}

function unpackTaomiRow(row: Record<string, unknown>): { ok: true; record: Record<string, unknown> } | { ok: false; message: string } {
  const { fields: fieldsJson, taomi: taomiJson, ...columns } = row;
  try {
    const fields = typeof fieldsJson === 'string' ? JSON.parse(fieldsJson) : {};
    const taomi = typeof taomiJson === 'string' ? JSON.parse(taomiJson) : {};
    if (columns.url === null) delete columns.url;
    return { ok: true, record: { ...(isPlainObject(fields) ? fields : {}), ...columns, taomi } };
  } catch (error) {
    return { ok: false, message: `bad JSON in the fields/taomi columns: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Parquet values JSON cannot hold (BigInt, bytes) become numbers/strings so records can be written. */
function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (isPlainObject(value)) {
    const result: Record<string, unknown> = {};
    for (const key in value) result[key] = toJsonSafe(value[key]);
    return result;
  }
  return value;
}

async function openAsyncBuffer(path: string): Promise<{ buffer: AsyncBuffer; close: () => Promise<void> }> {
  if (isS3Url(path)) return { buffer: await s3AsyncBuffer(path), close: async () => {} };
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ShardError(path, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error));
  }
  const fileHandle = handle;
  const { size } = await fileHandle.stat();
  const buffer: AsyncBuffer = {
    byteLength: size,
    async slice(start, end = size) {
      const bytes = Buffer.alloc(end - start);
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await fileHandle.read(bytes, filled, bytes.length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + filled);
    },
  };
  return { buffer, close: () => fileHandle.close() };
}

async function s3AsyncBuffer(url: string): Promise<AsyncBuffer> {
  let size: number;
  try {
    size = await s3ObjectSize(url);
  } catch (error) {
    throw new ShardError(url, `cannot open S3 object: ${(error as { name?: string }).name ?? String(error)}`);
  }
  return {
    byteLength: size,
    async slice(start, end = size) {
      if (end <= start) return new ArrayBuffer(0);
      const { body } = await getS3Object(url, [start, end - 1]);
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    },
  };
}
