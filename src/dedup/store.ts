import { closeSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { shardFileName } from './records.js';

/** Bounded cache of read-only file descriptors, so random reads across many shards stay cheap. */
class DescriptorCache {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit = 64) {}

  get(file: string): number {
    let fd = this.open.get(file);
    if (fd !== undefined) {
      this.open.delete(file);
      this.open.set(file, fd);
      return fd;
    }
    if (this.open.size >= this.limit) {
      const [oldest, oldFd] = this.open.entries().next().value as [string, number];
      closeSync(oldFd);
      this.open.delete(oldest);
    }
    fd = openSync(file, 'r');
    this.open.set(file, fd);
    return fd;
  }

  close(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }
}

function readExactly(fd: number, target: Uint8Array, position: number): void {
  let done = 0;
  while (done < target.length) {
    const read = readSync(fd, target, done, target.length - done, position + done);
    if (read === 0) throw new Error('dedup work file is shorter than expected (was a stage interrupted?)');
    done += read;
  }
}

/**
 * Variable-length records of one shard in position order: `<dir>/<shard>.<ext>` holds the bytes and
 * `<shard>.<ext>off` the Float64 start offsets (plus the end), so any record is two reads away.
 */
export class BlobWriter {
  private readonly fd: number;
  private readonly offsets: number[] = [0];
  private bytes = 0;
  private readonly file: string;

  constructor(private readonly dir: string, private readonly shard: number, private readonly extension: string) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, shardFileName(shard, extension));
    this.fd = openSync(`${this.file}.tmp`, 'w');
  }

  add(record: Uint8Array): void {
    writeSync(this.fd, record);
    this.bytes += record.length;
    this.offsets.push(this.bytes);
  }

  close(): void {
    closeSync(this.fd);
    const offsetFile = path.join(this.dir, shardFileName(this.shard, `${this.extension}off`));
    const offsetFd = openSync(`${offsetFile}.tmp`, 'w');
    writeSync(offsetFd, new Uint8Array(Float64Array.from(this.offsets).buffer));
    closeSync(offsetFd);
    renameSync(`${this.file}.tmp`, this.file);
    renameSync(`${offsetFile}.tmp`, offsetFile);
  }
}

/** Random access to blobs by (shard, position) without loading any shard into memory. */
export class BlobReader {
  private readonly files = new DescriptorCache();
  private readonly pair = new Float64Array(2);

  constructor(private readonly dir: string, private readonly extension: string) {}

  get(shard: number, position: number): Uint8Array {
    const offsets = this.files.get(path.join(this.dir, shardFileName(shard, `${this.extension}off`)));
    readExactly(offsets, new Uint8Array(this.pair.buffer), position * 8);
    const [start, end] = this.pair;
    const bytes = new Uint8Array(end - start);
    readExactly(this.files.get(path.join(this.dir, shardFileName(shard, this.extension))), bytes, start);
    return bytes;
  }

  close(): void {
    this.files.close();
  }
}

/** Document ids of one shard, in position order. */
export class IdWriter {
  private readonly blobs: BlobWriter;

  constructor(dir: string, shard: number) {
    this.blobs = new BlobWriter(dir, shard, 'ids');
  }

  add(id: string): void {
    this.blobs.add(Buffer.from(id, 'utf8'));
  }

  close(): void {
    this.blobs.close();
  }
}

export class IdReader {
  private readonly blobs: BlobReader;

  constructor(dir: string) {
    this.blobs = new BlobReader(dir, 'ids');
  }

  get(shard: number, position: number): string {
    const bytes = this.blobs.get(shard, position);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  }

  close(): void {
    this.blobs.close();
  }
}

/** Fixed-width int32 vectors per document (MinHash signatures), one file per shard, read by position. */
export class VectorWriter {
  private readonly fd: number;
  private readonly file: string;
  private readonly buffer: Int32Array;
  private filled = 0;

  constructor(dir: string, shard: number, private readonly width: number) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, shardFileName(shard, 'sig'));
    this.fd = openSync(`${this.file}.tmp`, 'w');
    this.buffer = new Int32Array(width * 256);
  }

  add(vector: Int32Array): void {
    this.buffer.set(vector, this.filled);
    this.filled += this.width;
    if (this.filled === this.buffer.length) this.flush();
  }

  private flush(): void {
    writeSync(this.fd, new Uint8Array(this.buffer.buffer, 0, this.filled * 4));
    this.filled = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(`${this.file}.tmp`, this.file);
  }
}

export class VectorReader {
  private readonly files = new DescriptorCache();

  constructor(private readonly dir: string, private readonly width: number) {}

  /** Reads the vector of (shard, position) into `into` (length = width). */
  read(shard: number, position: number, into: Int32Array): Int32Array {
    const fd = this.files.get(path.join(this.dir, shardFileName(shard, 'sig')));
    readExactly(fd, new Uint8Array(into.buffer, into.byteOffset, this.width * 4), position * this.width * 4);
    return into;
  }

  close(): void {
    this.files.close();
  }
}
