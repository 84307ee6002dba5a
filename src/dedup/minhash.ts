import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defineStep, type CorpusStageContext, type CorpusStep } from '../core/step.js';
import { murmurInts, permutations } from './hash.js';
import { optimalBands, type BandLayout } from './lsh.js';
import { BucketSink, bucketFiles, readBucket, readInt32File, shardFileName } from './records.js';
import { Shingler } from './shingles.js';
import { estimatedJaccard, minhash } from './signature.js';
import { BlobReader, BlobWriter, IdReader, IdWriter, VectorReader, VectorWriter } from './store.js';
import { UnionFind } from './union-find.js';

export const minhashOptions = z
  .object({
    /** Target Jaccard similarity: LSH bands/rows are chosen for it and candidates must reach it. */
    threshold: z.number().gt(0).lt(1).default(0.7),
    /**
     * Weight of missed pairs (vs. candidate pairs below the threshold) when choosing bands/rows. Candidates are
     * verified against the full signature, so extra candidates only cost time: the default favours recall.
     */
    recall_weight: z.number().gt(0).lt(1).default(0.8),
    /** Hash permutations per signature (signature = 4 bytes × num_perm per document on disk). */
    num_perm: z.number().int().min(8).max(1024).default(128),
    /** Override the computed LSH layout (both or neither); bands × rows must be <= num_perm. */
    bands: z.number().int().min(1).optional(),
    rows: z.number().int().min(1).optional(),
    /** `char`: n-grams of characters (default, no segmenter); `word`: n-grams of jieba words. */
    shingle: z.enum(['char', 'word']).default('char'),
    ngram: z.number().int().min(1).max(64).default(5),
    /** Documents with fewer shingles are not hashed into LSH (kept, counted as `minhash.too_short`). */
    min_shingles: z.number().int().min(1).default(20),
    /** Fold Traditional to Simplified (OpenCC t2s) before shingling, so script variants cluster. */
    merge_scripts: z.boolean().default(false),
    /** Bucket files (= tasks of the `buckets` stage); the per-task working set is 20 B × docs × bands / buckets. */
    buckets: z.number().int().min(1).max(65536).default(16),
    /**
     * How candidates are checked: `signature` estimates Jaccard from the full signature (no extra disk);
     * `exact` computes it on the shingle sets, kept on disk (~4 bytes per shingle per document).
     */
    verify: z.enum(['signature', 'exact']).default('signature'),
    /** Each member of an LSH bucket is verified against at most this many earlier members. */
    max_comparisons: z.number().int().min(1).default(16),
  })
  .strict()
  .refine((o) => (o.bands === undefined) === (o.rows === undefined), { message: 'set both bands and rows, or neither' })
  .refine((o) => o.bands === undefined || o.bands * o.rows! <= o.num_perm, { message: 'bands × rows must be <= num_perm' });

export type MinhashOptions = z.output<typeof minhashOptions>;

const RULE = 'near_duplicate';
/** band, bandHash (2 words), shard, position. */
const BAND_WORDS = 5;
/** shard, position of the earlier document, shard, position of the later one, similarity × 1e6. */
const EDGE_WORDS = 5;
const SIMILARITY_SCALE = 1e6;
const BAND_SEED_1 = 0x62616e64;
const BAND_SEED_2 = 0x68617368;

interface Layout extends BandLayout {
  numPerm: number;
}

export function bandLayout(options: MinhashOptions): Layout {
  const chosen = options.bands !== undefined ? { bands: options.bands, rows: options.rows! } : optimalBands(options.threshold, options.num_perm, 1 - options.recall_weight, options.recall_weight);
  return { ...chosen, numPerm: options.num_perm };
}

const dirs = {
  ids: (workDir: string) => path.join(workDir, 'ids'),
  signatures: (workDir: string) => path.join(workDir, 'signatures'),
  bands: (workDir: string) => path.join(workDir, 'bands'),
  edges: (workDir: string) => path.join(workDir, 'edges'),
  clusters: (workDir: string) => path.join(workDir, 'clusters'),
  shingleSets: (workDir: string) => path.join(workDir, 'shingle-sets'),
};

/** Sorted distinct shingle hashes, the input of exact Jaccard. */
function shingleSet(hashes: Int32Array, count: number): Int32Array {
  const sorted = hashes.slice(0, count).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  return sorted.subarray(0, distinct);
}

export function exactJaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/** What the `buckets` and `clusters` stages compare: signatures, or shingle sets with `verify: exact`. */
interface Similarity {
  load(shard: number, position: number): Int32Array;
  compare(a: Int32Array, b: Int32Array): number;
  close(): void;
}

function similarity(workDir: string, options: MinhashOptions, layout: Layout): Similarity {
  if (options.verify === 'exact') {
    const sets = new BlobReader(dirs.shingleSets(workDir), 'set');
    return {
      load(shard, position) {
        const bytes = sets.get(shard, position);
        return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
      },
      compare: exactJaccard,
      close: () => sets.close(),
    };
  }
  const signatures = new VectorReader(dirs.signatures(workDir), layout.numPerm);
  return {
    load: (shard, position) => signatures.read(shard, position, new Int32Array(layout.numPerm)),
    compare: (a, b) => estimatedJaccard(a, b),
    close: () => signatures.close(),
  };
}

