import { z } from 'zod';
import { defineStep } from '../core/step.js';
import { codePointLength } from '../core/document.js';
import { analysisOf, hashToken, LETTER, WORD, type Tokens } from './analysis.js';
import { above, below, documentFilter, modeOption, ratio, threshold, type Check } from './common.js';

/** FineWeb-2's `cmn_Hani` stop words: both scripts mixed, as FW2 ships them (anchors §1.1). */
export const FINEWEB2_ZH_STOP_WORDS = [
  '的', '年', '在', '月', '是', '和', '日', '了', '於', '·', '為',
  '有', '被', '人', '中', '为', '他', '與', '後', '也', '而', '由',
];

/** Line starts counted as bullets: datatrove's `•` and `-`, plus the bullets Chinese pages use. */
export const BULLETS = ['•', '-', '●', '○', '■', '□', '◆', '◇', '▪', '★', '☆', '*', '·'];

export const gopherQualityOptions = z
  .object({
    mode: modeOption,
    min_doc_words: threshold(50),
    max_doc_words: threshold(100_000),
    min_avg_word_length: threshold(1),
    max_avg_word_length: threshold(5),
    max_symbol_word_ratio: threshold(0.1),
    max_bullet_lines_ratio: threshold(0.9),
    max_ellipsis_lines_ratio: threshold(0.3),
    min_alpha_words_ratio: threshold(0.735),
    min_stop_words: threshold(2),
    stop_words: z.array(z.string().min(1)).default(FINEWEB2_ZH_STOP_WORDS),
    bullets: z.array(z.string().min(1)).default(BULLETS),
  })
  .strict();

export type GopherQualityOptions = z.output<typeof gopherQualityOptions>;

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}

function endsWithEllipsis(line: string): boolean {
  const trimmed = line.trimEnd();
  return trimmed.endsWith('...') || trimmed.endsWith('…');
}

/**
 * Gopher quality rules (datatrove `GopherQualityFilter`) on jieba tokens. Like datatrove, the word
 * count and mean length use tokens that are not only punctuation, while the hash/ellipsis, alphabetic
 * and stop-word ratios use every non-whitespace token, punctuation included (FW2 calibrated on that).
 */
export function gopherQuality(options: GopherQualityOptions) {
  const stopWords = new StopWords(options.stop_words);
  return (text: string, tokens: Tokens, lines: string[]) => measure(text, tokens, lines, options, stopWords);
}

/** Stop words as token hashes (the analysis keeps hashes, not strings). */
class StopWords {
  private readonly byHashA = new Map<number, number>();
  /** Longer tokens cannot be stop words, which spares most tokens the map lookup. */
  private readonly longest: number;

  constructor(words: readonly string[]) {
    for (const word of words) {
      const [a, b] = hashToken(word);
      this.byHashA.set(a, b);
    }
    this.longest = Math.max(0, ...words.map(codePointLength));
  }

  has(tokens: Tokens, index: number): boolean {
    return tokens.length[index] <= this.longest && this.byHashA.get(tokens.hashA[index]) === tokens.hashB[index];
  }
}

function measure(text: string, tokens: Tokens, lines: string[], options: GopherQualityOptions, stopWords: StopWords) {
  let words = 0;
  let wordChars = 0;
  let alphabetic = 0;
  let stopWordCount = 0;
  for (let i = 0; i < tokens.count; i++) {
    const flags = tokens.flags[i];
    if (flags & WORD) {
      words++;
      wordChars += tokens.length[i];
    }
    if (flags & LETTER) alphabetic++;
    if (stopWords.has(tokens, i)) stopWordCount++;
  }
  const allTokens = tokens.count;
  const nonEmptyLines = lines.length;
  let bulletLines = 0;
  let ellipsisLines = 0;
  for (const line of lines) {
    const start = line.trimStart();
    if (options.bullets.some((bullet) => start.startsWith(bullet))) bulletLines++;
    if (endsWithEllipsis(line)) ellipsisLines++;
  }
  const meanWordLength = ratio(wordChars, words);
  const scores = {
    words,
    mean_word_length: meanWordLength,
    hash_ratio: ratio(countOccurrences(text, '#'), allTokens),
    ellipsis_ratio: ratio(countOccurrences(text, '...') + countOccurrences(text, '…'), allTokens),
    bullet_lines: ratio(bulletLines, nonEmptyLines),
    ellipsis_lines: ratio(ellipsisLines, nonEmptyLines),
    alpha_words: ratio(alphabetic, allTokens),
    stop_words: stopWordCount,
  };
  const checks: Check[] = [
    below('too_few_words', words, options.min_doc_words),
    above('too_many_words', words, options.max_doc_words),
    below('mean_word_length_low', meanWordLength, options.min_avg_word_length),
    above('mean_word_length_high', meanWordLength, options.max_avg_word_length),
    above('hash_ratio', scores.hash_ratio, options.max_symbol_word_ratio),
    above('ellipsis_ratio', scores.ellipsis_ratio, options.max_symbol_word_ratio),
    above('bullet_lines', scores.bullet_lines, options.max_bullet_lines_ratio),
    above('ellipsis_lines', scores.ellipsis_lines, options.max_ellipsis_lines_ratio),
    below('alpha_words', scores.alpha_words, options.min_alpha_words_ratio),
    below('stop_words', stopWordCount, options.min_stop_words),
  ];
  return { scores, checks };
}

export const gopherQualityStep = defineStep({
  type: 'gopher_quality',
  summary: 'Gopher quality rules on jieba words with FineWeb-2 cmn_Hani thresholds (word count, mean word length, symbols, bullets, ellipses, alphabetic words, stop words).',
  options: gopherQualityOptions,
  create: (options, name) => {
    const evaluate = gopherQuality(options);
    return documentFilter(name, options.mode, (doc) => {
      const analysis = analysisOf(doc);
      const lines = analysis.lines.filter((line) => line.trim() !== '');
      return evaluate(doc.text, analysis.tokens, lines);
    });
  },
});
