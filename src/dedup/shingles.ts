import { Converter } from 'opencc-js/t2cn';
import { words } from '../text/words.js';
import { murmurInts, murmurWindow } from './hash.js';
import { contentForm } from './normalize.js';

export type ShingleKind = 'char' | 'word';

export interface ShingleOptions {
  shingle: ShingleKind;
  ngram: number;
  /** Fold Traditional characters to Simplified (OpenCC t2s) before shingling. */
  mergeScripts: boolean;
}

const SHINGLE_SEED = 0x5eed;
const WORD_SEED = 0x3a9d;

let traditionalToSimplified: ((text: string) => string) | undefined;

function toSimplified(text: string): string {
  const convert = (traditionalToSimplified ??= Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

/** Grows a reusable buffer instead of allocating one per document. */
function ensureCapacity(buffer: Int32Array, size: number): Int32Array {
  return buffer.length >= size ? buffer : new Int32Array(Math.max(size, buffer.length * 2));
}

/**
 * Hashes of a document's shingles: n-grams of the content form's characters (`char`), or of jieba words
 * of the NFKC-lowercased, digit-masked text (`word`). A text shorter than one n-gram has no shingles.
 */
export class Shingler {
  private hashes: Int32Array = new Int32Array(4096);
  private wordHashes: Int32Array = new Int32Array(1024);

  constructor(private readonly options: ShingleOptions) {}

  /** Fills and returns the buffer; only the first `count` entries are valid. */
  shingles(text: string): { hashes: Int32Array; count: number } {
    const source = this.options.mergeScripts ? toSimplified(text) : text;
    return this.options.shingle === 'char' ? this.charShingles(contentForm(source)) : this.wordShingles(source);
  }

  private charShingles(content: string): { hashes: Int32Array; count: number } {
    const n = this.options.ngram;
    const count = Math.max(0, content.length - n + 1);
    const hashes = (this.hashes = ensureCapacity(this.hashes, count));
    for (let i = 0; i < count; i++) hashes[i] = murmurWindow(content, i, i + n, SHINGLE_SEED);
    return { hashes, count };
  }

  private wordShingles(text: string): { hashes: Int32Array; count: number } {
    const tokens = words(text.normalize('NFKC').toLowerCase()).map((word) => word.replace(/\p{Nd}/gu, '0'));
    const perWord = (this.wordHashes = ensureCapacity(this.wordHashes, tokens.length));
    for (let i = 0; i < tokens.length; i++) perWord[i] = murmurWindow(tokens[i], 0, tokens[i].length, WORD_SEED);
    const n = this.options.ngram;
    const count = Math.max(0, tokens.length - n + 1);
    const hashes = (this.hashes = ensureCapacity(this.hashes, count));
    for (let i = 0; i < count; i++) hashes[i] = murmurInts(perWord, i, i + n, SHINGLE_SEED);
    return { hashes, count };
  }
}
