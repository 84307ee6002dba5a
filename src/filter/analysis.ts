import { codePointLength, type Document } from '../core/document.js';
import { segmenter } from '../text/words.js';
import { isHanCodePoint } from '../text/han.js';

/** Token flag: the token has a character that is not punctuation or a symbol (datatrove's "non-symbol word"). */
export const WORD = 1;
/** Token flag: the token has a letter in any script, Han included (Python's `str.isalpha` on one char). */
export const LETTER = 2;

/**
 * jieba tokens of a text without whitespace tokens, the way datatrove's `split_into_words` sees them
 * (punctuation tokens included), as per-token facts so every filter works from one segmentation.
 * The token strings themselves are not kept: filters compare tokens by two independent 32-bit hashes,
 * which lets the strings die young instead of burdening the garbage collector.
 */
export interface Tokens {
  readonly count: number;
  /** Length of each token in code points. */
  readonly length: Int32Array;
  /** WORD | LETTER bits per token. */
  readonly flags: Uint8Array;
  /** 0-based index of the `\n`-separated line each token is on. */
  readonly line: Int32Array;
  readonly hashA: Int32Array;
  readonly hashB: Int32Array;
}

const HASH_A_SEED = 0x811c9dc5;
const HASH_B_SEED = 0x9747b28c;

/** One UTF-16 unit into the FNV-1a hash. */
function mixA(a: number, code: number): number {
  return Math.imul(a ^ code, 0x01000193);
}

/** One UTF-16 unit into the second, multiplicative hash. */
function mixB(b: number, code: number): number {
  return Math.imul(b + code, 0x5bd1e995) ^ (b >>> 13);
}

/** The two 32-bit hashes `Tokens` keeps for a token (FNV-1a, and a multiplicative one). */
export function hashToken(token: string): [number, number] {
  let a = HASH_A_SEED;
  let b = HASH_B_SEED;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    a = mixA(a, code);
    b = mixB(b, code);
  }
  return [a, b];
}

const HAS_LETTER = /\p{L}/u;
const HAS_NON_SYMBOL = /[^\p{P}\p{S}\s]/u;
const WHITESPACE_ONLY = /^\s+$/u;


function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** Flags of one-unit tokens (punctuation is most of them), filled on first sight; bit 7 marks a known entry. */
const SINGLE_UNIT_FLAGS = new Uint8Array(0x10000);
const KNOWN = 0x80;

/** WORD/LETTER flags of one token; the first-character fast path covers nearly every Chinese token. */
function tokenFlags(token: string): number {
  const first = token.charCodeAt(0);
  if (isHanCodePoint(first) || isAsciiLetter(first)) return WORD | LETTER;
  if (token.length === 1) {
    const known = SINGLE_UNIT_FLAGS[first];
    if (known & KNOWN) return known & ~KNOWN;
    const flags = regexFlags(token);
    SINGLE_UNIT_FLAGS[first] = flags | KNOWN;
    return flags;
  }
  return regexFlags(token);
}

