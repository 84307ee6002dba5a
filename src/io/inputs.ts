import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';
import { isS3Url, listS3Objects, parseS3Url, type S3Object } from './s3.js';
import type { InputFile } from './types.js';

/**
 * Expands input arguments into a sorted, de-duplicated list of files:
 * - an existing file → itself; a directory → every file below it (hidden entries skipped);
 * - a glob (`data/**\/*.jsonl.gz`) → its matches, directories expanded; a glob matching nothing throws;
 * - `s3://bucket/key` → that object, or every object whose key starts with it (hidden parts skipped);
 * - `s3://bucket/dir/*.jsonl` → the objects matching the glob; matching nothing throws;
 * - a literal path that does not exist is returned as is (size undefined), so reading it fails
 *   its task with a message naming the file.
 * Local paths are returned absolute, so the order (and thus sharding) is stable.
 */
export async function expandInputs(patterns: string[]): Promise<InputFile[]> {
  const byPath = new Map<string, InputFile>();
  for (const pattern of patterns) {
    for (const file of await expandPattern(pattern)) {
      if (!byPath.has(file.path)) byPath.set(file.path, file);
    }
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function expandPattern(pattern: string): Promise<InputFile[]> {
  if (isS3Url(pattern)) return expandS3(pattern);
  const stats = await stat(pattern).catch(() => undefined);
  if (stats?.isDirectory()) return walkDirectory(resolve(pattern));
  if (stats) return [{ path: resolve(pattern), size: stats.size }];
  if (!isDynamicPattern(pattern)) return [{ path: resolve(pattern) }];
  const matches = await glob(pattern, { absolute: true, dot: false, onlyFiles: false, expandDirectories: false });
  if (matches.length === 0) throw new Error(`no input files match the pattern ${pattern}`);
  const files: InputFile[] = [];
  for (const match of matches) {
    const path = resolve(match);
    const matchStats = await stat(path);
    if (matchStats.isDirectory()) files.push(...(await walkDirectory(path)));
    else if (matchStats.isFile()) files.push({ path, size: matchStats.size });
  }
  return files;
}

async function walkDirectory(directory: string): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await walkDirectory(path)));
    else if (entry.isFile() || entry.isSymbolicLink()) {
      const entryStats = await stat(path).catch(() => undefined);
      if (entryStats?.isFile()) files.push({ path, size: entryStats.size });
    }
  }
  return files;
}

async function expandS3(url: string): Promise<InputFile[]> {
  const { bucket, key } = parseS3Url(url);
  if (isDynamicPattern(key)) return expandS3Glob(url, bucket, key);
  const objects = await listOrExplain(url, url);
  const exact = objects.find((object) => object.url === url);
  if (exact) return [{ path: exact.url, size: exact.size }];
  const visible = objects.filter((object) => !hasHiddenPart(parseS3Url(object.url).key.slice(key.length)));
  if (visible.length === 0) return [{ path: url }];
  return visible.map((object) => ({ path: object.url, size: object.size }));
}

/** `s3://bucket/crawl/*\/part-*.jsonl.gz`: lists below the literal part of the key, then matches. */
async function expandS3Glob(pattern: string, bucket: string, keyPattern: string): Promise<InputFile[]> {
  const segments = keyPattern.split('/');
  const literalSegments = segments.slice(0, segments.findIndex((segment) => isDynamicPattern(segment)));
  const prefix = literalSegments.length > 0 ? `${literalSegments.join('/')}/` : '';
  const matches = picomatch(keyPattern, { dot: false });
  const objects = await listOrExplain(`s3://${bucket}/${prefix}`, pattern);
  const files = objects.filter((object) => matches(parseS3Url(object.url).key)).map((object) => ({ path: object.url, size: object.size }));
  if (files.length === 0) throw new Error(`no input files match the pattern ${pattern}`);
  return files;
}

async function listOrExplain(url: string, pattern: string): Promise<S3Object[]> {
  try {
    return await listS3Objects(url);
  } catch (error) {
    throw new Error(`cannot list ${pattern}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function hasHiddenPart(relativeKey: string): boolean {
  return relativeKey.split('/').some((part) => part.startsWith('.'));
}