async function signShard(shardIndex: number, ctx: CorpusStageContext, options: MinhashOptions, layout: Layout): Promise<void> {
  const shard = ctx.shards[shardIndex];
  const shingler = new Shingler({ shingle: options.shingle, ngram: options.ngram, mergeScripts: options.merge_scripts });
  const perms = permutations(layout.numPerm);
  const sink = new BucketSink(dirs.bands(ctx.workDir), shardFileName(shard.index, 'bin'), options.buckets, BAND_WORDS);
  const signatures = new VectorWriter(dirs.signatures(ctx.workDir), shard.index, layout.numPerm);
  const ids = new IdWriter(dirs.ids(ctx.workDir), shard.index);
  const sets = options.verify === 'exact' ? new BlobWriter(dirs.shingleSets(ctx.workDir), shard.index, 'set') : undefined;
  const signature = new Int32Array(layout.numPerm);
  const record = new Int32Array(BAND_WORDS);
  let position = 0;
  let tooShort = 0;
  for await (const doc of ctx.readShard(shard)) {
    const { hashes, count } = shingler.shingles(doc.text);
    if (count < options.min_shingles) {
      signature.fill(0);
      tooShort++;
    } else {
      minhash(hashes, count, perms, signature);
      for (let band = 0; band < layout.bands; band++) {
        const from = band * layout.rows;
        record[0] = band;
        record[1] = murmurInts(signature, from, from + layout.rows, BAND_SEED_1 ^ band);
        record[2] = murmurInts(signature, from, from + layout.rows, BAND_SEED_2 ^ band);
        record[3] = shard.index;
        record[4] = position;
        sink.write((record[1] >>> 0) % options.buckets, record);
      }
    }
    signatures.add(signature);
    ids.add(doc.id);
    if (sets) {
      const set = shingleSet(hashes, count < options.min_shingles ? 0 : count);
      sets.add(new Uint8Array(set.buffer, set.byteOffset, set.byteLength));
    }
    position++;
  }
  sink.close();
  signatures.close();
  ids.close();
  sets?.close();
  ctx.counters.add('minhash.signed', position - tooShort);
  ctx.counters.add('minhash.too_short', tooShort);
}

