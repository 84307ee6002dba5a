import { readShard } from './read.js';
import { DEFAULT_READ_OPTIONS, type ReadItem, type ReadOptions } from './types.js';

/** Reads a whole shard into memory, for reader tests. */
export async function readAll(path: string, options: Partial<ReadOptions> = {}): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readShard(path, { ...DEFAULT_READ_OPTIONS, ...options })) items.push(item);
  return items;
}
