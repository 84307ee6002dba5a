import { z } from 'zod';
import { defineStep } from '../core/step.js';
import { below, documentFilter, modeOption, ratio, threshold } from './common.js';
import { isHanCodePoint } from '../text/han.js';

/** ChineseWebText `preprocess.py` shape rules (anchors §1.6), with the full Han ranges. */
export const zhShapeOptions = z
  .object({
    mode: modeOption,
    /** CWT drops texts of 200 code points or fewer. */
    min_chars: threshold(201),
    min_han_ratio: threshold(0.3),
    min_mean_line_length: threshold(10),
  })
  .strict();

export type ZhShapeOptions = z.output<typeof zhShapeOptions>;


/** Code points, Han code points, and the mean length of non-empty lines, in one pass. */
export function shapeOf(text: string): { chars: number; han: number; meanLineLength: number } {
  let chars = 0;
  let han = 0;
  let lines = 0;
  let lineChars = 0;
  let currentLine = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    chars++;
    if (code === 0x0a) {
      if (currentLine > 0) {
        lines++;
        lineChars += currentLine;
      }
      currentLine = 0;
      continue;
    }
    if (isHanCodePoint(code)) han++;
    currentLine++;
  }
  if (currentLine > 0) {
    lines++;
    lineChars += currentLine;
  }
  return { chars, han, meanLineLength: ratio(lineChars, lines) };
}

export function zhShape(options: ZhShapeOptions) {
  return (text: string) => {
    const shape = shapeOf(text);
    const hanRatio = ratio(shape.han, shape.chars);
    return {
      scores: { chars: shape.chars, han_ratio: hanRatio, mean_line_length: shape.meanLineLength },
      checks: [
        below('too_short', shape.chars, options.min_chars),
        below('han_ratio', hanRatio, options.min_han_ratio),
        below('mean_line_length', shape.meanLineLength, options.min_mean_line_length),
      ],
    };
  };
}

export const zhShapeStep = defineStep({
  type: 'zh_shape',
  summary: 'ChineseWebText shape rules: length, Han ratio (full CJK ranges incl. Extensions and 〇) and mean line length.',
  options: zhShapeOptions,
  create: (options, name) => {
    const evaluate = zhShape(options);
    return documentFilter(name, options.mode, (doc) => evaluate(doc.text));
  },
});
