import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DecompressStream } from 'zstd-napi';

export type Codec = 'none' | 'gzip' | 'zstd';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** Detects the codec from the first bytes, so misnamed files still decode. */
export function sniffCodec(head: Uint8Array): Codec {
  if (startsWith(head, GZIP_MAGIC)) return 'gzip';
  if (startsWith(head, ZSTD_MAGIC)) return 'zstd';
  return 'none';
}

/** The compressed stream broke: truncated (ends mid-stream) or corrupt. */
export class DecompressionError extends Error {
  override name = 'DecompressionError';
  constructor(
    readonly codec: Exclude<Codec, 'none'>,
    readonly truncated: boolean,
    /** Compressed bytes read when the error surfaced. */
    readonly compressedOffset: number,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }

  /** ReadProblem kind: truncated_gzip, corrupt_gzip, truncated_zstd, corrupt_zstd. */
  get kind(): string {
    return `${this.truncated ? 'truncated' : 'corrupt'}_${this.codec}`;
  }
}

/**
 * Yields the decompressed bytes of a stream whose codec is sniffed from its magic bytes.
 * A broken stream first yields everything that decoded, then throws DecompressionError.
 */
export async function* decompressedChunks(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const counter = { bytes: 0 };
  const raw = countedChunks(first.value, iterator, counter);
  const codec = sniffCodec(first.value);
  if (codec === 'none') {
    yield* raw;
    return;
  }
  // Small output chunks: when zlib hits corrupt data it drops the output chunk it was filling.
  const decoder = codec === 'gzip' ? createGunzip({ chunkSize: 64 * 1024 }) : new DecompressStream();
  pipeline(Readable.from(raw, { objectMode: false }), decoder, () => {});
  try {
    for await (const chunk of decoder) yield chunk as Buffer;
  } catch (error) {
    throw new DecompressionError(codec, isTruncation(error), counter.bytes, error);
  }
}

async function* countedChunks(
  first: Buffer,
  iterator: AsyncIterator<Buffer>,
  counter: { bytes: number },
): AsyncGenerator<Buffer> {
  try {
    counter.bytes += first.length;
    yield first;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      counter.bytes += next.value.length;
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}

function isTruncation(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /unexpected end of file|ended in middle of compressed data frame/i.test(message);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}
