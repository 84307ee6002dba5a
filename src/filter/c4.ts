import { z } from 'zod';
import type { Document } from '../core/document.js';
import { applyLineRemovals, type LineRemoval } from '../core/lines.js';
import { defineStep, type StepContext, type StreamStep } from '../core/step.js';
import { endsWithTerminalPunctuation, TERMINAL_PUNCTUATION } from '../text/words.js';
import { analysisOf, rememberAnalysis, WORD, type TextAnalysis } from './analysis.js';
import { annotate, modeOption } from './common.js';

/** C4's policy substrings (datatrove `POLICY_SUBSTRINGS`) plus their usual Chinese forms. */
export const POLICY_SUBSTRINGS = [
  'terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies',
  '隐私政策', '隐私条款', '隐私声明', '使用条款', '服务条款', '用户协议', '使用cookie', '使用 cookie',
];

export const c4Options = z
  .object({
    mode: modeOption,
    /** Off by default as in FineWeb: most Chinese web lines are headings and list items. */
    filter_no_terminal_punct: z.boolean().default(false),
    min_num_sentences: z.number().int().nullable().default(5),
    min_words_per_line: z.number().int().nullable().default(3),
    max_word_length: z.number().int().nullable().default(1000),
    filter_lorem_ipsum: z.boolean().default(true),
    filter_javascript: z.boolean().default(true),
    filter_curly_bracket: z.boolean().default(true),
    filter_policy: z.boolean().default(true),
    policy_substrings: z.array(z.string().min(1)).default(POLICY_SUBSTRINGS),
  })
  .strict();

export type C4Options = z.output<typeof c4Options>;

const FULL_STOP = 0x2e;
const END_MARK = 1;
const SPACE = 2;
/** Per UTF-16 unit: END_MARK for sentence-final marks, SPACE for the blanks a `.` must precede. */
const SENTENCE_CLASS = new Uint8Array(0x10000);
for (const mark of TERMINAL_PUNCTUATION) SENTENCE_CLASS[mark.charCodeAt(0)] = END_MARK;
for (const space of [0x20, 0x09, 0x0a, 0x0d, 0x3000, 0xa0]) SENTENCE_CLASS[space] = SPACE;

/**
 * Sentences in a line: runs of CJK or ASCII end marks close a sentence, plus a trailing unfinished
 * one. A `.` only ends a sentence before whitespace or the line end, so `3.14` and URLs stay whole.
 */
export function countSentences(line: string): number {
  let sentences = 0;
  let open = false;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    const kind = SENTENCE_CLASS[code];
    const isEnd = kind === END_MARK && (code !== FULL_STOP || i + 1 === line.length || SENTENCE_CLASS[line.charCodeAt(i + 1)] === SPACE);
    if (isEnd) {
      if (open) sentences++;
      open = false;
    } else if (kind !== SPACE) {
      open = true;
    }
  }
  return open ? sentences + 1 : sentences;
}

const HAS_UPPER_ASCII = /[A-Z]/;

/** Lower-cases only when needed: most Chinese lines have no ASCII capitals, and copying them is wasted work. */
function lowerAscii(line: string): string {
  return HAS_UPPER_ASCII.test(line) ? line.toLowerCase() : line;
}

function endsWithEllipsis(line: string): boolean {
  return line.endsWith('...') || line.endsWith('…');
}

/** Per-line word counts and longest word, from the shared jieba tokens. */
function lineWordStats(analysis: TextAnalysis): { words: Int32Array; longest: Int32Array } {
  const lineCount = analysis.lines.length;
  const words = new Int32Array(lineCount);
  const longest = new Int32Array(lineCount);
  const tokens = analysis.tokens;
  for (let i = 0; i < tokens.count; i++) {
    const line = tokens.line[i];
    if (tokens.flags[i] & WORD) words[line]++;
    if (tokens.length[i] > longest[line]) longest[line] = tokens.length[i];
  }
  return { words, longest };
}

