import { z } from 'zod';
import { defineStep } from '../core/step.js';
import { codePointLength } from '../core/document.js';
import { analysisOf, type Tokens } from './analysis.js';
import { above, documentFilter, modeOption, ratio, threshold, type Check } from './common.js';

const nGramThresholds = (defaults: Record<string, number>) =>
  z.record(z.string().regex(/^([2-9]|10)$/, 'n must be 2..10'), z.number().nullable()).default(defaults);

/** FineWeb-2 `cmn_Hani` thresholds (anchors §1.1); paragraph and char duplicate checks are off there. */
export const gopherRepetitionOptions = z
  .object({
    mode: modeOption,
    dup_line_frac: threshold(0.287),
    dup_para_frac: threshold(null),
    dup_line_char_frac: threshold(null),
    dup_para_char_frac: threshold(null),
    top_n_grams: nGramThresholds({ '2': 0.256, '3': 0.201, '4': 0.171 }),
    dup_n_grams: nGramThresholds({ '5': 0.198, '6': 0.182, '7': 0.167, '8': 0.154, '9': 0.14, '10': 0.127 }),
  })
  .strict();

export type GopherRepetitionOptions = z.output<typeof gopherRepetitionOptions>;

/** datatrove `find_duplicates`: how many elements repeat an earlier one, and their characters. */
export function findDuplicates(elements: readonly string[]): { elements: number; chars: number } {
  const seen = new Set<string>();
  let duplicates = 0;
  let chars = 0;
  for (const element of elements) {
    if (seen.has(element)) {
      duplicates++;
      chars += codePointLength(element);
    } else {
      seen.add(element);
    }
  }
  return { elements: duplicates, chars };
}

/**
 * Open-addressing counter of n-grams keyed by two 32-bit hashes of their token ids. Reused across
 * documents (a generation stamp empties it in O(1)) so the hot loop allocates nothing.
 */
class NGramTable {
  private mask = 0;
  private keyA = new Int32Array(0);
  private keyB = new Int32Array(0);
  private counts = new Int32Array(0);
  private order = new Int32Array(0);
  private stamp = new Uint32Array(0);
  private seenStamp = new Uint32Array(0);
  private generation = 0;
  private size = 0;

  reset(maxEntries: number): void {
    let capacity = 16;
    while (capacity < maxEntries * 2) capacity *= 2;
    if (capacity > this.keyA.length || this.generation === 0xffffffff) {
      this.keyA = new Int32Array(capacity);
      this.keyB = new Int32Array(capacity);
      this.counts = new Int32Array(capacity);
      this.order = new Int32Array(capacity);
      this.stamp = new Uint32Array(capacity);
      this.seenStamp = new Uint32Array(capacity);
      this.generation = 0;
    }
    this.mask = this.keyA.length - 1;
    this.generation++;
    this.size = 0;
  }

  /** Counts one occurrence of the key and returns its slot. */
  add(a: number, b: number): number {
    let index = mix(a ^ Math.imul(b, 0x27d4eb2d)) & this.mask;
    while (this.stamp[index] === this.generation) {
      if (this.keyA[index] === a && this.keyB[index] === b) {
        this.counts[index]++;
        return index;
      }
      index = (index + 1) & this.mask;
    }
    this.stamp[index] = this.generation;
    this.keyA[index] = a;
    this.keyB[index] = b;
    this.counts[index] = 1;
    this.order[index] = this.size++;
    return index;
  }

  count(slot: number): number {
    return this.counts[slot];
  }

  insertionOrder(slot: number): number {
    return this.order[slot];
  }

  /** Marks the slot seen; true when it already was (datatrove's `n_gram in unique`). */
  markSeen(slot: number): boolean {
    if (this.seenStamp[slot] === this.generation) return true;
    this.seenStamp[slot] = this.generation;
    return false;
  }
}

