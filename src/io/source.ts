import { open } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { ShardError } from './types.js';
import { getS3Object, isS3Url } from './s3.js';

const READ_CHUNK_BYTES = 1 << 20;

/** An opened input: a stream of its raw (possibly compressed) bytes. */
export interface OpenedSource {
  stream: Readable;
}

/**
 * Opens a local file or s3:// object for streaming. Fails with a ShardError before any byte is
 * read when the input is missing, not a file, or not readable.
 */
export async function openSource(path: string): Promise<OpenedSource> {
  if (isS3Url(path)) return openS3(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new ShardError(path, describeFsError(error));
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new ShardError(path, 'not a regular file');
  }
  return { stream: handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES }) };
}

/** Produces the raw byte stream of an input when a reader starts; may throw ShardError. */
export type ChunkSource = () => Promise<AsyncIterable<Buffer>>;

export function chunkSource(path: string): ChunkSource {
  return async () => (await openSource(path)).stream;
}

/**
 * Name used in generated ids (`<name>:<line>`): the path relative to the working directory when the
 * file lies below it, so ids stay stable when the same command is rerun from the same place.
 */
export function sourceName(path: string): string {
  if (isS3Url(path)) return path;
  const relativePath = relative(process.cwd(), resolve(path));
  if (relativePath === '' || relativePath.startsWith('..') || isAbsolute(relativePath)) return resolve(path);
  return relativePath.split(sep).join('/');
}

async function openS3(url: string): Promise<OpenedSource> {
  try {
    return { stream: (await getS3Object(url)).body };
  } catch (error) {
    throw new ShardError(url, describeS3Error(error));
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

function describeS3Error(error: unknown): string {
  const name = (error as { name?: string }).name;
  if (name === 'NoSuchKey' || name === 'NotFound') return 'no such S3 object';
  if (name === 'NoSuchBucket') return 'no such S3 bucket';
  if (name === 'AccessDenied') return 'S3 access denied';
  return error instanceof Error ? `${name ?? 'Error'}: ${error.message}` : String(error);
}
