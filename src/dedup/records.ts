import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Fixed-width int32 records appended to one file per bucket: `<dir>/<bucket>/<fileName>`.
 * Each bucket keeps a small buffer and spills to disk when it fills, so memory stays constant however
 * many records a task writes. Files are written under a temporary name and renamed by `close()`, so a
 * re-run task replaces, never appends to, a half-written file. Records are in native (little-endian) order.
 */
export class BucketSink {
  private readonly buffers: Int32Array[] = [];
  private readonly filled: number[] = [];
  private readonly fds: number[] = [];
  private readonly capacity: number;

  constructor(
    private readonly dir: string,
    private readonly fileName: string,
    readonly buckets: number,
    readonly words: number,
    bufferBytes = 1 << 16,
  ) {
    this.capacity = Math.max(1, Math.floor(bufferBytes / 4 / words)) * words;
  }

  /** Appends `record` (exactly `words` values) to `bucket`. */
  write(bucket: number, record: ArrayLike<number>): void {
    let buffer = this.buffers[bucket];
    if (!buffer) {
      buffer = this.buffers[bucket] = new Int32Array(this.capacity);
      this.filled[bucket] = 0;
    }
    let at = this.filled[bucket];
    for (let i = 0; i < this.words; i++) buffer[at++] = record[i];
    this.filled[bucket] = at;
    if (at === this.capacity) this.flush(bucket);
  }

  private tempPath(bucket: number): string {
    return path.join(this.dir, String(bucket), `${this.fileName}.tmp`);
  }

  private flush(bucket: number): void {
    const count = this.filled[bucket];
    if (!count) return;
    let fd = this.fds[bucket];
    if (fd === undefined) {
      mkdirSync(path.join(this.dir, String(bucket)), { recursive: true });
      fd = this.fds[bucket] = openSync(this.tempPath(bucket), 'w');
    }
    const buffer = this.buffers[bucket];
    writeSync(fd, new Uint8Array(buffer.buffer, buffer.byteOffset, count * 4));
    this.filled[bucket] = 0;
  }

  /** Flushes every bucket and publishes the files. */
  close(): void {
    for (let bucket = 0; bucket < this.buckets; bucket++) {
      if (this.buffers[bucket]) this.flush(bucket);
      const fd = this.fds[bucket];
      if (fd === undefined) continue;
      closeSync(fd);
      renameSync(this.tempPath(bucket), path.join(this.dir, String(bucket), this.fileName));
    }
  }
}

/** Reads a whole binary file as int32 words (copying, so the view is aligned). */
export function readInt32File(file: string): Int32Array {
  const bytes = readFileSync(file);
  const words = new Int32Array(bytes.length >>> 2);
  new Uint8Array(words.buffer).set(bytes.subarray(0, words.length * 4));
  return words;
}

/** Published record files of one bucket, in a stable (sorted) order. */
export function bucketFiles(dir: string, bucket: number): string[] {
  const folder = path.join(dir, String(bucket));
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => !name.endsWith('.tmp'))
    .sort()
    .map((name) => path.join(folder, name));
}

/** Concatenates every record file of one bucket: the per-bucket working set of a reduce stage. */
export function readBucket(dir: string, bucket: number): Int32Array {
  const parts = bucketFiles(dir, bucket).map(readInt32File);
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const all = new Int32Array(total);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

/** Shard file names sort in shard order. */
export function shardFileName(shard: number, extension: string): string {
  return `${String(shard).padStart(8, '0')}.${extension}`;
}