function regexFlags(token: string): number {
  if (HAS_LETTER.test(token)) return WORD | LETTER;
  return HAS_NON_SYMBOL.test(token) ? WORD : 0;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Cheap pre-check so the whitespace regex only runs on tokens that may be whitespace. */
function startsWithSpace(code: number): boolean {
  return code <= 0x20 || code === 0x3000 || code === 0xa0 || code === 0x85 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x1680 || code === 0xfeff;
}

function segment(text: string): Tokens {
  const raw = segmenter().cut(text, false);
  const length = new Int32Array(raw.length);
  const flags = new Uint8Array(raw.length);
  const line = new Int32Array(raw.length);
  const hashA = new Int32Array(raw.length);
  const hashB = new Int32Array(raw.length);
  let count = 0;
  let lineIndex = 0;
  for (let t = 0; t < raw.length; t++) {
    const token = raw[t];
    if (token.length === 0) continue;
    const first = token.charCodeAt(0);
    if (startsWithSpace(first) && (token === '\n' || WHITESPACE_ONLY.test(token))) {
      lineIndex += token === '\n' ? 1 : countNewlines(token);
      continue;
    }
    // hashToken and codePointLength in one pass over the token.
    let a = HASH_A_SEED;
    let b = HASH_B_SEED;
    let pairs = 0;
    for (let i = 0; i < token.length; i++) {
      const code = token.charCodeAt(i);
      a = mixA(a, code);
      b = mixB(b, code);
      if ((code & 0xfc00) === 0xdc00 && i > 0 && (token.charCodeAt(i - 1) & 0xfc00) === 0xd800) pairs++;
    }
    hashA[count] = a;
    hashB[count] = b;
    length[count] = token.length - pairs;
    flags[count] = tokenFlags(token);
    line[count] = lineIndex;
    count++;
  }
  return {
    count,
    length: length.subarray(0, count),
    flags: flags.subarray(0, count),
    line: line.subarray(0, count),
    hashA: hashA.subarray(0, count),
    hashB: hashB.subarray(0, count),
  };
}

/** Facts about one document text, each computed at most once and only when a filter asks. */
export class TextAnalysis {
  private cachedLines?: string[];
  private cachedChars?: number;
  private cachedTokens?: Tokens;

  constructor(
    readonly text: string,
    tokens?: Tokens,
  ) {
    this.cachedTokens = tokens;
  }

  /** Lines split on `\n` (empty lines included, as `text.split('\n')`). */
  get lines(): string[] {
    return (this.cachedLines ??= this.text.split('\n'));
  }

  /** Length of the text in code points. */
  get chars(): number {
    return (this.cachedChars ??= codePointLength(this.text));
  }

  /** jieba tokens; the one segmentation every word-based filter shares. */
  get tokens(): Tokens {
    return (this.cachedTokens ??= segment(this.text));
  }

  /**
   * The analysis of the text with the given lines dropped (joined as `applyLineRemovals` joins them),
   * reusing the tokens: jieba never joins tokens across a newline, so no re-segmentation is needed.
   */
  withoutLines(removed: ReadonlySet<number>): TextAnalysis {
    const lines = this.lines;
    const newIndex = new Int32Array(lines.length);
    const kept: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      newIndex[i] = kept.length;
      if (!removed.has(i)) kept.push(lines[i]);
    }
    const derived = new TextAnalysis(kept.join('\n'), this.cachedTokens && dropLines(this.cachedTokens, removed, newIndex));
    derived.cachedLines = kept;
    return derived;
  }
}

function dropLines(tokens: Tokens, removed: ReadonlySet<number>, newIndex: Int32Array): Tokens {
  const keep: number[] = [];
  for (let i = 0; i < tokens.count; i++) if (!removed.has(tokens.line[i])) keep.push(i);
  const pick = <T extends Int32Array | Uint8Array>(from: T, into: T): T => {
    keep.forEach((source, target) => {
      into[target] = from[source];
    });
    return into;
  };
  const line = new Int32Array(keep.length);
  keep.forEach((source, target) => {
    line[target] = newIndex[tokens.line[source]];
  });
  return {
    count: keep.length,
    length: pick(tokens.length, new Int32Array(keep.length)),
    flags: pick(tokens.flags, new Uint8Array(keep.length)),
    line,
    hashA: pick(tokens.hashA, new Int32Array(keep.length)),
    hashB: pick(tokens.hashB, new Int32Array(keep.length)),
  };
}

const cache = new WeakMap<Document, TextAnalysis>();

/** The shared analysis of a document's current text; recomputed only when the text has changed. */
export function analysisOf(doc: Document): TextAnalysis {
  const cached = cache.get(doc);
  if (cached && cached.text === doc.text) return cached;
  const fresh = new TextAnalysis(doc.text);
  cache.set(doc, fresh);
  return fresh;
}

/** Records the analysis of a text a step has just written to doc.text (keeps its tokens valid). */
export function rememberAnalysis(doc: Document, analysis: TextAnalysis): void {
  if (analysis.text === doc.text) cache.set(doc, analysis);
}