interface C4Verdict {
  lineRemovals: LineRemoval[];
  docRemoval?: { rule: string; value: number | string; threshold: number | string | boolean };
  sentences: number;
}

/**
 * datatrove `C4QualityFilter` in its rule order, with jieba words per line and CJK end marks.
 * Lines are judged one by one; the first document rule that fires (lorem ipsum, `{`) ends the walk.
 */
export function judgeC4(analysis: TextAnalysis, options: C4Options): C4Verdict {
  const { words, longest } = lineWordStats(analysis);
  const lineRemovals: LineRemoval[] = [];
  let sentences = 0;
  const lines = analysis.lines;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '') continue;
    if (options.max_word_length !== null && longest[index] > options.max_word_length) {
      lineRemovals.push({ index, rule: 'long_word', value: longest[index], threshold: options.max_word_length });
      continue;
    }
    if (options.filter_no_terminal_punct && (!endsWithTerminalPunctuation(line) || endsWithEllipsis(line))) {
      lineRemovals.push({ index, rule: 'no_terminal_punct', value: line.slice(-1), threshold: true });
      continue;
    }
    if (options.min_words_per_line !== null && words[index] < options.min_words_per_line) {
      lineRemovals.push({ index, rule: 'few_words', value: words[index], threshold: options.min_words_per_line });
      continue;
    }
    const lower = lowerAscii(line);
    if (options.filter_lorem_ipsum && lower.includes('lorem ipsum')) {
      return { lineRemovals, sentences, docRemoval: { rule: 'lorem_ipsum', value: index, threshold: 'lorem ipsum' } };
    }
    if (options.filter_javascript && lower.includes('javascript')) {
      lineRemovals.push({ index, rule: 'javascript', value: 'javascript', threshold: true });
      continue;
    }
    if (options.filter_curly_bracket && line.includes('{')) {
      return { lineRemovals, sentences, docRemoval: { rule: 'curly_bracket', value: index, threshold: '{' } };
    }
    if (options.filter_policy) {
      const policy = options.policy_substrings.find((substring) => lower.includes(substring));
      if (policy !== undefined) {
        lineRemovals.push({ index, rule: 'policy', value: policy, threshold: true });
        continue;
      }
    }
    sentences += countSentences(line);
  }
  if (options.min_num_sentences !== null && sentences < options.min_num_sentences) {
    return { lineRemovals, sentences, docRemoval: { rule: 'too_few_sentences', value: sentences, threshold: options.min_num_sentences } };
  }
  return { lineRemovals, sentences };
}

function c4Filter(name: string, options: C4Options): StreamStep {
  return {
    kind: 'stream',
    name,
    async *run(docs, ctx) {
      for await (const doc of docs) {
        const analysis = analysisOf(doc);
        const verdict = judgeC4(analysis, options);
        annotate(doc, ctx.step, { sentences: verdict.sentences, lines_removed: verdict.lineRemovals.length });
        if (options.mode === 'annotate') {
          yield doc;
          continue;
        }
        if (verdict.docRemoval) {
          ctx.remove(doc, verdict.docRemoval);
          continue;
        }
        yield removeLines(doc, analysis, verdict.lineRemovals, ctx);
      }
    },
  };
}

function removeLines(doc: Document, analysis: TextAnalysis, removals: LineRemoval[], ctx: StepContext): Document {
  if (removals.length === 0) return doc;
  const remaining = analysis.withoutLines(new Set(removals.map((removal) => removal.index)));
  applyLineRemovals(doc, ctx, removals);
  rememberAnalysis(doc, remaining);
  return doc;
}

export const c4Step = defineStep({
  type: 'c4',
  summary: 'C4 line and document rules with jieba words and CJK end marks (javascript/policy lines, short lines, lorem ipsum, `{`, minimum sentences); the terminal-punctuation line rule is off by default as in FineWeb.',
  options: c4Options,
  create: (options, name) => c4Filter(name, { ...options, policy_substrings: options.policy_substrings.map((substring) => substring.toLowerCase()) }),
});
