import { decompressedChunks } from './decompress.js';
import { readJsonl } from './jsonl.js';
import { readParquet } from './parquet-read.js';
import { isS3Url, parseS3Url } from './s3.js';
import { chunkSource, openSource, sourceName, type ChunkSource } from './source.js';
import { ShardError, type ReadItem, type ReadOptions } from './types.js';
import { readWarc } from './warc.js';
import { readHtmlFile, readTextFile } from './whole-file.js';

export type InputFormat = 'jsonl' | 'text' | 'html' | 'warc' | 'parquet';

const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  jsonl: 'jsonl',
  json: 'jsonl',
  ndjson: 'jsonl',
  txt: 'text',
  md: 'text',
  html: 'html',
  htm: 'html',
  warc: 'warc',
  wet: 'warc',
  parquet: 'parquet',
};

const COMPRESSION_SUFFIX = /\.(gz|zst|zstd)$/;

/** The input format implied by a file name (ignoring a .gz/.zst suffix), if any. */
export function formatFromName(path: string): InputFormat | undefined {
  const name = (isS3Url(path) ? parseS3Url(path).key : path).toLowerCase().replace(COMPRESSION_SUFFIX, '');
  const dot = name.lastIndexOf('.');
  if (dot === -1 || name.lastIndexOf('/') > dot) return undefined;
  return FORMAT_BY_EXTENSION[name.slice(dot + 1)];
}

/**
 * Reads one input shard (local path or s3:// URL) as documents and error items. Throws ShardError
 * (on the first `next()`) when the shard cannot be opened at all; bad records never throw.
 */
export function readShard(path: string, options: ReadOptions): AsyncGenerator<ReadItem> {
  const format = formatFromName(path);
  // Known formats return the reader itself: an extra generator layer costs ~10% on small records.
  return format ? readFormat(format, path, chunkSource(path), options) : readSniffed(path, options);
}

function readFormat(format: InputFormat, path: string, source: ChunkSource, options: ReadOptions): AsyncGenerator<ReadItem> {
  const idPrefix = sourceName(path);
  switch (format) {
    case 'jsonl':
      return readJsonl(path, source, options, idPrefix);
    case 'text':
      return readTextFile(path, source, options, idPrefix);
    case 'html':
      return readHtmlFile(path, source, options, idPrefix);
    case 'warc':
      return readWarc(path, source, options, idPrefix);
    case 'parquet':
      return readParquet(path, options, idPrefix);
  }
}

async function* readSniffed(path: string, options: ReadOptions): AsyncGenerator<ReadItem> {
  const { stream } = await openSource(path);
  const sniffed = await sniffFormat(stream);
  if (sniffed.format === undefined) {
    stream.destroy();
    throw new ShardError(path, 'unknown input format (expected .jsonl, .json, .ndjson, .txt, .md, .html, .warc, .wet or .parquet, optionally .gz/.zst)');
  }
  if (sniffed.format === 'parquet') stream.destroy();
  yield* readFormat(sniffed.format, path, async () => sniffed.chunks, options);
}

/** Guesses the format of a file without a known extension from its first decompressed bytes. */
async function sniffFormat(raw: AsyncIterable<Buffer>): Promise<{ format?: InputFormat; chunks: AsyncIterable<Buffer> }> {
  const head = await firstChunk(raw);
  if (!head.chunk) return { chunks: head.rest };
  if (head.chunk.subarray(0, 4).toString('latin1') === 'PAR1') return { format: 'parquet', chunks: head.rest };
  const peek = decompressedChunks(head.rest);
  const first = await firstChunk(peek);
  const start = (first.chunk ?? Buffer.alloc(0)).subarray(0, 512).toString('latin1').trimStart();
  let format: InputFormat | undefined;
  if (start.startsWith('WARC/')) format = 'warc';
  else if (start.startsWith('{')) format = 'jsonl';
  else if (/^<(!doctype html|html|head|body)/i.test(start)) format = 'html';
  return { format, chunks: first.rest };
}

/**
 * Pulls the first chunk of an iterable and returns an iterable that replays it before the rest.
 * Only one of the returned `rest` iterables may be consumed.
 */
async function firstChunk(source: AsyncIterable<Buffer>): Promise<{ chunk?: Buffer; rest: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      if (first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  return { chunk: first.done ? undefined : first.value, rest: rest() };
}
