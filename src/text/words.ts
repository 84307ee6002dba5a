import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

let jieba: Jieba | undefined;

/** The process-wide jieba segmenter, loaded on first use (~250 ms, ~100 MB). */
export function segmenter(): Jieba {
  if (!jieba) {
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

/** Sentence-final marks, CJK and ASCII, full- and half-width. */
export const TERMINAL_PUNCTUATION = new Set(['。', '！', '？', '…', '；', '!', '?', '.', '．', '｡', ';', '～']);

/** Closing quotes and brackets that may follow a sentence-final mark (`……。”`). */
const CLOSERS = new Set(['”', '’', '"', "'", '」', '』', '）', ')', '】', '》', ' ']);

/** Whether a line ends a sentence, looking through trailing closing quotes and brackets. */
export function endsWithTerminalPunctuation(line: string): boolean {
  let end = line.length - 1;
  while (end >= 0 && CLOSERS.has(line[end])) end--;
  return end >= 0 && TERMINAL_PUNCTUATION.has(line[end]);
}

/** Characters that are neither letters nor digits in any script (used to drop punctuation tokens). */
const NON_WORD = /^[\p{P}\p{S}\p{Z}\s]+$/u;

/**
 * Words of a text as jieba segments them, without whitespace and punctuation tokens.
 * Every word-based measure in taomi counts these, never whitespace-split tokens.
 */
export function words(text: string): string[] {
  return segmenter()
    .cut(text, false)
    .filter((token) => !NON_WORD.test(token));
}