/** murmur3's finaliser: spreads every input bit over the low bits the table mask keeps. */
function mix(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

const table = new NGramTable();

/**
 * The n-grams of one length, counted. Only positions whose two (n-1)-grams both repeat can start a
 * repeating n-gram, so only those are hashed into the table; every other n-gram occurs once. Arrays
 * may be longer than `count` (they are reused across levels and documents); hashes and slots are
 * only meaningful where the n-gram was counted.
 */
interface NGramLevel {
  n: number;
  /** Number of n-grams (positions). */
  count: number;
  hashA: Int32Array;
  hashB: Int32Array;
  /** Table slot of the n-gram at each position, or -1 when it is known to occur once. */
  slots: Int32Array;
  /** Whether the n-gram at each position occurs more than once. */
  repeats: Uint8Array;
  anyRepeat: boolean;
}

/** Two level buffers used in turn (a level only reads the one before it), so no level allocates. */
class LevelBuffers {
  hashA = new Int32Array(0);
  hashB = new Int32Array(0);
  slots = new Int32Array(0);
  repeats = new Uint8Array(0);

  ensure(count: number): this {
    if (this.slots.length < count) {
      const capacity = Math.max(count, this.slots.length * 2);
      this.hashA = new Int32Array(capacity);
      this.hashB = new Int32Array(capacity);
      this.slots = new Int32Array(capacity);
      this.repeats = new Uint8Array(capacity);
    }
    return this;
  }
}

const levelBuffers = [new LevelBuffers(), new LevelBuffers()];

/** Sets `repeats` for the first `count` positions; true when any n-gram repeats. */
function markRepeats(slots: Int32Array, repeats: Uint8Array, count: number): boolean {
  let anyRepeat = false;
  for (let i = 0; i < count; i++) {
    const repeat = slots[i] >= 0 && table.count(slots[i]) > 1;
    repeats[i] = repeat ? 1 : 0;
    anyRepeat ||= repeat;
  }
  return anyRepeat;
}

function unigramLevel(tokens: Tokens): NGramLevel {
  const count = tokens.count;
  const { slots, repeats } = levelBuffers[1].ensure(count);
  table.reset(count);
  for (let i = 0; i < count; i++) slots[i] = table.add(tokens.hashA[i], tokens.hashB[i]);
  return { n: 1, count, hashA: tokens.hashA, hashB: tokens.hashB, slots, repeats, anyRepeat: markRepeats(slots, repeats, count) };
}

function nextLevel(previous: NGramLevel): NGramLevel {
  const n = previous.n + 1;
  const count = Math.max(0, previous.count - 1);
  const buffers = levelBuffers[n % 2].ensure(count);
  if (!previous.anyRepeat) return { n, count, ...buffers, anyRepeat: false };
  const { hashA, hashB, slots, repeats } = buffers;
  table.reset(count);
  for (let i = 0; i < count; i++) {
    if (!(previous.repeats[i] && previous.repeats[i + 1])) {
      slots[i] = -1;
      continue;
    }
    // The n-gram at i is determined by the overlapping (n-1)-grams at i and i+1, so their hashes are combined.
    hashA[i] = Math.imul(previous.hashA[i] ^ previous.hashA[i + 1], 0x01000193) ^ n;
    hashB[i] = Math.imul(previous.hashB[i] + (previous.hashB[i + 1] >>> 7), 0x85ebca6b) ^ (previous.hashB[i] >>> 15);
    slots[i] = table.add(hashA[i], hashB[i]);
  }
  return { n, count, hashA, hashB, slots, repeats, anyRepeat: markRepeats(slots, repeats, count) };
}

/**
 * datatrove `find_top_duplicate`: characters covered by the most frequent n-gram (first seen wins
 * ties), its length measured as datatrove does, tokens joined by one space. Reads the table as
 * `nextLevel` left it.
 */
function topDuplicateChars(level: NGramLevel, prefix: Int32Array): number {
  if (level.count === 0) return 0;
  let bestCount = 1;
  let bestOrder = -1;
  let bestStart = 0;
  for (let i = 0; level.anyRepeat && i < level.count; i++) {
    if (!level.repeats[i]) continue;
    const seen = table.count(level.slots[i]);
    const order = table.insertionOrder(level.slots[i]);
    if (seen > bestCount || (seen === bestCount && order < bestOrder)) {
      bestCount = seen;
      bestOrder = order;
      bestStart = i;
    }
  }
  const chars = prefix[bestStart + level.n] - prefix[bestStart] + level.n - 1;
  return chars * bestCount;
}

/** datatrove `find_all_duplicate`: characters of n-grams (tokens joined without spaces) that repeat an earlier one, skipping past each repeat. */
function duplicateChars(level: NGramLevel, prefix: Int32Array): number {
  if (!level.anyRepeat) return 0;
  const count = level.count;
  let repeated = 0;
  let i = 0;
  while (i < count) {
    if (level.repeats[i] && table.markSeen(level.slots[i])) {
      repeated += prefix[i + level.n] - prefix[i];
      i += level.n;
    } else {
      i++;
    }
  }
  return repeated;
}

/** The n-gram sizes whose rule is on, with their thresholds. */
function enabledSizes(thresholds: Record<string, number | null>): Map<number, number> {
  const enabled = new Map<number, number>();
  for (const [n, limit] of Object.entries(thresholds)) if (limit !== null) enabled.set(Number(n), limit);
  return enabled;
}

/** The n-gram measures on jieba tokens: `top_N_gram` and `dup_N_gram` fractions of the text's characters. */
function nGramScores(tokens: Tokens, chars: number, topLimits: Map<number, number>, dupLimits: Map<number, number>) {
  const prefix = new Int32Array(tokens.count + 1);
  for (let i = 0; i < tokens.count; i++) prefix[i + 1] = prefix[i] + tokens.length[i];
  const largest = Math.max(0, ...topLimits.keys(), ...dupLimits.keys());
  const scores: Record<string, number> = {};
  const topChecks: Check[] = [];
  const dupChecks: Check[] = [];
  let level = unigramLevel(tokens);
  while (level.n < largest) {
    level = nextLevel(level);
    const topLimit = topLimits.get(level.n);
    if (topLimit !== undefined) {
      const value = ratio(topDuplicateChars(level, prefix), chars);
      scores[`top_${level.n}_gram`] = value;
      topChecks.push(above(`top_${level.n}_gram`, value, topLimit));
    }
    const dupLimit = dupLimits.get(level.n);
    if (dupLimit !== undefined) {
      const value = ratio(duplicateChars(level, prefix), chars);
      scores[`dup_${level.n}_gram`] = value;
      dupChecks.push(above(`dup_${level.n}_gram`, value, dupLimit));
    }
  }
  return { scores, checks: [...topChecks, ...dupChecks] };
}

/** Gopher repetition rules (datatrove `GopherRepetitionFilter`) with n-grams over jieba tokens. */
export function gopherRepetition(options: GopherRepetitionOptions) {
  const top = enabledSizes(options.top_n_grams);
  const dup = enabledSizes(options.dup_n_grams);
  const paragraphsNeeded = options.dup_para_frac !== null || options.dup_para_char_frac !== null;
  return (text: string, lines: readonly string[], chars: number, tokens: () => Tokens) => {
    const scores: Record<string, number> = {};
    const checks: Check[] = [];
    if (paragraphsNeeded) {
      const paragraphs = text.trim().split(/\n{2,}/);
      const duplicates = findDuplicates(paragraphs);
      scores.dup_para_frac = ratio(duplicates.elements, paragraphs.length);
      scores.dup_para_char_frac = ratio(duplicates.chars, chars);
      checks.push(above('dup_para_frac', scores.dup_para_frac, options.dup_para_frac));
      checks.push(above('dup_para_char_frac', scores.dup_para_char_frac, options.dup_para_char_frac));
    }
    const nonEmpty = lines.filter((line) => line !== '');
    const lineDuplicates = findDuplicates(nonEmpty);
    scores.dup_line_frac = ratio(lineDuplicates.elements, nonEmpty.length);
    scores.dup_line_char_frac = ratio(lineDuplicates.chars, chars);
    checks.push(above('dup_line_frac', scores.dup_line_frac, options.dup_line_frac));
    checks.push(above('dup_line_char_frac', scores.dup_line_char_frac, options.dup_line_char_frac));
    const grams = nGramScores(tokens(), chars, top, dup);
    return { scores: { ...scores, ...grams.scores }, checks: [...checks, ...grams.checks] };
  };
}

export const gopherRepetitionStep = defineStep({
  type: 'gopher_repetition',
  summary: 'Gopher repetition rules: duplicate lines/paragraphs and top/duplicate jieba n-gram character fractions, FineWeb-2 cmn_Hani thresholds.',
  options: gopherRepetitionOptions,
  create: (options, name) => {
    const evaluate = gopherRepetition(options);
    return documentFilter(name, options.mode, (doc) => {
      const analysis = analysisOf(doc);
      return evaluate(doc.text, analysis.lines, analysis.chars, () => analysis.tokens);
    });
  },
});
