import { z } from 'zod';
import { defineStep } from '../core/step.js';
import { endsWithTerminalPunctuation } from '../text/words.js';
import { codePointLength } from '../core/document.js';
import { analysisOf, type Tokens } from './analysis.js';
import { above, below, documentFilter, modeOption, ratio, threshold, type Check } from './common.js';
import { findDuplicates } from './gopher-repetition.js';

/** FineWeb-2 `cmn_Hani` thresholds (anchors §1.1): short-line rule off, char duplicates 0.1. */
export const finewebQualityOptions = z
  .object({
    mode: modeOption,
    line_punct_thr: threshold(0.106),
    /** Keep documents with no punctuated line at all (datatrove `line_punct_exclude_zero`). */
    line_punct_exclude_zero: z.boolean().default(false),
    short_line_thr: threshold(null),
    short_line_length: z.number().int().positive().default(30),
    char_duplicates_ratio: threshold(0.1),
    new_line_ratio: threshold(0.178),
  })
  .strict();

export type FinewebQualityOptions = z.output<typeof finewebQualityOptions>;

/**
 * datatrove `FineWebQualityFilter`: lines ending in an end mark (CJK marks, looking through closing
 * quotes), short lines, characters in duplicated lines, and newlines per jieba token.
 */
export function finewebQuality(options: FinewebQualityOptions) {
  return (allLines: readonly string[], chars: number, tokens: () => Tokens) => {
    const lines = allLines.filter((line) => line.trim() !== '');
    if (lines.length === 0) {
      return { scores: { lines: 0 }, checks: [{ rule: 'empty', value: 0, threshold: 1, failed: true }] };
    }
    let punctuated = 0;
    let short = 0;
    for (const line of lines) {
      if (endsWithTerminalPunctuation(line.trimEnd())) punctuated++;
      if (codePointLength(line) <= options.short_line_length) short++;
    }
    const lineCount = lines.length;
    const linePunct = punctuated / lineCount;
    const shortLines = short / lineCount;
    const newlines = allLines.length - 1;
    const charDuplicates = ratio(findDuplicates(lines).chars, chars - newlines);
    const newLineRatio = newlines === 0 ? 0 : ratio(newlines, tokens().count);
    const scores = { line_punct_ratio: linePunct, short_line_ratio: shortLines, char_dup_ratio: charDuplicates, new_line_ratio: newLineRatio };
    const punctCheck = below('line_punct_ratio', linePunct, options.line_punct_thr);
    if (linePunct === 0 && options.line_punct_exclude_zero) punctCheck.failed = false;
    const checks: Check[] = [
      punctCheck,
      above('short_line_ratio', shortLines, options.short_line_thr),
      above('char_dup_ratio', charDuplicates, options.char_duplicates_ratio),
      above('new_line_ratio', newLineRatio, options.new_line_ratio),
    ];
    return { scores, checks };
  };
}

export const finewebQualityStep = defineStep({
  type: 'fineweb_quality',
  summary: 'FineWeb quality rules with CJK end marks and FineWeb-2 cmn_Hani thresholds (punctuated-line ratio, duplicated-line chars, newlines per word; short-line rule off).',
  options: finewebQualityOptions,
  create: (options, name) => {
    const evaluate = finewebQuality(options);
    return documentFilter(name, options.mode, (doc) => {
      const analysis = analysisOf(doc);
      return evaluate(analysis.lines, analysis.chars, () => analysis.tokens);
    });
  },
});