/** Record offsets grouped by (band, bandHash); only groups with two or more members. */
function collidingGroups(records: Int32Array): number[][] {
  const count = records.length / BAND_WORDS;
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = records[i * BAND_WORDS] * 2 ** 32 + (records[i * BAND_WORDS + 1] >>> 0);
  const sorted = keys.slice().sort();
  const repeated = new Set<number>();
  for (let i = 1; i < count; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]);
  const groups = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    if (!repeated.has(keys[i])) continue;
    const key = `${keys[i]}:${records[i * BAND_WORDS + 2]}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(i * BAND_WORDS);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

function verifyBucket(bucket: number, ctx: CorpusStageContext, options: MinhashOptions, layout: Layout): void {
  const records = readBucket(dirs.bands(ctx.workDir), bucket);
  const measure = similarity(ctx.workDir, options, layout);
  const sink = new BucketSink(dirs.edges(ctx.workDir), `${String(bucket).padStart(6, '0')}.bin`, 1, EDGE_WORDS);
  const edge = new Int32Array(EDGE_WORDS);
  let candidates = 0;
  let edges = 0;
  try {
    for (const group of collidingGroups(records)) {
      group.sort((a, b) => records[a + 3] - records[b + 3] || records[a + 4] - records[b + 4]);
      const earlier: Int32Array[] = [];
      for (let i = 0; i < group.length; i++) {
        const member = group[i];
        const loaded = measure.load(records[member + 3], records[member + 4]);
        for (let j = 0; j < earlier.length; j++) {
          candidates++;
          const similar = measure.compare(loaded, earlier[j]);
          if (similar < options.threshold) continue;
          edge[0] = records[group[j] + 3];
          edge[1] = records[group[j] + 4];
          edge[2] = records[member + 3];
          edge[3] = records[member + 4];
          edge[4] = Math.round(similar * SIMILARITY_SCALE);
          sink.write(0, edge);
          edges++;
          break;
        }
        if (earlier.length < options.max_comparisons) earlier.push(loaded);
      }
    }
  } finally {
    measure.close();
    sink.close();
  }
  ctx.counters.add('minhash.candidates', candidates);
  ctx.counters.add('minhash.edges', edges);
}

/** Union-find key of a document: shard in the high bits, so numeric order is corpus order. */
const docKey = (shard: number, position: number): number => shard * 2 ** 32 + position;
const keyShard = (key: number): number => Math.floor(key / 2 ** 32);
const keyPosition = (key: number): number => key % 2 ** 32;

/** The strongest verified link of a document: what its removal is measured by. */
interface Link {
  similarity: number;
  other: number;
}

interface ShardClusters {
  /** position, survivor id, Jaccard with the survivor, strongest link's Jaccard, id at its other end. */
  removed: Array<[number, string, number, number, string]>;
  /** position, cluster size. */
  survivors: Array<[number, number]>;
}

function clusterEdges(ctx: CorpusStageContext, options: MinhashOptions, layout: Layout): void {
  const forest = new UnionFind();
  const strongest = new Map<number, Link>();
  const keepStrongest = (node: number, other: number, similarity: number) => {
    const current = strongest.get(node);
    if (!current || similarity > current.similarity || (similarity === current.similarity && other < current.other)) {
      strongest.set(node, { similarity, other });
    }
  };
  for (const file of bucketFiles(dirs.edges(ctx.workDir), 0)) {
    const edges = readInt32File(file);
    for (let at = 0; at < edges.length; at += EDGE_WORDS) {
      const earlier = docKey(edges[at], edges[at + 1]);
      const later = docKey(edges[at + 2], edges[at + 3]);
      forest.union(earlier, later);
      keepStrongest(earlier, later, edges[at + 4]);
      keepStrongest(later, earlier, edges[at + 4]);
    }
  }
  const sizes = forest.componentSizes();
  const byShard = new Map<number, ShardClusters>();
  const forShard = (shard: number): ShardClusters => {
    let entry = byShard.get(shard);
    if (!entry) byShard.set(shard, (entry = { removed: [], survivors: [] }));
    return entry;
  };
  const ids = new IdReader(dirs.ids(ctx.workDir));
  const measure = similarity(ctx.workDir, options, layout);
  try {
    for (const [root, size] of sizes) forShard(keyShard(root)).survivors.push([keyPosition(root), size]);
    for (const node of forest.nodes()) {
      const root = forest.find(node);
      if (root === node) continue;
      const survivor = measure.load(keyShard(root), keyPosition(root));
      const jaccard = Math.round(measure.compare(survivor, measure.load(keyShard(node), keyPosition(node))) * 1000) / 1000;
      const link = strongest.get(node)!;
      forShard(keyShard(node)).removed.push([
        keyPosition(node),
        ids.get(keyShard(root), keyPosition(root)),
        jaccard,
        Math.round(link.similarity / (SIMILARITY_SCALE / 1000)) / 1000,
        ids.get(keyShard(link.other), keyPosition(link.other)),
      ]);
    }
  } finally {
    ids.close();
    measure.close();
  }
  const out = dirs.clusters(ctx.workDir);
  mkdirSync(out, { recursive: true });
  for (const [shard, entry] of byShard) {
    const file = path.join(out, shardFileName(shard, 'json'));
    writeFileSync(`${file}.tmp`, JSON.stringify(entry));
    renameSync(`${file}.tmp`, file);
  }
  ctx.counters.add('minhash.clusters', sizes.size);
}

interface Removed {
  cluster: string;
  jaccard: number;
  link: number;
  linkedTo: string;
}

function loadClusters(workDir: string, shard: number): { removed: Map<number, Removed>; sizes: Map<number, number> } {
  const file = path.join(dirs.clusters(workDir), shardFileName(shard, 'json'));
  const removed = new Map<number, Removed>();
  const sizes = new Map<number, number>();
  if (existsSync(file)) {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as ShardClusters;
    for (const [position, cluster, jaccard, link, linkedTo] of entry.removed) removed.set(position, { cluster, jaccard, link, linkedTo });
    for (const [position, size] of entry.survivors) sizes.set(position, size);
  }
  return { removed, sizes };
}

export function createMinhashDedup(options: MinhashOptions, name: string): CorpusStep {
  const layout = bandLayout(options);
  return {
    kind: 'corpus',
    name,
    stages: [
      { name: 'signatures', taskCount: (ctx) => ctx.shards.length, runTask: (task, ctx) => signShard(task, ctx, options, layout) },
      { name: 'buckets', taskCount: () => options.buckets, runTask: async (task, ctx) => verifyBucket(task, ctx, options, layout) },
      { name: 'clusters', taskCount: () => 1, runTask: async (_task, ctx) => clusterEdges(ctx, options, layout) },
    ],
    async *run(docs, ctx) {
      const { removed, sizes } = loadClusters(ctx.workDir, ctx.shard.index);
      let position = 0;
      for await (const doc of docs) {
        const duplicate = removed.get(position);
        if (duplicate) {
          const { cluster, jaccard, link, linkedTo } = duplicate;
          ctx.remove(doc, { rule: RULE, value: link, threshold: options.threshold, detail: { cluster, jaccard, linked_to: linkedTo } });
        } else {
          doc.taomi.dup_cluster_size = sizes.get(position) ?? 1;
          yield doc;
        }
        position++;
      }
    },
  };
}

export const minhashDedup = defineStep({
  type: 'minhash_dedup',
  summary: 'Near-duplicate removal: MinHash-LSH over character (or jieba word) n-grams, verified, one survivor per cluster.',
  options: minhashOptions,
  create: createMinhashDedup,
});
