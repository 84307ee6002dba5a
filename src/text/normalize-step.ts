import { z } from 'zod';
import { defineStep, perDocument } from '../core/step.js';
import { normalizeText } from './normalize.js';

export const normalizeOptions = z
  .object({
    fold_full_width: z.boolean().default(true),
    strip_invisible: z.boolean().default(true),
    whitespace: z.boolean().default(true),
    /** Share of characters inside mojibake runs above which the document is flagged `mojibake`. */
    mojibake_flag_ratio: z.number().min(0).max(1).default(0.01),
    /** Share of U+FFFD characters above which the document is flagged `replacement_chars`. */
    replacement_flag_ratio: z.number().min(0).max(1).default(0.001),
  })
  .strict();

function addFlag(flags: unknown, flag: string): string[] {
  const list = Array.isArray(flags) ? (flags as string[]) : [];
  return list.includes(flag) ? list : [...list, flag];
}

export const normalizeStep = defineStep({
  type: 'normalize',
  summary: 'NFC, full-width letters/digits to ASCII (CJK punctuation kept), invisible characters out, whitespace tidied, mojibake flagged.',
  options: normalizeOptions,
  create(options, name) {
    const settings = { foldFullWidth: options.fold_full_width, stripInvisible: options.strip_invisible, whitespace: options.whitespace };
    return perDocument(name, (doc, ctx) => {
      const result = normalizeText(doc.text, settings);
      const length = Math.max(1, result.text.length);
      if (result.changedChars > 0) {
        ctx.counters.add('docs_changed');
        ctx.counters.add('chars_changed', result.changedChars);
      }
      if (result.loneSurrogates > 0) ctx.counters.add('lone_surrogates', result.loneSurrogates);
      const mojibakeRatio = result.mojibakeChars / length;
      const replacementRatio = result.replacementChars / length;
      if (result.mojibakeChars > 0) doc.taomi.mojibake_ratio = Math.round(mojibakeRatio * 10000) / 10000;
      if (result.replacementChars > 0) doc.taomi.replacement_ratio = Math.round(replacementRatio * 10000) / 10000;
      if (mojibakeRatio > options.mojibake_flag_ratio) {
        doc.taomi.flags = addFlag(doc.taomi.flags, 'mojibake');
        ctx.counters.add('flag.mojibake');
      }
      if (replacementRatio > options.replacement_flag_ratio) {
        doc.taomi.flags = addFlag(doc.taomi.flags, 'replacement_chars');
        ctx.counters.add('flag.replacement_chars');
      }
      doc.text = result.text;
      return doc;
    });
  },
});
